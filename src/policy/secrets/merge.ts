import type { SecretFinding } from "../../domain/secrets.ts";

/**
 * Deterministic, compact findings: sorted by position; a finding whose span lies inside an
 * already-kept one is dropped (the wider one redacts it anyway); overlapping findings of the same
 * rule become one span. Overlaps between different rules are kept so the verdict can name each.
 */
export function mergeFindings(findings: readonly SecretFinding[]): SecretFinding[] {
  const sorted = [...findings].sort(
    (a, b) => a.start - b.start || b.end - a.end || rank(a.rule) - rank(b.rule) || cmp(a.rule, b.rule),
  );
  const kept: SecretFinding[] = [];
  // Every kept span starts at or before `f` (sorted), so `f` lies inside one of them exactly
  // when the furthest end kept so far reaches past it: one comparison, not a search.
  let furthest = -1;
  for (const f of sorted) {
    if (f.end <= f.start) continue;
    if (f.end <= furthest) continue;
    furthest = f.end;
    const last = kept[kept.length - 1];
    if (last && last.rule === f.rule && f.start < last.end) {
      kept[kept.length - 1] = { rule: last.rule, start: last.start, end: Math.max(last.end, f.end) };
      continue;
    }
    kept.push({ rule: f.rule, start: f.start, end: f.end });
  }
  return kept;
}

/** On identical spans prefer secretlint's id, then our format rules, then the label and entropy rules. */
function rank(rule: string): number {
  if (rule.startsWith("@secretlint/")) return 0;
  return rule === "warden/high-entropy" || rule === "warden/password-in-text" ? 2 : 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
