/**
 * How a token reaches git: as an `http.extraheader` in the environment of each git process
 * (`GIT_CONFIG_COUNT`/`KEY`/`VALUE`), never in argv (visible in the process list), a remote URL,
 * the clone's config on disk, or a log line.
 */
export const GIT_ENV_ALLOWED = ["GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_TERMINAL_PROMPT", "GIT_CONFIG_NOSYSTEM"];

/** A minimal environment: no ambient credentials or editor, no prompts; `home` isolates global config. */
export function gitEnv(home: string, token: string | undefined, path = process.env.PATH ?? ""): Record<string, string> {
  const env: Record<string, string> = { PATH: path, HOME: home, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1" };
  if (token === undefined) return env;
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  return { ...env, GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraheader", GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` };
}
