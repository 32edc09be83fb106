/**
 * Invalid UTF-8 survives decoding as U+FFFD (we decode without `fatal` so one bad message cannot
 * sink a whole page), and JSON `\uD800` escapes survive as lone surrogates. Either means the text
 * is not what the sender wrote, so the message is quarantined instead of planned.
 */
const BROKEN_TEXT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isBrokenText(text: string): boolean {
  return BROKEN_TEXT.test(text);
}

/** The path of the first string (key or value) in `value` that holds broken text, if any. */
export function findBrokenText(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return isBrokenText(value) ? path || "(value)" : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const hit = findBrokenText(item, `${path}[${index}]`);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (isBrokenText(key)) return here;
      const hit = findBrokenText(item, here);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}
