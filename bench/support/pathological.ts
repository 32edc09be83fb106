/**
 * Pathological inbound messages: the shapes that make naive detectors super-linear — one
 * anchor word repeated, long runs of one punctuation character, deep nesting, quote and fence
 * storms, and change blocks whose content is all of that. Each body is just under the hub's
 * 64 KiB limit. Deterministic: the same list every run, so figures compare across commits.
 */
import { MAX_BODY_BYTES } from "../../src/domain/message.ts";
import type { Message } from "../../src/domain/message.ts";

export interface PathologicalCase {
  name: string;
  message: Message;
}

const LIMIT = MAX_BODY_BYTES - 256;

/** Words the detectors anchor on: secret labels, request verbs, key headers, injection cues. */
const ANCHORS = [
  "key", "pass", "password", "passwort", "token", "secret", "pw", "pwd", "is", "send", "me", "the", "share",
  "BEGIN", "-----BEGIN", "PRIVATE", "system", "system:", "ignore", "assistant", "prod", "production", "change",
  "AKIA", "ghp_", "xoxb-", "eyJ", "postgres://", "https://", "@", "=", ":", "pw is", "password:", "Bearer",
  "export", "_PW=", "forwarded", "wrote:", "> ", "<details>", "<!--", "```", "~~~", "```warden-change\n",
] as const;

const RUNS = ["-", "=", "*", "`", "<", ">", "/", ".", " ", "\n", "_", "$", "{", "[", "(", ":", "\\", "'", '"', "#", "a", "A", "0", "\u200b"] as const;

function fill(unit: string, limit = LIMIT): string {
  return unit.repeat(Math.max(1, Math.floor(limit / Buffer.byteLength(unit))));
}

function nest(open: string, close: string, limit = LIMIT): string {
  const depth = Math.floor(limit / Buffer.byteLength(open + close));
  return open.repeat(depth) + close.repeat(depth);
}

function bodies(): [string, string][] {
  const out: [string, string][] = [];
  for (const word of ANCHORS) out.push([`repeated ${JSON.stringify(word)}`, fill(`${word} `)]);
  for (const word of ANCHORS) out.push([`run of ${JSON.stringify(word)} without spaces`, fill(word)]);
  for (const ch of RUNS) out.push([`run of ${JSON.stringify(ch)}`, fill(ch)]);
  out.push(["nested ()", nest("(", ")")], ["nested []", nest("[", "]")], ["nested {}", nest("{", "}")]);
  out.push(["nested <a", fill("<a ")], ["nested quotes", `${fill("> ", LIMIT - 20)}hello`]);
  out.push(["alternating key=value", fill("key=value ")], ["alternating a:", fill("a: ")]);
  out.push(["label then spaces", `password${" ".repeat(LIMIT - 20)}x`]);
  out.push(["BEGIN header storm", fill("-----BEGIN RSA PRIVATE KEY-----\n")]);
  out.push(["base64 blob", fill("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3")]);
  out.push(["hex blob", fill("deadbeef0123456789")]);
  out.push(["url storm", fill("https://a.example/")]);
  out.push(["email storm", fill("a@b.c ")]);
  out.push(["send me the", fill("send me the password of ")]);
  out.push(["ignore previous", fill("ignore previous ")]);
  out.push(["change prod", fill("change prod ")]);
  out.push(["fence storm", fill("```\n")]);
  out.push(["details storm", fill("<details>")]);
  out.push(["comment opens", fill("<!-- ")]);
  out.push(["change block of one word", `\`\`\`warden-change\nop: add\nrationale: ${fill("key ", LIMIT - 400)}\n\`\`\`\n`]);
  out.push([
    "playbook change of one word",
    `\`\`\`warden-change\nop: playbook\npath: playbooks/ssh-certificates.md\nfind: "Certificates last 8 hours; ask again when it expires."\nreplace: "${fill("pass ", LIMIT - 600)}"\nrationale: r\n\`\`\`\n`,
  ]);
  out.push([
    "new playbook of punctuation",
    `\`\`\`warden-change\nop: playbook\npath: playbooks/new-one.md\ncontent: |\n  ${fill("-", LIMIT - 400)}\nrationale: r\n\`\`\`\n`,
  ]);
  out.push(["prose near the limit", fill("We moved the nightly runner to new hosts and need to know which route covers SSH. ")]);
  return out;
}

export function pathologicalMessages(): PathologicalCase[] {
  return bodies().map(([name, body], i) => ({
    name,
    message: {
      id: `path-${i}`,
      thread_id: `path-thread-${i}`,
      from_agent: "build-runner",
      to_agent: "ops-warden",
      subject: `pathological ${i}`,
      body: body.slice(0, LIMIT),
      created_at: "2026-12-01T00:00:00Z",
      status: "unread",
      in_reply_to: null,
    },
  }));
}
