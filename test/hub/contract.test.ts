import { FileHubStore, createHubClient, startHubServer } from "../../src/adapters/hub/index.ts";
import { hubContract } from "./contract.ts";
import { tempDir } from "./fixtures.ts";

hubContract("HTTP client against `warden hub serve`", async () => {
  const { dir, cleanup } = await tempDir("hub-http");
  const store = new FileHubStore({ dir });
  const server = await startHubServer({ store, port: 0, token: "contract-token" });
  const client = createHubClient(server.url, { env: { WARDEN_HUB_TOKEN: "contract-token" } });
  return {
    client,
    dir,
    events: () => store.events(),
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
});

hubContract("embedded file hub", async () => {
  const { dir, cleanup } = await tempDir("hub-file");
  return {
    client: createHubClient(`file:${dir}`, { env: {} }),
    dir,
    events: () => new FileHubStore({ dir }).events(),
    close: cleanup,
  };
});
