/**
 * Secret scan throughput on 10,000 generated ~400-character ops messages, about 1% of which
 * carry a (fake) secret: secretlint's preset on every message vs our scanner with and without
 * the prefilter, plus how many messages the prefilter sends through to secretlint.
 */
import { createSecretScanner, normalizeForScan, scanWithWardenRules, secretlintMayMatch } from "../src/policy/secrets/index.ts";
import { scanWithSecretlint } from "../src/policy/secrets/secretlint-scan.ts";
import { POSITIVES } from "../test/fixtures/secrets/corpus.ts";
import { chars, HEX, prng } from "../test/fixtures/secrets/fake.ts";

const MESSAGES = 10_000;
const SECRET_SHARE = 0.01;

const TEAMS = ["billing", "payments", "analytics", "search", "platform", "identity", "ledger", "growth"];
const SYSTEMS = ["postgres", "kafka", "redis", "vault", "grafana", "the build hosts", "the OIDC provider", "S3", "mysql", "opensearch"];
const SENTENCES: ReadonlyArray<(pick: <T>(xs: readonly T[]) => T, next: () => number) => string> = [
  (p) => `How do I get read access to ${p(SYSTEMS)} for the ${p(TEAMS)} service?`,
  (p) => `Who handles database passwords for ${p(TEAMS)}-${p(SYSTEMS).replace(/\W/g, "")}-prod?`,
  (p) => `I need SSH access to ${p(SYSTEMS)} for the ${p(TEAMS)} migration next week.`,
  (p) => `The runbook at https://wiki.example.internal/ops/${p(TEAMS)}/access says to ask you first.`,
  (p) => `Our API token for ${p(SYSTEMS)} expires on Friday, where do I request a new one?`,
  (_p, n) => `Deployed commit ${chars(Math.floor(n() * 1e9), 40, HEX)} to staging, ticket OPS-${Math.floor(n() * 9000) + 1000}.`,
  (_p, n) => `Request id ${chars(Math.floor(n() * 1e9), 8, HEX)}-${chars(Math.floor(n() * 1e9), 4, HEX)}-4${chars(Math.floor(n() * 1e9), 3, HEX)}-a${chars(Math.floor(n() * 1e9), 3, HEX)}-${chars(Math.floor(n() * 1e9), 12, HEX)} failed with a 403.`,
  (p) => `Which OIDC role should the ${p(TEAMS)} pipeline assume in the prod account?`,
  (p) => `Please rotate the ${p(SYSTEMS)} key used by the ${p(TEAMS)} exporter, the old one leaked into a log.`,
  (p) => `Is the route ${p(TEAMS)}-${p(["postgres", "kafka", "redis"])}-prod-readonly still owned by the DBA team?`,
  (p) => `Config lives in /etc/${p(TEAMS)}/app.yaml and catalog/routes/${p(TEAMS)}.yaml on main.`,
  (p) => `cc ${p(["alice", "bob", "carol", "dan"])}@example.com, she set up the ${p(SYSTEMS)} integration.`,
];

export function generateMessages(seed: number): { text: string; secret: boolean }[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const out: { text: string; secret: boolean }[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    let text = `Hi ops-warden, ${pick(TEAMS)} here.`;
    while (text.length < 360) text += " " + pick(SENTENCES)(pick, next);
    const secret = next() < SECRET_SHARE;
    if (secret) text += ` ${pick(POSITIVES).text}`;
    out.push({ text: text + " Thanks!", secret });
  }
  return out;
}

async function rate(texts: readonly string[], scan: (t: string) => unknown): Promise<number> {
  for (const t of texts.slice(0, 200)) await scan(t); // warm-up
  const start = performance.now();
  for (const t of texts) await scan(t);
  return texts.length / ((performance.now() - start) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export async function main(): Promise<void> {
  const messages = generateMessages(42);
  const all = messages.map((m) => m.text);
  const clean = messages.filter((m) => !m.secret).map((m) => m.text);
  const meanLength = all.reduce((sum, t) => sum + t.length, 0) / all.length;
  const sentThrough = all.filter((t) => secretlintMayMatch(normalizeForScan(t))).length;
  const sentThroughClean = clean.filter((t) => secretlintMayMatch(normalizeForScan(t))).length;
  const withPrefilter = createSecretScanner();
  const withoutPrefilter = createSecretScanner({ prefilter: false });
  let detected = 0;
  for (const m of messages) if (m.secret && (await withPrefilter.scan(m.text)).length > 0) detected++;

  console.log(`messages: ${fmt(all.length)} (mean ${Math.round(meanLength)} chars), with a secret: ${messages.length - clean.length}, detected: ${detected}`);
  console.log(`prefilter sends to secretlint: ${sentThrough} of ${all.length} (${((100 * sentThrough) / all.length).toFixed(2)}%), clean ones: ${sentThroughClean} of ${clean.length}`);
  console.log(`(a) secretlint preset on every message:   ${fmt(await rate(all, scanWithSecretlint))} msg/s`);
  console.log(`    our scanner, prefilter off:            ${fmt(await rate(all, (t) => withoutPrefilter.scan(t)))} msg/s`);
  console.log(`(b) our scanner with prefilter, all:       ${fmt(await rate(all, (t) => withPrefilter.scan(t)))} msg/s`);
  console.log(`    our scanner with prefilter, clean:     ${fmt(await rate(clean, (t) => withPrefilter.scan(t)))} msg/s`);
  console.log(`    warden rules only (sync), clean:       ${fmt(await rate(clean, scanWithWardenRules))} msg/s`);
  console.log(`    prefilter decision only, clean:        ${fmt(await rate(clean, secretlintMayMatch))} msg/s`);
}
