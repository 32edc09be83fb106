/** Every string inside a value (an entry's title, summary, match phrases…), one per line. */
export function stringsOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(stringsOf).join("\n");
  if (value !== null && typeof value === "object") return Object.values(value).map(stringsOf).join("\n");
  return "";
}
