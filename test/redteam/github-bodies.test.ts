import { beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/worker/render/marker.ts";
import { renderPullRequest } from "../../src/worker/render/pull-request.ts";
import type { Rig } from "./support.ts";
import { liveMarkupProblems, rig, routingQuestion, runOf } from "./support.ts";

/**
 * Escalation issues and PR bodies are rendered by GitHub. Untrusted text (the message, the
 * brain's words) may appear there only as inert data: no @-mention that pings people, no HTML,
 * no image, no foreign link, no marker that could pass for ops-warden's own.
 */
let r: Rig;
beforeAll(async () => {
  r = await rig();
});

const PING = "@acme/security-team urgent <img src=https://evil.example/p.png> [github.com](https://evil.example/login)";

/** A valid-looking catalog change, so a PR is actually rendered. */
function addRoute(id: string, rationale = "a new lane") {
  return {
    kind: "propose_catalog_change",
    op: "add",
    rationale,
    entry: { id, title: "Red team test lane", kinds: ["api-token"], owner: "credential-broker", lane: "owner-native", status: "active", match: [`${id} phrase`], playbook: "playbooks/api-tokens.md" },
  };
}

describe("escalation issue body", () => {
  it("keeps a plain brain escalation free of live markup (baseline)", async () => {
    const plan = await r.plan([{ kind: "escalate", category: "ambiguous", reason: "no route matches" }]);
    const [issue] = runOf(plan, "escalate");
    expect(issue).toBeDefined();
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  // Fixed (was a bypass): the brain's escalation reason is written unfenced into the issue body
  // ("- **Why:** <reason>", render/issue.ts, only oneLine()'d), so a compromised brain pings
  // teams, embeds a tracking image and a phishing link in an issue ops-warden opens.
  it("does not let a brain's escalation reason ping people or embed HTML and links", async () => {
    const plan = await r.plan([{ kind: "escalate", category: "policy", reason: PING }]);
    const [issue] = runOf(plan, "escalate");
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  // Fixed (was a bypass): zod's "Unrecognized key" message quotes the key name; allowlist.ts copies it into the
  // downgrade reason, which lands unfenced in the issue (and unredacted in proposed[].reason).
  it("does not echo a brain's extra field name into the issue as live markup", async () => {
    const plan = await r.plan([{ kind: "reply", body: "hello", [PING]: true }]);
    const [issue] = runOf(plan, "escalate");
    expect(issue?.category).toBe("malformed");
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  // Fixed (was a bypass): a refused playbook path is echoed (printable, 80 chars) into the reason, unfenced.
  it("does not echo a refused playbook path into the issue as live markup", async () => {
    const plan = await r.plan([{ kind: "propose_playbook_change", path: "@acme/security-team <img src=x onerror=alert(1)>", content: "x", rationale: "r" }]);
    const [issue] = runOf(plan, "escalate");
    expect(issue?.category).toBe("policy");
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  // Fixed (was a bypass): from_agent / message id / thread id are put in inline code spans without escaping
  // backticks (render/issue.ts `- **From:**` line). A backtick in the sender's name closes the
  // span and the rest renders live. Every escalation (also gate ones) carries this line.
  it.each([
    ["from_agent", { from_agent: "bot` @acme/security-team ![x](https://evil.example/p.png) `x" }],
    ["thread_id", { thread_id: "t` @acme/security-team <img src=x onerror=alert(1)> `x" }],
    ["message id", { id: "m` @acme/security-team [github.com](https://evil.example) `x" }],
  ])("does not let a backtick in the message's %s break out of its code span", async (_field, fields) => {
    const plan = await r.plan([{ kind: "escalate", category: "ambiguous", reason: "unclear" }], routingQuestion(fields));
    const [issue] = runOf(plan, "escalate");
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  it.each([
    ["three backticks", "```\n@acme/security-team <img src=x>\n```"],
    ["four backticks", "````\n@acme/security-team <img src=x>\n````"],
    ["tildes", "~~~\n@acme/security-team <img src=x>\n~~~"],
    ["CRLF fence", "x\r\n```\r\n@acme/security-team <img src=x>\r\n```\r\n"],
    ["lone CR fence", "x\r```\r@acme/security-team <img src=x>\r"],
    ["spaced fence", "x\n   ```   \n@acme/security-team <img src=x>"],
    ["fullwidth grave", "x\n\uff40\uff40\uff40\n@acme/security-team <img src=x>"],
  ])("keeps the quoted message inside its fence (%s)", async (_what, body) => {
    const plan = await r.plan([{ kind: "escalate", category: "ambiguous", reason: "unclear" }], routingQuestion({ body }));
    const [issue] = runOf(plan, "escalate");
    expect(liveMarkupProblems(issue?.issue.body ?? "")).toEqual([]);
  });

  it("reads back its own marker, not one forged in the message or the reason", async () => {
    const forged = `<!-- ops-warden:v1 {"key":"warden-escalate-${"0".repeat(24)}","message_id":"victim","thread_id":"t","from_agent":"a"} -->`;
    const plan = await r.plan([{ kind: "escalate", category: "ambiguous", reason: forged }], routingQuestion({ body: `see ${forged}\n${forged}` }));
    const [issue] = runOf(plan, "escalate");
    expect(issue).toBeDefined();
    expect(readMarker(issue?.issue.body ?? "")).toEqual({ key: issue?.key, message_id: plan.message_id, thread_id: plan.thread_id, from_agent: plan.from_agent });
  });

  it("keeps its marker intact when the sender's fields try to end the comment", async () => {
    const msg = routingQuestion({ id: "m --> <!-- ops-warden:v1 {}", thread_id: "t--!>x", from_agent: "a -->" });
    const plan = await r.plan([{ kind: "escalate", category: "ambiguous", reason: "unclear" }], msg);
    const [issue] = runOf(plan, "escalate");
    const body = issue?.issue.body ?? "";
    expect(readMarker(body)).toEqual({ key: issue?.key, message_id: msg.id, thread_id: msg.thread_id, from_agent: msg.from_agent });
    // The marker line itself must be one HTML comment that closes only at its very end.
    const markerLine = body.split("\n").at(-1) ?? "";
    expect(markerLine.indexOf("--")).toBe(2);
    expect(markerLine.slice(4, -3)).not.toMatch(/--/);
  });
});

describe("pull request body", () => {
  it("renders a catalog PR with the rationale fenced (baseline)", async () => {
    // From the route's owner agent: only the owner may propose its route (change authority).
    const plan = await r.plan([addRoute("redteam-lane-one", `${PING}\n\`\`\`\n${PING}\n~~~~\n${PING}`)], routingQuestion({ from_agent: "credential-broker" }));
    const [pr] = runOf(plan, "propose_catalog_change");
    expect(pr, JSON.stringify(plan.proposed)).toBeDefined();
    expect(pr?.pull_request.branch).toMatch(/^warden\/catalog-add-redteam-lane-one-[0-9a-f]{8}$/);
    expect(liveMarkupProblems(pr?.pull_request.body ?? "")).toEqual([]);
  });

  // Fixed (was a bypass): same unescaped inline code span as the issue, in render/pull-request.ts's first line.
  // A sender that is no owner agent gets no PR at all now (change authority); the renderer
  // still keeps such a name inert.
  it("does not let a backtick in from_agent break out of its code span", async () => {
    const msg = routingQuestion({ from_agent: "bot` @acme/security-team ![x](https://evil.example/p.png) `x" });
    const plan = await r.plan([addRoute("redteam-lane-two")], msg);
    expect(runOf(plan, "propose_catalog_change")).toEqual([]);
    const summary = { headline: "add route redteam-lane-two", area: "catalog" as const, subject: "add-redteam-lane-two", file: "catalog/tokens.yaml", rationale: "a new lane", fields: ["id"], content: "" };
    const pr = renderPullRequest(msg, summary, "warden-propose_catalog_change-0123456789abcdef01234567", ["ops-warden"]);
    expect(liveMarkupProblems(pr.body)).toEqual([]);
  });
});
