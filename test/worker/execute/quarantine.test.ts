import { afterEach, describe, expect, it } from "vitest";
import { ForgeError } from "../../../src/domain/errors.ts";
import type { Message } from "../../../src/domain/message.ts";
import { readMarker } from "../../../src/worker/render/marker.ts";
import { executorWorld } from "../../support/executor-world.ts";

type World = Awaited<ReturnType<typeof executorWorld>>;
let world: World;
afterEach(() => world?.cleanup());

const valid: Message = { id: "m-ok", thread_id: "thr-ok", from_agent: "deploy-bot", to_agent: "ops-warden", subject: "who owns the billing db password?", body: "who owns the billing db password?", created_at: "2026-11-20T09:00:00Z", status: "unread", in_reply_to: null };
/** A body that is not a string: the hub's record fails validation and is quarantined. */
const malformed = { ...valid, id: "m-bad", thread_id: "thr-bad", body: { text: "sk_live_not_a_string_body" } } as unknown as Message;

describe("quarantined inbox records", () => {
  it("are escalated from code-owned fields only and marked read, once", async () => {
    world = await executorWorld({ messages: [valid, malformed] });
    const { doc, result } = await world.tick();
    expect(doc.quarantined.map((q) => q.message_id)).toEqual(["m-bad"]);
    expect(result.quarantined?.[0]?.map((o) => [o.status, o.code])).toEqual([["executed", "created"], ["executed", "marked-read"]]);
    const issue = world.github.issues.find((i) => readMarker(i.body)?.message_id === "m-bad")!;
    expect(issue.title).toBe("[ops-warden] malformed inbox record quarantined");
    expect(issue.body).toContain("m-bad");
    expect(issue.body).not.toContain("sk_live_not_a_string_body");
    expect(readMarker(issue.body)?.from_agent).toBe("ops-warden");
    expect(await world.unreadIds()).toEqual([]);
    const again = await world.tick();
    expect(again.doc.quarantined).toEqual([]);
    expect(world.github.issues.filter((i) => readMarker(i.body)?.message_id === "m-bad")).toHaveLength(1);
  });

  it("a failed escalation leaves the record unread for the next tick", async () => {
    world = await executorWorld({ messages: [malformed] });
    world.github.failNext("createIssue", new ForgeError("GitHub answered 403 to create issue: Resource not accessible by integration", { status: 403 }));
    const { result } = await world.tick();
    expect(result.quarantined?.[0]?.map((o) => o.status)).toEqual(["failed"]);
    expect(await world.unreadIds()).toEqual(["m-bad"]);
    await world.tick();
    expect(await world.unreadIds()).toEqual([]);
    expect(world.github.issues).toHaveLength(1);
  });
});
