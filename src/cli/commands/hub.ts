import { createHash, randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { HubDeps } from "../../adapters/hub/index.ts";
import { processStopSignal } from "../../adapters/stop-signal.ts";
import { FileHubStore, createHubClient, describeHub, startHubServer } from "../../adapters/hub/index.ts";
import { HubError, UsageError } from "../../domain/errors.ts";
import type { Message, QuarantinedMessage } from "../../domain/message.ts";
import { WARDEN_AGENT } from "../../domain/message.ts";
import { printable } from "../../domain/text-safety.ts";
import type { CliContext } from "../program.ts";
import { HUB_OPTION_HELP, describeHelp } from "../help.ts";

const HUB_ENVIRONMENT: readonly (readonly [string, string])[] = [
  ["WARDEN_HUB_URL", "the State Hub when --hub is not given"],
  ["WARDEN_HUB_TOKEN", "bearer token sent to an HTTP hub; never printed"],
  ["WARDEN_STATE_DIR", "holds the sample inbox's scratch copy, sample-inbox/ (default .warden/)"],
];

export interface HubCommandDeps {
  /** Resolves when `hub serve` should stop; by default the first SIGINT or SIGTERM. */
  untilStopped?: () => Promise<string>;
  /** Passed to createHubClient (repo root, HTTP/file options). */
  hub?: HubDeps;
}

export const DEFAULT_SERVE_PORT = 8787;

export function registerHubCommands(program: Command, ctx: CliContext, deps: HubCommandDeps = {}): void {
  const hub = program.command("hub").description("talk to the State Hub, or run a local reference hub");
  const hubDeps = (): HubDeps => ({ env: ctx.io.env, cwd: ctx.io.cwd, ...deps.hub });

  const serve = hub
    .command("serve")
    .description("run the reference State Hub on 127.0.0.1 until SIGINT/SIGTERM; with WARDEN_HUB_TOKEN set, every request must carry it as a bearer token")
    .option("--port <n>", "port to listen on; 0 picks a free one", String(DEFAULT_SERVE_PORT))
    .option("--data <dir>", "directory the hub persists to (created if missing)", ".warden/hub")
    .action(async (options: { port: string; data: string }) => {
      const port = parsePort(options.port);
      const dir = resolve(ctx.io.cwd, options.data);
      await mkdir(dir, { recursive: true });
      const token = ctx.io.env.WARDEN_HUB_TOKEN || undefined;
      const server = await startHubServer({ store: new FileHubStore({ dir }), token, port }).catch((error: unknown) => {
        throw new HubError(`cannot listen on 127.0.0.1:${port}`, { code: "listen", cause: error });
      });
      ctx.io.out(`hub listening on ${server.url}`);
      ctx.io.err(`hub data: ${options.data}; auth: ${token ? "bearer token required" : "open (WARDEN_HUB_TOKEN unset)"}`);
      const signal = await (deps.untilStopped ?? untilSignal)();
      await server.close();
      ctx.io.err(`hub stopped (${signal})`);
    });
  describeHelp(serve, {
    examples: [
      ["warden hub serve --port 8787", "an open hub on http://127.0.0.1:8787, data in .warden/hub"],
      ["WARDEN_HUB_TOKEN=dev-token warden hub serve --port 0", "a hub that requires `Authorization: Bearer dev-token`, on a free port"],
    ],
    environment: [["WARDEN_HUB_TOKEN", "when set, the token every request must carry (401 otherwise); unset, the hub is open"]],
    exitCodes: [
      ["0", "stopped by SIGINT/SIGTERM"],
      ["1", "cannot listen on the port"],
      ["2", "usage error (a bad --port)"],
    ],
  });

  const send = hub
    .command("send")
    .description("send a message through the hub; prints the new message id")
    .usage("--to <agent> --from <agent> --subject <text> --body <text> [options]")
    .requiredOption("--to <agent>", "(required) recipient agent")
    .requiredOption("--from <agent>", "(required) sender agent")
    .requiredOption("--subject <text>", "(required) subject line")
    .requiredOption("--body <text>", "(required) message body")
    .option("--thread <id>", "thread id (default: a new thread)")
    .option("--in-reply-to <id>", "id of the message this answers")
    .option("--key <key>", "idempotency key: the same key again returns the first message instead of sending twice (default: random); without --thread the thread follows from it")
    .option("--hub <url>", HUB_OPTION_HELP)
    .action(async (options: { to: string; from: string; subject: string; body: string; thread?: string; inReplyTo?: string; key?: string; hub?: string }) => {
      for (const flag of ["to", "from", "subject", "body"] as const) {
        if (options[flag].trim() === "") throw new UsageError(`--${flag} is empty; give the ${flag === "to" || flag === "from" ? "agent name" : flag} as text`);
      }
      const client = createHubClient(options.hub, hubDeps());
      const outgoing = {
        // With --key alone, a retry must land in the same thread, so the thread follows from the key.
        thread_id: options.thread ?? (options.key ? `thread-${createHash("sha256").update(options.key).digest("hex").slice(0, 16)}` : `thread-${randomUUID()}`),
        in_reply_to: options.inReplyTo ?? null,
        from_agent: options.from,
        to_agent: options.to,
        subject: options.subject,
        body: options.body,
      };
      const message = await client.send(outgoing, options.key ?? `cli-${randomUUID()}`);
      // Described after the send: the default hub's first write is what creates its scratch copy.
      ctx.io.err(`hub: ${describeHub(options.hub, hubDeps())}`);
      ctx.io.out(message.id);
    });
  describeHelp(send, {
    examples: [
      ['warden hub send --to ops-warden --from build-runner --subject "ssh" --body "I need SSH access to build hosts"', "adds a message to the sample inbox's scratch copy for the next `worker run`"],
      ["warden hub send --hub http://127.0.0.1:8787 --to ops-warden --from me --subject s --body b --key retry-1", "sent once: the same --key again returns the first message"],
    ],
    environment: HUB_ENVIRONMENT,
  });

  const show = hub
    .command("show <id>")
    .description("print one message by id, read or unread (escalation issues name the id instead of quoting the message)")
    .option("--json", "print the message as JSON")
    .option("--hub <url>", HUB_OPTION_HELP)
    .action(async (id: string, options: { json?: boolean; hub?: string }) => {
      const client = createHubClient(options.hub, hubDeps());
      const message = await client.get(id);
      if (!message) throw new HubError(`no message ${JSON.stringify(printable(id, 80))} on ${describeHub(options.hub, hubDeps())}`, { code: "not_found", status: 404 });
      if (options.json) ctx.io.out(JSON.stringify(message, null, 2));
      else ctx.io.out(renderMessage(message));
    });
  describeHelp(show, {
    examples: [
      ["warden hub show msg-0003", "one message of the sample inbox, body included"],
      ["warden hub show --hub https://hub.internal msg-7f3a9c1d-… --json", "the message an escalation issue names, as JSON"],
    ],
    environment: HUB_ENVIRONMENT,
    exitCodes: [
      ["0", "printed"],
      ["1", "no such message, or the hub failed"],
      ["2", "usage error (a missing hub directory, a bad hub URL)"],
    ],
  });

  const inbox = hub
    .command("inbox")
    .description("list unread messages for an agent, and the ones quarantined as malformed")
    .option("--agent <agent>", "whose inbox", WARDEN_AGENT)
    .option("--json", "print one JSON document")
    .option("--hub <url>", HUB_OPTION_HELP)
    .action(async (options: { agent: string; json?: boolean; hub?: string }) => {
      const description = describeHub(options.hub, hubDeps());
      const client = createHubClient(options.hub, hubDeps());
      const messages: Message[] = [];
      const quarantined: QuarantinedMessage[] = [];
      for await (const page of client.unread(options.agent)) {
        messages.push(...page.messages);
        quarantined.push(...page.quarantined);
      }
      if (options.json) ctx.io.out(JSON.stringify({ hub: description, agent: options.agent, messages, quarantined }, null, 2));
      else ctx.io.out(renderInbox(description, options.agent, messages, quarantined));
    });
  describeHelp(inbox, {
    examples: [
      ["warden hub inbox", "ops-warden's unread messages in the sample inbox"],
      ["warden hub inbox --hub file:.warden/hub --agent build-runner --json", "another agent's inbox on a local hub, as JSON"],
    ],
    environment: HUB_ENVIRONMENT,
  });
}

function renderInbox(hub: string, agent: string, messages: readonly Message[], quarantined: readonly QuarantinedMessage[]): string {
  const lines = [`hub: ${hub}`, `${agent}: ${messages.length} unread, ${quarantined.length} quarantined`];
  const idWidth = Math.max(0, ...messages.map((m) => printable(m.id, 40).length));
  const fromWidth = Math.max(0, ...messages.map((m) => printable(m.from_agent, 24).length));
  for (const m of messages) {
    lines.push(`  ${printable(m.id, 40).padEnd(idWidth)}  ${printable(m.from_agent, 24).padEnd(fromWidth)}  ${m.created_at}  ${printable(m.subject, 80)}`);
  }
  if (quarantined.length > 0) lines.push("quarantined:");
  for (const q of quarantined) lines.push(`  ${printable(q.message_id, 40)}  ${printable(q.reason, 200)}`);
  return lines.join("\n");
}

function renderMessage(m: Message): string {
  const head = [
    `id:          ${printable(m.id, 200)}`,
    `thread:      ${printable(m.thread_id, 200)}${m.in_reply_to ? ` (in reply to ${printable(m.in_reply_to, 200)})` : ""}`,
    `from → to:   ${printable(m.from_agent, 200)} → ${printable(m.to_agent, 200)}`,
    `created:     ${m.created_at} · ${m.status}`,
    `subject:     ${printable(m.subject, 500)}`,
    "",
  ];
  // The body keeps its lines; every other control character prints as "?".
  return [...head, ...m.body.split("\n").map((line) => printable(line, 20_000))].join("\n");
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new UsageError(`--port must be 0-65535, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function untilSignal(): Promise<string> {
  const stop = processStopSignal();
  await stop.stopped;
  stop.dispose();
  return stop.signal ?? "signal";
}
