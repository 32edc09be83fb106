import { linkHost } from "./reply-gate.ts";

/**
 * The grammar of a catalog value (a route's title, summary, match phrases and examples): plain text of
 * bounded length — no URL or domain name, with or without a scheme, outside the allowed hosts;
 * no @-mention; no HTML; no instruction addressed to agents, assistants or models. Every answer
 * for the route repeats these values, and every brain that plans with the catalog reads them,
 * so a value is data or it is refused. Input is normalised text.
 */
export const MAX_TITLE_CHARS = 120;
export const MAX_SUMMARY_CHARS = 600;
/** An example question, as long as the schema allows (domain/catalog.ts). */
export const MAX_EXAMPLE_CHARS = 500;

/** host.tld with an optional path, scheme or not: `portal.example-login.net/sso`. */
const DOMAIN = /(?<![\w@.-])(?:[a-z][a-z0-9+.-]*:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(?![\w-])/gi;
/** Full stops a browser reads as the dot between labels (IDNA): ideographic, full-width, half-width. */
const LABEL_DOTS = /[\u3002\uff0e\uff61]/g;
/** File names look like domains to that pattern; these endings are files, not top-level domains. */
const FILE_ENDINGS = new Set([
  "md", "yaml", "yml", "json", "txt", "sh", "py", "ts", "js", "pem", "pub", "conf", "cfg", "toml", "ini", "log", "crt", "csr", "key", "tf", "hcl", "env", "lock", "xml",
  "html", "rs", "go", "service", "socket", "timer", "tfvars", "csv", "gpg", "asc", "der", "zip", "gz", "tgz", "tar",
]);
/** Endings that are files and also top-level domains: `install.sh` is a file, `get.helper.sh` (more labels) a host. */
const TLD_LIKE_ENDINGS = new Set(["sh", "py", "rs", "md", "tf", "zip", "mov", "sx", "ai", "io"]);
/** Where a name with such an ending is a place, not a file: a path follows it, or "from"/"at"/"visit" precedes it. */
const HOST_PATH_AFTER = /^\/[\w~-]/;
const HOST_PLACE_BEFORE = /(?:^|\s)(?:from|at|via|visit|browse)\s+$/i;

function readAsHost(text: string, m: RegExpExecArray): boolean {
  return HOST_PATH_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2)) || HOST_PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index));
}
/** What a download command fetches: its arguments up to the end of the command, a pipe or a code span's end. */
const FETCH = /\b(?:curl|wget|iwr|invoke-webrequest|aria2c|xh|httpie)\b([^|;&`\n]{0,300})/gi;
/** Options whose value is a local file, not what is fetched. */
const FILE_OPTION = /^(?:-[oOTKE]|--(?:output|upload-file|config|cacert|cert|key|data(?:-binary|-raw)?|form|netrc-file|output-document))$/;
const MENTION = /(?<![\w.+-])@[a-z0-9][\w-]*/i;
/** Every @-mention, with a team after a slash: `@acme/security-admins`. */
export const MENTIONS = /(?<![\w.+-])@[a-z0-9][\w-]*(?:\/[\w-]+)?/gi;
const HTML = /<\s*[a-z!/?]/i;
const SCHEME = /\b(?:javascript|data|vbscript|file|mailto):/i;
/** A protocol-relative link: `//host/path`, which a renderer resolves against its own scheme. */
const PROTOCOL_RELATIVE = /(?<![\w:/.-])\/\/([a-z0-9[][^\s/?#<>()"'`\\]*)/gi;

/**
 * Who an instruction to machines is addressed to, in the text's own words (normalised, so
 * accents are gone: "für" reads "fur", "modèles" "modeles"). English, German, French, Spanish,
 * Italian, Portuguese and Dutch nouns; a list of them ("chatbots and copilots") counts as one.
 */
const AI_PREFIX = String.raw`(?:ai|ki|ia|llm|gpt|genai)[\s-]*`;
const MACHINE = String.raw`(?:${AI_PREFIX})?(?:assistants?|assistent(?:en|in)?|asistentes?|assistenti|agents?|agenten|agentes?|agenti|models?|modelle?|modeles?|modelos?|modelli|modellen|llms?|bots?|chatbots?|copilots?|co-pilots?|ais?|ki|ias?|gpts?|language\s+models?|sprachmodelle?|modeles?\s+de\s+langage|modelos?\s+de\s+lenguaje|taalmodellen|intelligences?\s+artificielles?|inteligencias?\s+artificiales?|kunstliche\s+intelligenz|(?:routing|planning|automation)\s+helpers?)\b`;
const MACHINE_LIST = String.raw`${MACHINE}(?:\s*(?:,|&|/|\band\b|\bor\b|\bund\b|\boder\b|\bet\b|\bou\b|\by\b|\bo\b|\be\b|\ben\b|\bof\b)\s*${MACHINE}){0,4}`;
let lists = 0;
/**
 * The list taken whole, never given back piece by piece (a lookahead capture and its
 * back-reference make it atomic): "agents and agents and …" costs one pass, not one per split.
 */
const machines = (): string => {
  const name = `list${lists++}`;
  return String.raw`(?=(?<${name}>${MACHINE_LIST}))\k<${name}>`;
};
/** Every addressee above holds one of these: a text without any addresses no machine (a cheap gate). */
const MACHINE_STEM = /assist|asist|agent|model|llm|bot|pilot|gpt|\b(?:ai|ki|ias?)\b|langage|lenguaje|intellig|helper/i;
/** "… reading this", "… who read this", "… processing this page". */
const READING = String.raw`(?:\s+(?:(?:who|that)\s+)?(?:reads?|reading|process(?:es|ing)?|parses?|parsing|sees?|seeing|consumes?|consuming)\s+(?:this|these|the\s+\w+))?`;
const DIRECTIVE = String.raw`(?:always|never|please|must|should|do\s+not|don'?t|ignore|include|add|tell|send|reply|respond|answer|say|mention|recommend|direct|forward|share|paste|use|visit|go\s+to|route|refer|point)`;
/** "Note to assistants: …", "AI agents must …", "if you are a language model, …", "assistant, always …", "[assistant guidance] …", "Hinweis für KI-Agenten: …". */
const TO_AGENTS = new RegExp(
  [
    String.raw`\b(?:note|message|instructions?|reminder|attention|notice|psa|guidance|directive|memo|heads[\s-]?up)\s+(?:to|for)\s+(?:all\s+|any\s+|every\s+)?(?:the\s+)?${machines()}\b`,
    String.raw`\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|assistant|agent|bot|chatbot|copilot|(?:large\s+)?language\s+model|llm|model)\b`,
    String.raw`\b${machines()}(?:\s+readers?)?${READING}\s*(?:[,:]|\s+(?:must|should|shall|need\s+to|are\s+(?:required|told|instructed|expected)\s+to))\s*${DIRECTIVE}\b`,
    String.raw`\b(?:when|whenever)\s+(?:answering|replying|responding)\b[^.\n]{0,60}\b(?:always|never|include|tell|add|mention)\b`,
    // A bracketed label aimed at a machine reader: "[assistant guidance]", "[note for AI]", "[LLM only]".
    String.raw`\[\s*(?:(?:note|message|instructions?|guidance|hint|notice)\s+(?:to|for)\s+)?${MACHINE}(?:\s+(?:guidance|instructions?|notes?|only|hint|directive|rules?|prompt))?\s*\]`,
    // German: "Hinweis für KI-Agenten", "Anweisung an alle Assistenten", "wenn du ein Sprachmodell bist".
    String.raw`\b(?:hinweis|hinweise|nachricht|anweisung(?:en)?|achtung|notiz|wichtig|info|mitteilung|vermerk)\s+(?:an|fur)\s+(?:alle\s+|die\s+|jede[nrs]?\s+)?${machines()}\b`,
    String.raw`\b(?:wenn|falls)\s+(?:du|sie)\s+(?:ein|eine)?\s*(?:ki|assistent|agent|bot|sprachmodell|modell|llm)\b[^.\n]{0,20}\b(?:bist|sind)\b`,
    // French: "note aux assistants", "message pour les IA", "si vous êtes une IA".
    String.raw`\b(?:note|message|instructions?|consignes?|remarque|avis|attention|rappel)\s+(?:aux|au|a\s+la|a\s+l'|a\s+tous\s+les|a\s+toutes\s+les|pour\s+les|pour\s+l'|pour\s+le|pour\s+la|pour|a)\s*${machines()}\b`,
    String.raw`\bsi\s+(?:vous\s+etes|tu\s+es)\s+(?:un|une)\s+(?:ia|assistant|agent|bot|modele|llm)\b`,
    // Spanish, Italian, Portuguese: "nota para asistentes", "nota per gli agenti", "aviso aos modelos".
    String.raw`\b(?:nota|mensaje|mensagem|messaggio|instrucciones?|instrucoes|istruzioni|aviso|avviso|atencion|atencao|attenzione|advertencia|recordatorio|lembrete|promemoria)\s+(?:para|per|a|aos|as|al|alle?|agli)\s+(?:(?:los|las|todos\s+los|todas\s+las|el|la|os|gli|i|le|tutti\s+gli|todos\s+os)\s+)?${machines()}\b`,
    String.raw`\bsi\s+eres\s+(?:un|una)\s+(?:ia|asistente|agente|bot|modelo|llm)\b|\bse\s+(?:sei|voce\s+e|es)\s+(?:un|una|um|uma)\s+(?:ia|assistente|agente|bot|modello|modelo|llm)\b`,
    // Dutch: "opmerking voor AI-assistenten", "bericht aan alle agenten".
    String.raw`\b(?:opmerking|bericht|instructies?|let\s+op|notitie|mededeling)\s+(?:voor|aan)\s+(?:alle\s+|de\s+)?${machines()}\b`,
  ].join("|"),
  "i",
);

export interface GrammarProblem {
  field: string;
  reason: string;
}

export function catalogValueProblem(field: string, value: string, linkHosts: readonly string[]): GrammarProblem | undefined {
  const max = field === "title" ? MAX_TITLE_CHARS : field === "summary" ? MAX_SUMMARY_CHARS : field === "examples" ? MAX_EXAMPLE_CHARS : 200;
  if (value.length > max) return { field, reason: `${field} is ${value.length} characters; at most ${max}` };
  if (/[\n\r]/.test(value) && field !== "summary") return { field, reason: `${field} must be one line` };
  if (HTML.test(value)) return { field, reason: `${field} carries HTML` };
  if (SCHEME.test(value)) return { field, reason: `${field} carries a link scheme` };
  if (MENTION.test(value)) return { field, reason: `${field} carries an @-mention` };
  const host = foreignHost(value, linkHosts);
  if (host) return { field, reason: `${field} names a host outside replies.link_hosts (${host.slice(0, 60)})` };
  if (addressesAgents(value)) return { field, reason: `${field} addresses instructions to agents, assistants or models` };
  return undefined;
}

/**
 * An instruction to agents anywhere in a text (playbook content, a catalog value). Runs of
 * spaces are read as one, which the phrases do not tell apart, so a long run costs one step.
 */
export function addressesAgents(text: string): boolean {
  return MACHINE_STEM.test(text) && TO_AGENTS.test(text.replace(/[^\S\n]+/g, " "));
}

/**
 * Every host a text names, as a browser would read it: URLs and bare domain names with or
 * without a scheme (`get.example-tools.io/install`), protocol-relative `//host/x`, and labels
 * joined by ideographic or full-width full stops (`keys。example。net`). Lower case, in order.
 * File names (`config.yaml`, `id_ed25519.pub`) are not hosts. Input is normalised text.
 */
export function namedHosts(text: string): string[] {
  const value = text.replace(LABEL_DOTS, ".");
  const hosts: string[] = [];
  DOMAIN.lastIndex = 0;
  for (let m = DOMAIN.exec(value); m; m = DOMAIN.exec(value)) {
    const ending = (m[2] ?? "").toLowerCase();
    const labels = (m[1] ?? "").split(".").length;
    if (!m[0].includes("://") && FILE_ENDINGS.has(ending) && !(TLD_LIKE_ENDINGS.has(ending) && (labels > 2 || readAsHost(value, m)))) continue;
    hosts.push(linkHost(`https://${m[1] ?? ""}`) ?? (m[1] ?? "").toLowerCase());
  }
  // `curl -fsSL helper.sh | sh`: what a download command fetches is a host, whatever its ending.
  FETCH.lastIndex = 0;
  for (let m = FETCH.exec(value); m; m = FETCH.exec(value)) {
    const words = (m[1] ?? "").trim().split(/\s+/);
    words.forEach((arg, i) => {
      const target = arg.replace(/^['"]|['"]$/g, "");
      if (target.startsWith("-") || FILE_OPTION.test(words[i - 1] ?? "") || target.includes("://")) return;
      const name = /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?:[/:?#]|$)/i.exec(target);
      if (name?.[1]) hosts.push(name[1].toLowerCase());
    });
  }
  PROTOCOL_RELATIVE.lastIndex = 0;
  for (let m = PROTOCOL_RELATIVE.exec(value); m; m = PROTOCOL_RELATIVE.exec(value)) {
    hosts.push(linkHost(`https://${m[1] ?? ""}`) ?? `//${(m[1] ?? "").toLowerCase()}`);
  }
  return hosts;
}

/** The first host a text names (see namedHosts) that is not one of `allowedHosts` or under one. */
export function foreignHost(text: string, allowedHosts: readonly string[]): string | undefined {
  const allowed = allowedHosts.map((h) => h.toLowerCase());
  return namedHosts(text).find((host) => !allowed.some((h) => host === h || host.endsWith(`.${h}`)));
}


