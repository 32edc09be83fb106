import type { HelpSections } from "../help.ts";

/**
 * Examples and exit codes of the audit commands (`activity`, `rollout`), by command path. Kept
 * apart from their command files and applied by them with `completeHelp`.
 */
export const AUDIT_HELP: Readonly<Record<string, HelpSections>> = {
  "warden activity": {
    examples: [
      ["warden activity --since 12h", "the last 12 hours, newest first"],
      ["warden activity --outcome blocked --json", "every blocked action, one JSON event per line"],
    ],
    environment: [
      ["WARDEN_STATE_DIR", "the local audit trail is $WARDEN_STATE_DIR/audit (default .warden/audit)"],
      ["WARDEN_AUDIT_REF", "read the audit branch of that name on origin (the workflows set warden/audit)"],
    ],
  },
  "warden activity show": {
    examples: [["warden activity show msg-0003", "one message's story across ticks and relays, oldest first"]],
    environment: [
      ["WARDEN_STATE_DIR", "the local audit trail is $WARDEN_STATE_DIR/audit (default .warden/audit)"],
      ["WARDEN_AUDIT_REF", "read the audit branch of that name on origin (the workflows set warden/audit)"],
    ],
    exitCodes: [
      ["0", "the story was printed"],
      ["1", "no event about that message"],
      ["2", "usage error"],
    ],
  },
  "warden activity verify": {
    examples: [["warden activity verify", "checks the hash chain; names the first broken line"]],
    environment: [
      ["WARDEN_STATE_DIR", "the local audit trail is $WARDEN_STATE_DIR/audit (default .warden/audit)"],
      ["WARDEN_AUDIT_REF", "read the audit branch of that name on origin (the workflows set warden/audit)"],
    ],
    exitCodes: [
      ["0", "the chain is intact"],
      ["1", "broken: the file and line are printed"],
      ["2", "usage error"],
    ],
  },
  "warden rollout check": {
    examples: [
      ["warden rollout check", "ready for `mode: scheduled`? with the evidence"],
      ["warden rollout check --ticks 10 --json", "judge the last 10 dry-run ticks, as JSON"],
    ],
    exitCodes: [
      ["0", "ready"],
      ["1", "not yet (the evidence says why)"],
      ["2", "usage error, invalid config"],
    ],
  },
  "warden rollout review": {
    examples: [
      ["warden rollout review 3f2a9c…", "record that this planned escalation was reviewed"],
      ["warden rollout review --all", "every planned escalation not yet reviewed"],
    ],
  },
};
