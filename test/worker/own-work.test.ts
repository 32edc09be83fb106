import { describe, expect, it } from "vitest";
import { actionKey } from "../../src/domain/keys.ts";
import { isOwnAuthor, listOwnWork, ownMarker } from "../../src/worker/execute/own-work.ts";
import { renderMarker } from "../../src/worker/render/marker.ts";
import { MemoryGitHub } from "../support/memory-github.ts";

const marker = { key: actionKey("m-1", "escalate"), message_id: "m-1", thread_id: "t-1", from_agent: "deploy-bot" };
const body = `an escalation\n\n${renderMarker(marker)}`;

describe("the one own-work trust rule", () => {
  it("a Bot account listed in relay.bot_logins, compared case-insensitively", () => {
    expect(isOwnAuthor({ login: "Ops-Warden[bot]", bot: true }, ["ops-warden[bot]"])).toBe(true);
    expect(isOwnAuthor({ login: "ops-warden[bot]", bot: false }, ["ops-warden[bot]"])).toBe(false);
    expect(isOwnAuthor({ login: "other[bot]", bot: true }, ["ops-warden[bot]"])).toBe(false);
    expect(isOwnAuthor(undefined, ["ops-warden[bot]"])).toBe(false);
    expect(ownMarker({ body, author: { login: "OPS-WARDEN[BOT]", bot: true } }, ["ops-warden[bot]"])?.key).toBe(marker.key);
    expect(ownMarker({ body, author: { login: "mallory", bot: false } }, ["ops-warden[bot]"])).toBeUndefined();
  });

  it("the finder the executor, the relays and the dashboard share lists only the bot's marked work", async () => {
    const gh = new MemoryGitHub();
    await gh.createIssue({ title: "ours", body, labels: ["ops-warden"] });
    gh.login = "mallory";
    await gh.createIssue({ title: "forged", body, labels: ["ops-warden"] });
    gh.login = "ops-warden[bot]";
    await gh.createIssue({ title: "unmarked", body: "no marker", labels: ["ops-warden"] });
    const { issues } = await listOwnWork(gh, "ops-warden", ["OPS-WARDEN[bot]"]);
    expect(issues.map((i) => i.item.title)).toEqual(["ours"]);
  });
});
