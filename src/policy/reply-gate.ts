import type { Verdict } from "./verdict.ts";
import { downgrade } from "./verdict.ts";

export interface ReplyRules {
  max_chars: number;
  link_hosts: readonly string[];
}

/**
 * HTML as a renderer would treat it: comments, doctypes and processing instructions, any tag
 * with attributes, and tags named like real elements. Bare placeholders such as `<role>` or
 * `<namespace>/<name>`, which playbooks use, are text and stay allowed.
 */
const HTML_ELEMENTS = [
  "a|abbr|acronym|address|applet|area|article|aside|audio|b|base|basefont|bdi|bdo|bgsound|big|blink|blockquote|body|br|button",
  "canvas|caption|center|cite|code|col|colgroup|datalist|dd|del|details|dfn|dialog|dir|div|dl|dt|em|embed|fieldset|figcaption",
  "figure|font|footer|form|frame|frameset|h[1-6]|head|header|hgroup|hr|html|i|iframe|image|img|input|ins|isindex|kbd|keygen",
  "label|legend|li|link|listing|main|map|mark|marquee|math|menu|meta|meter|nav|nobr|noembed|noframes|noscript|object|ol",
  "optgroup|option|output|p|param|picture|plaintext|portal|pre|progress|q|rp|rt|ruby|s|samp|script|search|section|select",
  "slot|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|title|tr",
  "track|tt|u|ul|video|wbr|xmp",
].join("|");
const HTML_TAG = new RegExp(`<!--|<![a-z]|<\\?|<\\/?(?:${HTML_ELEMENTS})(?:[\\s/>]|$)|<[a-z][\\w-]*\\s+[^>]*=`, "i");
const MARKDOWN_IMAGE = /!\[[^\]]*\]\([^)]*\)/;
/** A link in text: any scheme with `://`, or a bare `www.` host. */
export const LINK = /\b(?:[a-z][a-z0-9+.-]*):\/\/[^\s<>()"'`]+|\bwww\.[^\s<>()"'`]+/gi;

/**
 * Replies are plain text for another agent: bounded in length, no HTML (no hidden comments or
 * markup), no images (no tracking pixels), and links only to hosts the config allowlists.
 */
/** Markdown link targets: `[text](target)`, `[label]: target` definitions and `<scheme:…>` autolinks. */
const MARKDOWN_TARGET = /\]\(\s*<?([^\s)>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<([a-z][a-z0-9+.-]{1,31}:[^\s>]*)>/gim;
/** `@name`, `@org/team` where a mention starts (not inside an e-mail address or a word). */
const MENTION = /(?:^|[^\p{L}\p{N}_.`@/-])@[\p{L}\p{N}][\p{L}\p{N}_-]*/u;
/** Schemes that run code, embed content or open another channel: never in a reply. */
const UNSAFE_SCHEME = /\b(?:javascript|vbscript|data|file|mailto|blob|filesystem|intent)\s*:/i;

export function checkReplyBody(body: string, rules: ReplyRules): Verdict | undefined {
  if (body.trim().length === 0) return downgrade("reply-format", "policy", "reply is empty");
  if (body.length > rules.max_chars) return downgrade("reply-format", "policy", `reply is ${body.length} characters; the limit is ${rules.max_chars}`);
  if (MARKDOWN_IMAGE.test(body)) return downgrade("reply-format", "policy", "reply contains an image");
  if (HTML_TAG.test(body)) return downgrade("reply-format", "policy", "reply contains HTML");
  if (UNSAFE_SCHEME.test(body)) return downgrade("reply-format", "policy", "reply contains a script, data or mail link");
  if (MENTION.test(body)) return downgrade("reply-format", "policy", "reply contains an @-mention");
  for (const target of markdownTargets(body)) {
    const host = /^https?:\/\//i.test(target) ? linkHost(target) : undefined;
    if (!host || !isAllowedHost(host, rules.link_hosts)) {
      return downgrade("reply-format", "policy", `reply links to a target that is not an allowlisted https host (${host ?? "relative or unparseable target"})`);
    }
  }
  for (const link of body.match(LINK) ?? []) {
    const host = linkHost(link);
    if (!host || !isAllowedHost(host, rules.link_hosts)) {
      return downgrade("reply-format", "policy", `reply links to a host that is not allowlisted (${host ?? "unparseable link"})`);
    }
  }
  return undefined;
}

/** The host a link points to, lower-cased; undefined for non-HTTP links and links with credentials. */
export function linkHost(link: string): string | undefined {
  try {
    const url = new URL(link.startsWith("www.") ? `https://${link}` : link);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    if (url.username || url.password) return undefined;
    return url.hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function markdownTargets(body: string): string[] {
  return [...body.matchAll(MARKDOWN_TARGET)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

export function isAllowedHost(host: string, allowlist: readonly string[]): boolean {
  return allowlist.some((allowedHost) => {
    const h = allowedHost.toLowerCase();
    return host === h || host.endsWith(`.${h}`);
  });
}
