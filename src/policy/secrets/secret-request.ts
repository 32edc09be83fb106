import { normalizeForScan } from "./normalize.ts";

export interface SecretRequest {
  phrase: string;
  reason: string;
}

const SECRET_NOUN = "(?:password|passwd|passphrase|secret|token|api[ _-]?key|private key|credentials?|key)";
const ASK = new RegExp(`\\b(?:send|give|paste|share|tell|print|show|reveal|dump|reply with)\\b[^.?!\\n]{0,40}?\\b${SECRET_NOUN}\\b`, "i");

/** First version: direct asks for a secret value. Routing questions ("how do I get…") do not match. */
export function detectSecretRequest(text: string): SecretRequest | null {
  const normal = normalizeForScan(text);
  if (/\b(?:how|where|who)\b/i.test(normal)) return null;
  const m = ASK.exec(normal);
  return m ? { phrase: m[0], reason: "asks for a secret value to be handed over" } : null;
}
