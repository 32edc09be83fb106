import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { ConfigError } from "../../domain/errors.ts";
import type { RepositoryRef } from "../../domain/forge.ts";

const WardenOctokit = Octokit.plugin(throttling, retry);
export type WardenOctokitClient = InstanceType<typeof WardenOctokit>;

export type GitHubAuth = { kind: "token"; token: string } | { kind: "app"; appId: string; privateKey: string; installationId?: number };

export interface OctokitOptions {
  baseUrl: string;
  auth: GitHubAuth;
  repository: RepositoryRef;
  /** Tests switch both off: no waiting, and a fake's 500 is not retried. */
  retry?: boolean;
  throttle?: boolean;
  fetch?: typeof fetch;
}

/**
 * Octokit with throttling and retry. A secondary rate limit is never waited out inside a tick:
 * the request fails, the executor ends the tick cleanly, and the next tick resumes.
 */
export async function createOctokit(options: OctokitOptions): Promise<{ octokit: WardenOctokitClient; token(): Promise<string> }> {
  const common = {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "ops-warden",
    retry: { enabled: options.retry ?? true, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      enabled: options.throttle ?? true,
      // A primary limit with a short wait is retried once; anything longer waits for the next tick.
      onRateLimit: (retryAfter: number, _o: object, _k: unknown, retryCount: number) => retryCount < 1 && retryAfter <= 10,
      onSecondaryRateLimit: () => false,
    },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  };
  if (options.auth.kind === "token") {
    const token = options.auth.token;
    return { octokit: new WardenOctokit({ ...common, auth: token }), token: async () => token };
  }
  const { appId, privateKey } = options.auth;
  const installationId = options.auth.installationId ?? (await findInstallation(common, appId, privateKey, options.repository));
  const octokit = new WardenOctokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  const token = async () => ((await octokit.auth({ type: "installation" })) as { token: string }).token;
  return { octokit, token };
}

async function findInstallation(common: object, appId: string, privateKey: string, repo: RepositoryRef): Promise<number> {
  const app = new WardenOctokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey } });
  try {
    const { data } = await app.rest.apps.getRepoInstallation({ owner: repo.owner, repo: repo.name });
    return data.id;
  } catch (cause) {
    throw new ConfigError(`the GitHub App ${appId} is not installed on ${repo.owner}/${repo.name} (set WARDEN_APP_INSTALLATION_ID or install the app)`, { cause: new Error(String((cause as { status?: number }).status ?? "")) });
  }
}
