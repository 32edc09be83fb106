import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeFramedInput } from "./fake-model.ts";

export interface FakeLlmServer {
  url: string;
  /** Every request body received, as text. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * llm-connect played by a real local HTTP server. The model is well-behaved: it reads the message
 * out of the frame and answers the best candidate route when the message asks a question, and
 * escalates otherwise.
 */
export async function startFakeLlmConnect(): Promise<FakeLlmServer> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      bodies.push(text);
      if (req.method !== "POST" || req.url !== "/execute") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found","message":"no such route"}}');
        return;
      }
      const { input } = JSON.parse(text) as { input: string };
      const seen = decodeFramedInput(input);
      const route = seen.body.includes("?") ? seen.routeIds[0] : undefined;
      const actions = route ? [{ kind: "answer_route", route_id: route }] : [{ kind: "escalate", category: "ambiguous", reason: "not sure what is asked" }];
      const output = JSON.stringify({ actions, rationale: route ? `best candidate: ${route}` : "unclear request", confidence: route ? 0.7 : 0.3 });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ output, model: "fake-planner-1", usage: { input_tokens: Math.ceil(text.length / 4), output_tokens: Math.ceil(output.length / 4) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
