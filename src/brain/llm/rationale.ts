/** Longest rationale kept from a model: enough for a PR body or an audit line, not a channel. */
export const MAX_KEPT_RATIONALE_CHARS = 600;

/**
 * The model name as shown next to its rationale. Reported by the endpoint, so untrusted: only a
 * name-like string survives, anything else reads as "unnamed model".
 */
export function modelLabel(reported: string, configured: string | undefined): string {
  const candidate = reported.trim() || configured || "";
  return /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,99}$/.test(candidate) ? candidate : "unnamed model";
}

/**
 * A model's rationale as it may be kept: control and invisible format characters removed,
 * whitespace folded to one line, length capped, and labelled as written by the model, so no
 * reader mistakes it for ops-warden's own words. Secrets are redacted by the caller's scanner.
 */
export function keptRationale(text: string, model: string): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const capped = flat.length > MAX_KEPT_RATIONALE_CHARS ? `${flat.slice(0, MAX_KEPT_RATIONALE_CHARS)}…` : flat;
  return `model-written (${model}): ${capped || "(no rationale)"}`;
}
