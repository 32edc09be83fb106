import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { createFileHubClient } from "../../src/adapters/hub/index.ts";
import { RouteSchema } from "../../src/domain/catalog.ts";
import type { Message } from "../../src/domain/message.ts";
import { AGENT, collect } from "./fixtures.ts";

const DIR = fileURLToPath(new URL("../../samples/inbox", import.meta.url));
const OWNERS = ["ops-warden", "openbao", "secrets-engine", "credential-broker", "flex-auth", "ops-bridge"];
const ESTATE = ["build-runner", "deploy-bot", "billing-api", "ci-orchestrator", "flex-auth", "ops-bridge", "data-pipeline", "release-manager"];

async function inbox() {
  const pages = await collect(createFileHubClient({ dir: DIR }).unread(AGENT));
  return { messages: pages.flatMap((p) => p.messages), quarantined: pages.flatMap((p) => p.quarantined) };
}

function changeBlocks(messages: Message[]): Record<string, unknown>[] {
  return messages.flatMap((m) => [...m.body.matchAll(/```warden-change\n([\s\S]*?)```/g)].map((match) => parseYaml(match[1] ?? "") as Record<string, unknown>));
}

const find = (messages: Message[], pattern: RegExp) => messages.filter((m) => pattern.test(`${m.subject}\n${m.body}`));

describe("the sample inbox", () => {
  it("holds at least 16 valid unread messages from agents of the estate, and quarantines exactly the malformed ones", async () => {
    const { messages, quarantined } = await inbox();
    expect(messages.length).toBeGreaterThanOrEqual(16);
    expect(messages.every((m) => ESTATE.includes(m.from_agent) && m.status === "unread")).toBe(true);
    expect(quarantined).toEqual([
      { message_id: "msg-0018", reason: expect.stringMatching(/from_agent/) },
      { message_id: "msg-0019", reason: expect.stringMatching(/body/) },
    ]);
    const raw = JSON.parse(await readFile(`${DIR}/messages.json`, "utf8")) as { messages: { status: string }[] };
    expect(raw.messages.every((m) => m.status === "unread")).toBe(true);
  });

  it("carries a route addition for a known owner that the catalog schema accepts, and a playbook correction", async () => {
    const blocks = changeBlocks((await inbox()).messages);
    const add = blocks.find((b) => b.op === "add");
    const route = RouteSchema.parse(add?.entry);
    expect(OWNERS).toContain(route.owner);
    expect(add?.rationale).toEqual(expect.any(String));
    const fix = blocks.find((b) => b.op === "playbook");
    expect(fix).toMatchObject({ path: "playbooks/ssh-certificates.md", find: expect.any(String), replace: expect.any(String), rationale: expect.any(String) });
  });

  it("covers the scenarios the planner must handle", async () => {
    const { messages } = await inbox();
    for (const pattern of [/SSH access to the build hosts/, /broker-issued signing token/, /OIDC role/, /workload posture/i, /cert_command/, /postgres password for billing/, /AWS credentials/]) {
      expect(find(messages, pattern), String(pattern)).not.toHaveLength(0);
    }
    expect(find(messages, /paste me the current billing postgres password/)).toHaveLength(1);
    expect(find(messages, /AKIAIOSFODNN7EXAMPLE[\s\S]*wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY/)).toHaveLength(1);
    expect(find(messages, /max TTL of the production SSH role/)).toHaveLength(1);
    expect(find(messages, /restart the billing service/)).toHaveLength(1);
    expect(find(messages, /ignore previous instructions[\s\S]*\.github\/workflows/i)).toHaveLength(1);
  });
});
