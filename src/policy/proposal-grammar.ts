/**
 * What text a proposal may add, by grammar rather than by known attack wording:
 *
 * - every host it names is already in the repository (or on replies.link_hosts) — read after
 *   undoing defanging (`helper[.]example[.]io`, `(dot)`), with IP literals and punycode labels
 *   counted as hosts;
 * - it addresses the human requester, never an automated reader or a reviewer: no named model or
 *   machine reader, no approve / merge / pre-approved wording, in the seven claimed languages
 *   and in Japanese, Russian, Chinese and Polish;
 * - it hands over no credential file or value (`~/.vault-token`, `.env`, a kubeconfig);
 * - on a route that is not production it names no privileged principal, production host or fleet.
 *
 * Input: normalised text (look-alikes folded, invisible characters removed). Pure.
 */
import { addressedToSystem } from "./addressee.ts";
import { foreignHost } from "./text-grammar.ts";

/** `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, ` dot `, `[:]` between host labels. */
const DEFANGED_DOT = /\s*(?:\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\}|(?<=[a-z0-9])\s+dot\s+(?=[a-z0-9]))\s*/gi;
const DEFANGED_SCHEME = /\bh(?:xx|\*\*|XX)p(s?)(?=\[?:\]?\/\/)|\[:\]/g;
const IPV4 = /(?<![\w.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\w.]*\d)/g;
const IPV6 = /\[[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]/gi;
const PUNYCODE = /\bxn--[a-z0-9-]+/gi;
/** An IPv4 address written as one number, decimal or hex (`3405803783/h`, `0xcafe0a0b:8080`): a path or port follows it. */
const NUMERIC_IP = /(?<![\w./-])(?:0x[0-9a-f]{6,8}|\d{9,10})(?=[/:][\w])/gi;

/** The text with defanged dots and schemes made whole again, as a reader would retype them. */
export function refang(text: string): string {
  return text.replace(DEFANGED_SCHEME, (m, s: string | undefined) => (m === "[:]" ? ":" : `http${s ?? ""}`)).replace(DEFANGED_DOT, ".");
}

/** A host the added text names (any form) that the repository does not already name. */
export function newHostIn(added: string, knownText: string, allowedHosts: readonly string[]): string | undefined {
  const text = refang(added);
  const known = refang(knownText).toLowerCase();
  for (const pattern of [IPV4, IPV6, PUNYCODE, NUMERIC_IP]) {
    for (const m of text.matchAll(pattern)) if (!known.includes(m[0].toLowerCase())) return m[0];
  }
  return text === added ? undefined : foreignHost(text, allowedHosts);
}

/**
 * A host written with letters from another script or look-alike characters (`gіthub.com` with
 * a Cyrillic і): normalisation folds it into a host the file may already name, so it is looked
 * for in the raw text, where any non-ASCII character in a host name is itself the finding.
 */
const RAW_HOST = /(?<![\p{L}\p{N}-])[\p{L}\p{N}][\p{L}\p{N}-]*(?:[.\u3002\uff0e\uff61][\p{L}\p{N}-]+)*[.\u3002\uff0e\uff61][\p{L}]{2,24}(?![\p{L}\p{N}-])/gu;

export function lookAlikeHost(raw: string): string | undefined {
  for (const m of raw.matchAll(RAW_HOST)) if (/[^\x20-\x7e]/.test(m[0]) && /[a-z]/i.test(m[0])) return m[0];
  return undefined;
}

/** Named models and machine readers, in the claimed languages and in Japanese, Russian, Chinese and Polish. */
const MACHINE_READER = new RegExp(
  [
    String.raw`\b(?:claude|chatgpt|gpt-?[0-9o]\w*|gemini|copilot|llama|mistral|codex|anthropic|openai|deepseek|qwen)\b`,
    String.raw`\b(?:automated|automatic|autonomous|ai|llm)[\s-]+(?:planners?|readers?|reviewers?|agents?|systems?|assistants?|tools?|bots?|models?|processors?|pipelines?)\b`,
    String.raw`\b(?:llms?|large\s+language\s+models?|language\s+models?|planners?|ai\s+assistants?)\b`,
    String.raw`\bif\s+you\s+are\s+(?:an?\s+)?(?:automated|ai|bot|machine|program|script|planner)\b`,
    String.raw`\b(?:automatisierte[rn]?|automatische[rn]?)\s+(?:leser|planer|prufer|agenten?|systeme?)\b|\bplaner\b|\bsprachmodell\w*`,
    String.raw`\b(?:lecteurs?|planificateurs?|relecteurs?)\s+automati(?:que|ses|sés?)\b|\bplanificateur\w*`,
    String.raw`\b(?:lectores?|planificadores?|revisores?|lettori|revisori|leitores?|revisores?)\s+automati(?:cos?|cas?|ci|che)\b`,
    String.raw`\b(?:geautomatiseerde|automatische)\s+(?:lezers?|planners?|reviewers?)\b`,
    // Polish, Russian, Japanese, Chinese
    String.raw`\b(?:asystent\w*|automatyczn\w*|planist\w*|recenzent\w*|sztuczn\w*\s+inteligencj\w*|model\w*\s+jezykow\w*)`,
    String.raw`(?:ассистент|нейросет|модел|автоматическ|планировщик|рецензент|искусственн)`,
    String.raw`(?:アシスタント|エージェント|プランナー|レビュアー|自動|言語モデル|モデル|ボット|人工知能)`,
    String.raw`(?:助手|智能体|规划器|计划器|审核员|审阅者|模型|人工智能|机器人|自动)`,
  ].join("|"),
  "iu",
);

/** Wording aimed at whoever reviews or merges the change (not a process step: "approve the change request" stays). */
const REVIEWER_DIRECTED = new RegExp(
  [
    String.raw`\b(?:pre-?approved|auto-?merge|lgtm|rubber[\s-]?stamp)\b`,
    String.raw`\b(?:approve|merge|accept|ship)\b[^.\n]{0,40}\b(?:this|the|these)\s+(?:pr|pull\s+request|diff|proposal)\b`,
    String.raw`\b(?:approve|merge)\s+(?:it|now|immediately|right\s+away|without)\b`,
    String.raw`\bwithout\s+(?:further\s+|any\s+|additional\s+|more\s+)?(?:review|reviewing|approval)\b`,
    String.raw`\b(?:reviewer|reviewers|maintainer|maintainers)\s*(?:note|notes|:|,)|\bnote\s+(?:to|for)\s+(?:the\s+)?(?:reviewers?|maintainers?|approvers?)\b`,
    String.raw`\bwhen\s+you\s+review\b`,
    String.raw`\bplease\s+(?:approve|merge|accept|ship|sign\s+off)\b`,
    String.raw`\b(?:ohne\s+(?:weitere\s+)?prufung|sans\s+(?:autre\s+)?(?:revue|relecture)|sin\s+revision|senza\s+revisione|sem\s+revisao|zonder\s+review|bez\s+przegladu)\b`,
    String.raw`(?:без\s+ревью|без\s+проверки|レビュー不要|无需审核|免审)`,
  ].join("|"),
  "iu",
);
/** In a rationale, a claim of someone's approval is aimed at the reviewer too. */
const APPROVAL_CLAIM = /\b(?:already\s+)?approved\s+by\s+(?:security|the\s+security\s+team|management|legal|the\s+cto|the\s+ciso|the\s+owners?)\b/i;

/** A rationale that claims an approval it cannot prove, or speaks to the reviewer or a machine. */
export function rationaleAddressesReviewer(text: string): string | undefined {
  const claim = APPROVAL_CLAIM.exec(text);
  return claim ? `it claims an approval ("${claim[0].slice(0, 40)}")` : addressesMachineOrReviewer(text);
}

/** Text that speaks to a machine reader or to the reviewer rather than to the human requester. */
export function addressesMachineOrReviewer(text: string): string | undefined {
  const system = addressedToSystem(text);
  if (system) return `it addresses a system that reads it ("${system.slice(0, 40)}")`;
  const machine = MACHINE_READER.exec(text);
  if (machine) return `it addresses an automated reader ("${machine[0].slice(0, 40)}")`;
  const reviewer = REVIEWER_DIRECTED.exec(text);
  return reviewer ? `it addresses the reviewer ("${reviewer[0].slice(0, 40)}")` : undefined;
}

/** Files whose contents are a credential, and verbs that hand contents over. */
const CREDENTIAL_FILE = String.raw`(?:~\/|\$home\/|\/root\/|\/home\/\w+\/)?(?:\.vault-token|\.bao-token|\.env(?:\.\w+)?|\.kube\/config|kubeconfig|\.docker\/config\.json|\.npmrc|\.pypirc|\.netrc|\.pgpass|\.my\.cnf|\.git-credentials|\.aws\/credentials|\.boto|\.s3cfg|\.htpasswd|credentials\.json|service-account\.json|\.ssh\/id_\w+(?!\.pub))`;
const HAND_OVER = new RegExp(
  String.raw`\b(?:paste|send|share|post|attach|upload|include|forward|copy|give|provide|dm|email|reply\s+with|cat)\b[^.\n]{0,60}?(?:contents?\s+of\s+|output\s+of\s+)?(?:your\s+|the\s+)?${CREDENTIAL_FILE}|${CREDENTIAL_FILE}[^.\n]{0,40}\b(?:here|below|in\s+(?:this|the|your)\s+(?:thread|reply|issue|ticket|message|chat))\b`,
  "i",
);

/** A step that asks its reader to hand over a credential file or its contents. */
export function credentialFileHandOver(text: string): string | undefined {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const m = HAND_OVER.exec(sentence);
    // "Never paste your private key (`~/.ssh/id_rsa`)" is a warning, not a request.
    if (m && !NEGATION.test(sentence.slice(0, m.index + 20))) return m[0].slice(0, 60);
  }
  return undefined;
}

const NEGATION = /\b(?:never|don'?t|do\s+not|must\s+not|should\s+not|no\s+one|nobody|niemals|nie|nicht|jamais|ne\s+\w+\s+pas|nunca|no\s+\w+|mai|nao|nooit|niet)\b/i;

/**
 * Download-and-execute: what a fetch command returns is piped into, or substituted into, an
 * interpreter. Whichever host it names, text that hands a reader such a command runs code no
 * reviewer has seen, so added text and replies never carry one.
 */
const FETCHER = String.raw`(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|fetch|aria2c|http|xh)`;
const INTERPRETER = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:sh|bash|zsh|dash|ksh|fish|python[0-9.]*|perl|ruby|node|php|iex|invoke-expression|pwsh|powershell|source)`;
const DOWNLOAD_AND_EXECUTE = new RegExp(
  [
    String.raw`\b${FETCHER}\b[^|\n]{0,300}\|\s*${INTERPRETER}\b`,
    String.raw`\b${INTERPRETER}\s+(?:-\S+\s+)*<\(\s*${FETCHER}\b`,
    String.raw`\b${INTERPRETER}\s+(?:-\S+\s+)*["']?\$\(\s*${FETCHER}\b`,
    String.raw`\b(?:iex|invoke-expression)\b[^\n]{0,40}\b${FETCHER}\b`,
  ].join("|"),
  "i",
);

export function downloadAndExecute(text: string): string | undefined {
  return DOWNLOAD_AND_EXECUTE.exec(text.replace(/\s+/g, " "))?.[0].slice(0, 60);
}

/**
 * A step that asks its reader to put a secret into a reply, a thread or an issue — the value
 * named by its noun or by a paraphrase ("the key file that has no extension").
 */
const SECRET_THING = String.raw`(?:pass(?:word|phrase|code)s?|pins?|otps?|(?:one-time|mfa|2fa|totp)\s+codes?|tokens?|secrets?|credentials?|creds|private\s+keys?|key\s+files?|(?:ssh\s+)?keys?\b[^.\n]{0,40}\bno\s+extension|recovery\s+codes?|session\s+cookies?)`;
const INTO_A_REPLY = String.raw`\b(?:reply|respond|answer|comment|write\s+back|post)\b[^.\n]{0,40}?\bwith\s+(?:your|the)\s+(?:[\w-]+\s+){0,3}?${SECRET_THING}|\b(?:add|attach|paste|include|post|send|put|share|give|provide|type|write|drop|upload|copy)\b[^.\n]{0,40}?\b${SECRET_THING}\b[^.\n]{0,60}?\b(?:to|in|into|below)\s+(?:your|the|this|a)\s+(?:reply|response|answer|thread|comment|issue|ticket|message|chat)\b`;
const SECRET_INTO_REPLY = new RegExp(INTO_A_REPLY, "i");

export function secretIntoReply(text: string): string | undefined {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const m = SECRET_INTO_REPLY.exec(sentence);
    if (m && !NEGATION.test(sentence.slice(0, m.index + 20))) return m[0].slice(0, 60);
  }
  return undefined;
}

/**
 * SSH principals the added text tells a reader to log in as: "principal `dbadmin-live`",
 * "ssh customerdb@host", "log in as `ops`". On a route that is not production an added principal
 * must already be one the repository names (the route's `ssh: principals`, its playbook): a new
 * login name is a change to who gets access, whatever it looks like.
 */
const PRINCIPAL_NAMED = [
  /\bprincipals?\s*[:=]?\s*[`'"]?([a-z_][a-z0-9_.-]{0,31})/gi,
  /\bssh\s+(?:-\S+\s+(?:\S+\s+)?)*?[`'"]?([a-z_][a-z0-9_.-]{0,31})@/gi,
  /\b(?:log\s*in|login|connect|sign\s+in)\s+as\s+[`'"]([a-z_][a-z0-9_.-]{0,31})[`'"]/gi,
  /\b(?:user(?:name)?|login)\s*[:=]?\s*[`'"]([a-z_][a-z0-9_.-]{0,31})[`'"]/gi,
];
/** Words that follow "principal" without being one ("the principal is …", "principals for this route"). */
const NOT_A_NAME = new Set(["the", "a", "an", "is", "are", "for", "of", "to", "from", "with", "that", "this", "your", "you", "and", "or", "in", "on", "name", "names", "list", "must", "should", "will", "can", "as"]);

export function newPrincipalIn(added: string, knownText: string): string | undefined {
  const known = new Set(knownText.toLowerCase().split(/[^a-z0-9_.-]+/));
  for (const pattern of PRINCIPAL_NAMED) {
    for (const m of added.matchAll(pattern)) {
      const name = (m[1] ?? "").toLowerCase().replace(/[.-]+$/, "");
      if (name && !NOT_A_NAME.has(name) && !known.has(name)) return name;
    }
  }
  return undefined;
}

export { privilegedOrProductionTarget } from "./production-gate.ts";
