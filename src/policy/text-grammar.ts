import { linkHost } from "./reply-gate.ts";

/**
 * The grammar of a catalog value (a route's title, summary and match phrases): plain text of
 * bounded length — no URL or domain name, with or without a scheme, outside the allowed hosts;
 * no @-mention; no HTML; no instruction addressed to agents, assistants or models. Every answer
 * for the route repeats these values, and every brain that plans with the catalog reads them,
 * so a value is data or it is refused. Input is normalised text.
 */
export const MAX_TITLE_CHARS = 120;
export const MAX_SUMMARY_CHARS = 600;

/** host.tld with an optional path, scheme or not: `portal.example-login.net/sso`. */
const DOMAIN = /(?<![\w@.-])(?:[a-z][a-z0-9+.-]*:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(?![\w-])/gi;
/** File names look like domains to that pattern; these endings are files, not top-level domains. */
const FILE_ENDINGS = new Set(["md", "yaml", "yml", "json", "txt", "sh", "py", "ts", "js", "pem", "pub", "conf", "cfg", "toml", "ini", "log", "crt", "csr", "key", "tf", "hcl", "env", "lock", "xml", "html", "rs", "go"]);
const MENTION = /(?<![\w.+-])@[a-z0-9][\w-]*/i;
const HTML = /<\s*[a-z!/?]/i;
const SCHEME = /\b(?:javascript|data|vbscript|file|mailto):/i;
/** "Note to assistants: …", "AI agents must …", "if you are a language model, …", "assistant, always …". */
const TO_AGENTS = new RegExp(
  [
    String.raw`\b(?:note|message|instructions?|reminder|attention|notice|psa)\s+(?:to|for)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:ai\s+)?(?:assistants?|agents?|models?|llms?|bots?|ais?|language\s+models?)\b`,
    String.raw`\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|assistant|agent|bot|(?:large\s+)?language\s+model|llm|model)\b`,
    String.raw`\b(?:ai\s+)?(?:assistants?|agents?|models?|llms?|bots?)\s*(?:[,:]|\s+(?:must|should|shall|need\s+to|are\s+(?:required|told|instructed)\s+to))\s*(?:always|never|please|must|should|do\s+not|don'?t|ignore|include|add|tell|send|reply|respond|answer|say|mention|recommend|direct|forward|share|paste|use|visit|go\s+to)\b`,
    String.raw`\b(?:when|whenever)\s+(?:answering|replying|responding)\b[^.\n]{0,60}\b(?:always|never|include|tell|add|mention)\b`,
  ].join("|"),
  "i",
);

export interface GrammarProblem {
  field: string;
  reason: string;
}

export function catalogValueProblem(field: string, value: string, linkHosts: readonly string[]): GrammarProblem | undefined {
  const max = field === "title" ? MAX_TITLE_CHARS : field === "summary" ? MAX_SUMMARY_CHARS : 200;
  if (value.length > max) return { field, reason: `${field} is ${value.length} characters; at most ${max}` };
  if (/[\n\r]/.test(value) && field !== "summary") return { field, reason: `${field} must be one line` };
  if (HTML.test(value)) return { field, reason: `${field} carries HTML` };
  if (SCHEME.test(value)) return { field, reason: `${field} carries a link scheme` };
  if (MENTION.test(value)) return { field, reason: `${field} carries an @-mention` };
  const host = foreignHost(value, linkHosts);
  if (host) return { field, reason: `${field} names a host outside replies.link_hosts (${host.slice(0, 60)})` };
  if (TO_AGENTS.test(value)) return { field, reason: `${field} addresses instructions to agents, assistants or models` };
  return undefined;
}

/** An instruction to agents anywhere in a text (playbook content): the same phrases as above. */
export function addressesAgents(text: string): boolean {
  return TO_AGENTS.test(text);
}

function foreignHost(value: string, linkHosts: readonly string[]): string | undefined {
  DOMAIN.lastIndex = 0;
  for (let m = DOMAIN.exec(value); m; m = DOMAIN.exec(value)) {
    const host = (m[1] ?? "").toLowerCase();
    if (!m[0].includes("://") && FILE_ENDINGS.has((m[2] ?? "").toLowerCase())) continue;
    const allowed = linkHost(`https://${host}`);
    if (!allowed || !linkHosts.some((h) => allowed === h || allowed.endsWith(`.${h}`))) return host;
  }
  return undefined;
}
