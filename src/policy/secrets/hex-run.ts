/**
 * Whether `text` holds `length` hexadecimal digits in a row: one pass over char codes. A gate for
 * the hex-blob patterns (every match of one is such a run), which otherwise try a look-behind and
 * a run at every position of every text, and most texts have no run that long.
 */
export function hasHexRun(text: string, length: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    run = hex ? run + 1 : 0;
    if (run >= length) return true;
  }
  return false;
}
