import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_HUB_DESCRIPTION, createHubClient, describeHub, resolveHub } from "../../src/adapters/hub/index.ts";
import { ConfigError } from "../../src/domain/errors.ts";
import { AGENT, collect } from "./fixtures.ts";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

describe("hub selection", () => {
  it("defaults to the repository's sample inbox when no URL and no WARDEN_HUB_URL are given", async () => {
    const env = { WARDEN_STATE_DIR: "/nonexistent-state-dir-for-tests" };
    expect(resolveHub(undefined, { env })).toEqual({ kind: "file", dir: `${REPO_ROOT}/samples/inbox`, source: "default", scratch: "/nonexistent-state-dir-for-tests/sample-inbox" });
    expect(describeHub("", { env })).toBe(DEFAULT_HUB_DESCRIPTION);
    const [page] = await collect(createHubClient(undefined, { env }).unread(AGENT));
    expect(page?.messages.length).toBeGreaterThanOrEqual(16);
  });

  it("takes the argument over WARDEN_HUB_URL, and WARDEN_HUB_URL over the default", () => {
    const env = { WARDEN_HUB_URL: "https://hub.example/api" };
    expect(resolveHub(undefined, { env })).toEqual({ kind: "http", url: "https://hub.example/api", source: "env" });
    expect(resolveHub("file:elsewhere", { env, cwd: "/srv/x" })).toEqual({ kind: "file", dir: "/srv/x/elsewhere", source: "argument" });
    expect(resolveHub("file:///srv/hub", { env })).toMatchObject({ kind: "file", dir: "/srv/hub" });
  });

  it("describes an HTTP hub without query string or token", () => {
    const env = { WARDEN_HUB_TOKEN: "tok-CANARY-123" };
    const shown = describeHub("https://hub.example:8443/api/?token=abc", { env });
    expect(shown).toBe("https://hub.example:8443/api/");
    expect(shown).not.toMatch(/abc|CANARY/);
  });

  it("refuses credentials in the URL without repeating them", () => {
    const error = (() => {
      try {
        resolveHub("https://bot:pa55w0rd@hub.example/", { env: {} });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/WARDEN_HUB_TOKEN/);
    expect(error?.message).not.toContain("pa55w0rd");
  });

  it("rejects other schemes with a config error", () => {
    expect(() => resolveHub("ftp://hub", { env: {} })).toThrow(ConfigError);
    expect(() => resolveHub("file:", { env: {} })).toThrow(ConfigError);
  });
});
