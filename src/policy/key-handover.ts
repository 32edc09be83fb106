import { normalizeForScan } from "./secrets/index.ts";

/**
 * Playbook steps are quoted in route answers, so a step that tells its reader to hand over the
 * private half of an SSH key ("put the output of `base64 ~/.ssh/id_ed25519` in your reply",
 * "upload the key file that does not end in .pub", "drop the secret half of your key pair into
 * the thread") would have ops-warden ask for the one thing it must never see. Read per clause,
 * on normalised lower-case text: a clause that names private key material and asks for it to
 * be sent, pasted, uploaded, attached or put into a reply is a hand-over; a clause whose every
 * hand-over verb is negated ("never paste a private key") is a warning, not a request.
 * English, German, French, Spanish, Italian, Portuguese and Dutch.
 */

/** Private key material, by name or by file. */
const PRIVATE_KEY = new RegExp(
  [
    // A private key file: id_rsa, id_ed25519, id_ecdsa_sk… not followed by `.pub` or `-cert.pub`.
    String.raw`\bid_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?![\w-]|\.\w)`,
    // Any file under ~/.ssh/ that is not public, a certificate, or the client's own configuration.
    String.raw`~?/\.ssh/(?!config\b|known_hosts|authorized_keys|[\w.-]*\.pub\b|[\w.-]*-cert\b)[\w.-]+`,
    String.raw`\b(?:private|secret|priv)[\s_-]*keys?\b|\bprivkey\b`,
    String.raw`\b(?:private|secret|non-?public|hidden)\s+(?:half|part|portion|side|bit|piece|component|file|one)\b|\bother\s+(?:half|key\s+file)\b`,
    String.raw`\b(?:whole|entire|full|complete|both)\s+(?:(?:ssh\s+)?key\s*pairs?|keypairs?|halves|key\s+files)\b`,
    // A file described by what it lacks: "without .pub", "not ending in .pub", "ohne Endung .pub", "sans .pub".
    String.raw`\b(?:without|not|no|isn'?t|doesn'?t|ohne|nicht|kein\w*|sans|pas|sin|senza|sem|zonder|niet|non|nao)\b[^\n.;!?]{0,30}?\.pub\b`,
    // German, French, Spanish, Italian, Portuguese, Dutch.
    String.raw`\b(?:privat|geheim)\w*\s*schlussel\w*|\bprivatschlussel\w*`,
    String.raw`\b(?:cle|clef)s?\s+(?:privee|secrete)s?\b|\bmoitie\s+(?:privee|secrete)\b`,
    String.raw`\b(?:clave|llave|chiave|chave)s?\s+(?:privada|secreta|privata|segreta)s?\b|\b(?:mitad|meta|metade)\s+(?:privada|secreta|privata|segreta)\b`,
    String.raw`\b(?:prive|private|geheime)[\s-]*sleutels?\b|\bprivesleutels?\b`,
  ].join("|"),
);

const PRIVATE_KEYS = new RegExp(PRIVATE_KEY.source, "g");

/** Asking for it to leave the reader's machine: a hand-over verb, or a reply/thread as the destination. */
const HAND_OVER = new RegExp(
  [
    String.raw`\b(?:send|sending|sent|paste|pasting|upload|uploading|attach|attaching|reply|replying|respond|post|posting|share|sharing|submit|forward|e-?mail|mail|dm|transmit|hand\s+(?:it\s+|them\s+)?over)\b`,
    String.raw`\b(?:in|into|to|on|with)\s+(?:your|the|this|a|my|our)\s+(?:reply|replies|response|answer|message|thread|chat|comment|issue|ticket|pr|pull\s+request|channel)\b`,
    // German
    String.raw`\b(?:sende|senden|sendet|schick\w*|ubermittl\w*|ubergib|ubergebe\w*|fuge|fugt|fugen|einfug\w*|lade|ladet|hochlad\w*|anhang\w*|hange|hangt|poste|posten|postet|teile|teilen|teilt|gib|antwort\w*|schreib(?:e|t)?)\b`,
    // French
    String.raw`\b(?:envoi\w*|envoy\w*|coll(?:e|ez|er)|joins|joindre|joignez|televers\w*|partag\w*|repon(?:ds|dez|se|dre)|transmet\w*|donne[rz]?|publie[rz]?|depose[rz]?)\b`,
    // Spanish, Portuguese, Italian
    String.raw`\b(?:envi(?:a|e|ar|en|ad|ame)|peg(?:a|ue|ar|ad)|sub(?:e|a|ir)|adjunt\w*|compart\w*|respond\w*|respuesta|respost\w*|mand(?:a|e|ar|ami)|dame|col(?:e|ar)|carreg\w*|anex\w*|invi(?:a|are|ate|ami)|incoll\w*|caric(?:a|are|ate)|alleg\w*|condivid\w*|rispond\w*|rispost\w*)\b`,
    // Dutch
    String.raw`\b(?:stuur|sturen|verstuur|plak(?:ken)?|voeg|toevoeg\w*|deel|delen|antwoord\w*|upload\w*)\b`,
  ].join("|"),
  "g",
);

/** A negation governing the verb right after it ("never send", "do not ever paste", "no need to send", "n'envoyez"). */
const NEGATED_BEFORE = /(?:\b(?:never|not|don'?t|dont|no|nie|niemals|nicht|jamais|nunca|mai|nooit|niet|geen)\s+(?:(?:ever|you|u|to|please|once|yet|again)\s+)?|\bno\s+need\s+to\s+|\b(?:without|instead\s+of|rather\s+than)\s+|\bn')$/;
/** A negation governing the key right after it: "send the .pub file, not the private key", "nicht den privaten Schlüssel". */
const NEGATED_KEY = /\b(?:not|never|no|nie|niemals|nicht|kein\w*|jamais|pas|nunca|mai|nooit|niet|geen)\s+(?:(?:the|your|a|an|any|den|die|das|deinen|deine|ihren|einen|la|le|les|votre|ta|ton|el|tu|su|il|tua|o|seu|sua|de|je|uw|its)\s+)?$/;
/** …or right after it, as German, French and Dutch place it ("Sende niemals", "envoyez jamais", "stuur nooit"). */
const NEGATED_AFTER = /^\s+(?:(?:du|sie|ihr|vous|jij|je|u)\s+)?(?:never|niemals|nie|nicht|jamais|pas|nooit|niet|nunca|mai)\b/;

/** Clauses: sentences, split where a full stop is followed by a space (not in `id_ed25519.pub`), and at `;` `!` `?` and line ends. */
const CLAUSE = /[.;!?](?:\s|$)|\n/;

/** Whether a text asks its reader to hand over private key material. */
export function privateKeyHandOver(text: string): boolean {
  const normalized = normalizeForScan(text).toLowerCase().replace(/\*\*|__|`/g, "");
  if (!/key|id_|\.ssh|\.pub|schlussel|cle|clave|llave|chiave|chave|sleutel|half|halves|pair|moitie|mitad|meta/.test(normalized)) return false;
  for (const clause of normalized.split(CLAUSE)) {
    if (!namesPrivateKey(clause)) continue;
    HAND_OVER.lastIndex = 0;
    for (let m = HAND_OVER.exec(clause); m; m = HAND_OVER.exec(clause)) {
      const before = clause.slice(Math.max(0, m.index - 40), m.index);
      const after = clause.slice(m.index + m[0].length, m.index + m[0].length + 30);
      if (!NEGATED_BEFORE.test(before) && !NEGATED_AFTER.test(after)) return true;
    }
  }
  return false;
}

/** A clause names private key material that no negation right before it sets aside. */
function namesPrivateKey(clause: string): boolean {
  if (!PRIVATE_KEY.test(clause)) return false;
  for (const m of clause.matchAll(PRIVATE_KEYS)) {
    if (!NEGATED_KEY.test(clause.slice(Math.max(0, m.index - 30), m.index))) return true;
  }
  return false;
}

/**
 * The passages (paragraphs and list items, their lines joined) of `after` that `before` does
 * not have: a step is read whole, so a changed continuation line is read with the verb on the
 * line above it ("Reply … with the contents of" / "`~/.ssh/id_ed25519`").
 */
export function addedPassages(before: string, after: string): string {
  const old = new Set(passages(before));
  return passages(after)
    .filter((p) => !old.has(p))
    .join("\n");
}

const ITEM_START = /^\s{0,3}(?:\d{1,3}[.)]|[-*+])\s/;

function passages(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current.join(" ").replace(/\s+/g, " ").trim());
    current = [];
  };
  for (const line of text.split("\n")) {
    if (line.trim() === "" || ITEM_START.test(line)) flush();
    if (line.trim() !== "") current.push(line);
  }
  flush();
  return out;
}
