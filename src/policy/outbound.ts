import type { Catalog } from "../domain/catalog.ts";
import type { SecretFinding, SecretScanner } from "../domain/secrets.ts";
import { redact } from "../domain/secrets.ts";
import { stringsOf } from "./added-content.ts";
import { findNewCredentialWords, wordsOf } from "./secrets/credential-words.ts";
import { UNKNOWN_PIECE, renderUntrusted } from "./untrusted-text.ts";

/**
 * The checks for untrusted text that must flow out (a PR rationale, catalog values, playbook
 * content, a brain's reply, an opted-in quoted line, a reason written next to message text):
 * every secret rule AND the credential-shaped-word check. The second needs no format knowledge,
 * so a value every secret rule misses is still held back when it is new to the repository.
 */
export interface OutboundChecks {
  scanner: SecretScanner;
  /** Words the repository's catalog and playbooks already use: not new, so never held back. */
  known: ReadonlySet<string>;
}

const words = new WeakMap<Catalog, ReadonlySet<string>>();

/** Every word of the loaded catalog (routes, owners) and playbooks, computed once per catalog. */
export function repositoryWords(catalog: Catalog): ReadonlySet<string> {
  let known = words.get(catalog);
  if (!known) {
    const texts = [stringsOf(catalog.routes), stringsOf(catalog.owners), ...catalog.playbooks.map((p) => `${stringsOf(p.meta)}\n${p.path}\n${p.body}`)];
    words.set(catalog, (known = wordsOf(texts)));
  }
  return known;
}

/** Secret findings and new credential-shaped words in `text`, as spans (never values). */
export async function outboundFindings(text: string, checks: OutboundChecks): Promise<SecretFinding[]> {
  const secrets = await checks.scanner.scan(text);
  return [...secrets, ...findNewCredentialWords(text, checks.known)].sort((a, b) => a.start - b.start);
}

export const WITHHELD = "[withheld]";

/** `text` with every finding of `outboundFindings` replaced by `[withheld]`. */
export async function withholdFindings(text: string, checks: OutboundChecks): Promise<string> {
  return redact(text, await outboundFindings(text, checks), WITHHELD);
}

/**
 * The lines of `text` that may be quoted: a line touched by any finding (a secret spanning lines
 * withholds each of them) becomes `[line withheld: N chars]`, the others are kept as they are.
 */
export async function checkedLines(text: string, checks: OutboundChecks): Promise<string[]> {
  const findings = await outboundFindings(text, checks);
  const lines = text.split("\n");
  const out: string[] = [];
  let offset = 0;
  let next = 0;
  for (const line of lines) {
    const end = offset + line.length;
    while (next < findings.length && (findings[next]?.end ?? 0) <= offset) next++;
    let touched = false;
    for (let i = next; i < findings.length && (findings[i]?.start ?? 0) <= end && !touched; i++) touched = (findings[i]?.end ?? 0) > offset;
    out.push(touched ? `[line withheld: ${line.length} chars]` : line);
    offset = end + 1;
  }
  return out;
}

/**
 * A reason as an escalation issue may show it: reasons are written by code, but some name a
 * piece of the message (a YAML key, a path, an alias, a host) or were written by a model. It is
 * the one renderer for untrusted text (untrusted-text.ts): only what it can read comes out.
 */
export function keepKnownPieces(reason: string, known: ReadonlySet<string>): string {
  return renderUntrusted(reason, known, 2000);
}

export { UNKNOWN_PIECE };
