import nock from "nock";
import type { FakeGitHubApi } from "./fake-github-api.ts";

/** Serves `api` through nock at its base URL (every method, every path). */
export function nockGitHub(api: FakeGitHubApi): nock.Scope {
  const scope = nock(api.base).persist();
  for (const method of ["get", "post", "patch", "put", "delete"] as const) {
    scope[method](/.*/).reply(async (request: Request) => {
      const text = await request.text();
      const response = api.handle(request.method, new URL(request.url), text ? JSON.parse(text) : undefined, request.headers.get("authorization"));
      return [response.status, JSON.stringify(response.body), { "content-type": "application/json; charset=utf-8", ...response.headers }];
    });
  }
  return scope;
}
