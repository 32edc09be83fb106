/**
 * The ops-warden GitHub App as Probot loads it: `npm start` (a webhook server) or
 * `npx probot run ./src/app/index.ts` with the tsx loader. Configuration comes from the
 * repository's `.github/ops-warden.yml` in the working directory and the environment
 * (GITHUB_REPOSITORY, WARDEN_HUB_URL, WARDEN_HUB_TOKEN; APP_ID, PRIVATE_KEY, WEBHOOK_SECRET for Probot).
 */
import type { ApplicationFunction } from "probot";
import { buildRelayDeps } from "../runtime/relay.ts";
import { createRelayApp } from "./probot-app.ts";

const app: ApplicationFunction = async (probot, options) => {
  const deps = await buildRelayDeps({ root: process.cwd(), env: process.env });
  await createRelayApp(deps)(probot, options);
};

export default app;
