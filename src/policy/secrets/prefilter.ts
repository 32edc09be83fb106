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
 * Case-sensitive literals, one or more per rule; every match of the rule contains one of them.
 * Written with common prefixes factored out (x…, n…, s…, g…, d…), which V8 runs ~25% faster
 * than the flat list: PRIVATE KEY, T3BlbkFJ, SG., x-oauth-basic, xox[abopr]-, xapp-,
 * _authToken=, npm_, ntn_, shppa_ shpca_ shpat_ shpss_, sk-ant-api0, gh[pousr]_, github_pat_,
 * glpat-, glc_, glsa_, gsk_, hf_, lin_api_, ops_ey, hv[sbr]., vc[aikpr]_, dapi, dckr_pat_, figd_.
 */
const LITERAL_TRIGGERS =
  /PRIVATE KEY|T3BlbkFJ|SG\.|x(?:-oauth-basic|ox[abopr]-|app-)|_authToken=|n(?:pm|tn)_|s(?:hp(?:pa|ca|at|ss)_|k-ant-api0)|g(?:h[pousr]_|ithub_pat_|lpat-|l(?:c|sa)_|sk_)|hf_|lin_api_|ops_ey|hv[sbr]\.|vc[aikpr]_|d(?:api|ckr_pat_)|figd_/;

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
    LITERAL_TRIGGERS.test(text) ||
    CASELESS_TRIGGERS.test(text) ||
    (text.includes("://") && CREDENTIAL_URL.test(text))
  );
}
