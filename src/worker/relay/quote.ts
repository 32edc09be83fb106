import { redact, redactKnownValues } from "../../domain/secrets.ts";
import type { SecretScanner } from "../../domain/secrets.ts";
import { quoteUntrusted } from "../../domain/text-safety.ts";
import { isAllowedHost, LINK, linkHost } from "../../policy/reply-gate.ts";

/** What a maintainer's words pass before they reach a requester, whoever sends them. */
export interface QuoteRules {
  scanner: SecretScanner;
  /** Credential values from the environment, redacted from every relayed text. */
  knownSecrets: readonly string[];
  /** Cap on a maintainer comment quoted into a relay. */
  quoteMaxChars: number;
  /** `replies.link_hosts`: a relayed link keeps to them like every reply. */
  linkHosts: readonly string[];
}

/** Secret values found by the scanner, and the environment's credentials, become [REDACTED]. */
export async function scrub(text: string, rules: Pick<QuoteRules, "scanner" | "knownSecrets">): Promise<string> {
  const known = redactKnownValues(text, rules.knownSecrets);
  return redact(known, await rules.scanner.scan(known));
}

/** A maintainer's words, scrubbed, links kept to the allowlist, bounded, framed as quoted text. */
export async function quoteMaintainer(text: string, rules: QuoteRules): Promise<string> {
  return quoteUntrusted(withholdForeignLinks(await scrub(text.trim(), rules), rules.linkHosts), rules.quoteMaxChars);
}

/** A link to a host outside `replies.link_hosts` is replaced by a note naming only its host. */
export function withholdForeignLinks(text: string, linkHosts: readonly string[]): string {
  return text.replace(LINK, (link) => {
    const host = linkHost(link);
    if (host && isAllowedHost(host, linkHosts)) return link;
    return `[link withheld: ${host ? host.replace(/[^a-z0-9.-]/g, "?").slice(0, 80) : "not an https link"} is not on replies.link_hosts]`;
  });
}
