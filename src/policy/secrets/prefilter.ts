/**
 * Decides, in one cheap pass, whether any rule of secretlint's recommended preset (12.0.0) could
 * report on a text. Each trigger below is a NECESSARY condition read off that rule's pattern in
 * the preset's source: a substring every match of the pattern contains. So when no trigger is
 * present, no rule can report, and skipping secretlint loses nothing. A property test compares
 * the scanner with and without this prefilter on generated texts.
 *
 * When upgrading secretlint, re-derive this table from the new rules' sources.
 */

/**
 * Case-sensitive literals, one or more per rule; every match of the rule contains one of them:
 * PRIVATE KEY, T3BlbkFJ, SG., x-oauth-basic, xox[abopr]-, xapp-, _authToken=, npm_, ntn_,
 * shppa_ shpca_ shpat_ shpss_, sk-ant-api0, gh[pousr]_, github_pat_, glpat-, glc_, glsa_, gsk_,
 * hf_, lin_api_, ops_ey, hv[sbr]., vc[aikpr]_, dapi, dckr_pat_, figd_.
 * All but three contain `_`, `-` or `.`, so they are grouped by that character: a group's regex
 * runs only when a quick `includes` finds its character, and the three others are plain
 * substrings. Together the groups hold exactly the literals above (with common prefixes factored
 * out, which V8 runs faster than a flat list).
 */
const UNDERSCORE_LITERALS = /_authToken=|n(?:pm|tn)_|shp(?:pa|ca|at|ss)_|g(?:h[pousr]_|ithub_pat_|l(?:c|sa)_|sk_)|hf_|lin_api_|ops_ey|vc[aikpr]_|dckr_pat_|figd_/;
const DASH_LITERALS = /x(?:-oauth-basic|ox[abopr]-|app-)|sk-ant-api0|glpat-/;
const DOT_LITERALS = /SG\.|hv[sbr]\./;
const PLAIN_LITERALS = ["PRIVATE KEY", "T3BlbkFJ", "dapi"] as const;

function hasLiteralTrigger(text: string): boolean {
  return (
    (text.includes("_") && UNDERSCORE_LITERALS.test(text)) ||
    (text.includes("-") && DASH_LITERALS.test(text)) ||
    (text.includes(".") && DOT_LITERALS.test(text)) ||
    PLAIN_LITERALS.some((literal) => text.includes(literal))
  );
}

/** The two rules whose patterns carry the `i` flag or mixed-case alternations. */
const CASELESS_TRIGGERS = /secret_?access_?key|hooks\.slack\.com\/services\//i;

/**
 * basicauth and database-connection-string only report a URL with `user:password@` right after
 * `://`. Their user classes ([-a-zA-Z0-9_] and [^:/\s]) and password classes ([-a-zA-Z0-9_] and
 * [^@/\s]) are all inside the classes used here, so this matches whenever either rule could.
 */
const CREDENTIAL_URL = /:\/\/[^:/\s]+:[^@/\s]+@/;

/**
 * The trigger table, for documentation and tests: rule → what every match of it must contain.
 * `@secretlint/secretlint-rule-gcp` is absent on purpose: it only inspects `.json`/`.p12` files,
 * and we scan in-memory text with no extension, so it never runs (an embedded PEM key is still
 * caught by the privatekey trigger and by `warden/private-key`).
 * `@secretlint/secretlint-rule-filter-comments` is disabled in our config (see secretlint-scan.ts).
 */
export const SECRETLINT_TRIGGERS: Readonly<Record<string, string>> = {
  "@secretlint/secretlint-rule-aws": "/secret_?access_?key/i (the id scan is off by default; warden/aws-access-key-id covers ids)",
  "@secretlint/secretlint-rule-privatekey": "PRIVATE KEY",
  "@secretlint/secretlint-rule-npm": "x-oauth-basic | _authToken= | npm_",
  "@secretlint/secretlint-rule-basicauth": "://user:password@",
  "@secretlint/secretlint-rule-slack": "xoxb- xoxp- xoxa- xoxo- xoxr- xapp- | /hooks.slack.com/services//i",
  "@secretlint/secretlint-rule-sendgrid": "SG.",
  "@secretlint/secretlint-rule-shopify": "shppa_ shpca_ shpat_ shpss_",
  "@secretlint/secretlint-rule-github": "ghp_ gho_ ghu_ ghs_ ghr_ github_pat_",
  "@secretlint/secretlint-rule-gitlab": "glpat-",
  "@secretlint/secretlint-rule-grafana": "glc_ glsa_",
  "@secretlint/secretlint-rule-openai": "T3BlbkFJ (in both key formats)",
  "@secretlint/secretlint-rule-anthropic": "sk-ant-api0",
  "@secretlint/secretlint-rule-groq": "gsk_",
  "@secretlint/secretlint-rule-huggingface": "hf_",
  "@secretlint/secretlint-rule-linear": "lin_api_",
  "@secretlint/secretlint-rule-notion": "ntn_",
  "@secretlint/secretlint-rule-1password": "ops_ey",
  "@secretlint/secretlint-rule-database-connection-string": "://user:password@",
  "@secretlint/secretlint-rule-hashicorp-vault": "hvs. hvb. hvr.",
  "@secretlint/secretlint-rule-vercel": "vcp_ vci_ vca_ vcr_ vck_",
  "@secretlint/secretlint-rule-databricks": "dapi",
  "@secretlint/secretlint-rule-docker": "dckr_pat_",
  "@secretlint/secretlint-rule-figma": "figd_",
};

/** True when secretlint's preset could report something on `text`; false means it cannot. */
export function secretlintMayMatch(text: string): boolean {
  return (
    hasLiteralTrigger(text) ||
    CASELESS_TRIGGERS.test(text) ||
    (text.includes("://") && CREDENTIAL_URL.test(text))
  );
}
