import type { Verdict } from "./verdict.ts";
import { block } from "./verdict.ts";

export interface ReplyRules {
  max_chars: number;
  link_hosts: readonly string[];
}

/**
 * HTML as a renderer would treat it: comments, doctypes and processing instructions, any tag
 * with attributes, and tags named like real elements. Bare placeholders such as `<role>` or
 * `<namespace>/<name>`, which playbooks use, are text and stay allowed.
 */
const HTML_ELEMENTS =
  "a|abbr|audio|b|base|blockquote|body|br|button|canvas|code|details|div|em|embed|font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|kbd|link|li|marquee|math|meta|noscript|object|ol|option|p|param|picture|pre|s|script|select|source|span|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|th|title|tr|u|ul|video";
const HTML_TAG = new RegExp(`<!--|<![a-z]|<\\?|<\\/?(?:${HTML_ELEMENTS})(?:[\\s/>]|$)|<[a-z][\\w-]*\\s+[^>]*=`, "i");
const MARKDOWN_IMAGE = /!\[[^\]]*\]\([^)]*\)/;
/** A link in text: any scheme with `://`, or a bare `www.` host. */
export const LINK = /\b(?:[a-z][a-z0-9+.-]*):\/\/[^\s<>()"'`]+|\bwww\.[^\s<>()"'`]+/gi;

/**
 * Replies are plain text for another agent: bounded in length, no HTML (no hidden comments or
 * markup), no images (no tracking pixels), and links only to hosts the config allowlists.
 */
export function checkReplyBody(body: string, rules: ReplyRules): Verdict | undefined {
  if (body.trim().length === 0) return block("reply-format", "reply is empty");
  if (body.length > rules.max_chars) return block("reply-format", `reply is ${body.length} characters; the limit is ${rules.max_chars}`);
  if (MARKDOWN_IMAGE.test(body)) return block("reply-format", "reply contains an image");
  if (HTML_TAG.test(body)) return block("reply-format", "reply contains HTML");
  for (const link of body.match(LINK) ?? []) {
    const host = linkHost(link);
    if (!host || !isAllowedHost(host, rules.link_hosts)) {
      return block("reply-format", `reply links to a host that is not allowlisted (${host ?? "unparseable link"})`);
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

function isAllowedHost(host: string, allowlist: readonly string[]): boolean {
  return allowlist.some((allowedHost) => {
    const h = allowedHost.toLowerCase();
    return host === h || host.endsWith(`.${h}`);
  });
}
