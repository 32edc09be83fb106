/**
 * Typed errors. Every failure the CLI can report is one of these; the single top-level catch in
 * `runCli` (`cli/program.ts`) maps `exitCode` to the process exit status (1 failure, 2 usage/refused).
 */
export type ExitCode = 1 | 2 | 130 | 143;

export abstract class WardenError extends Error {
  abstract readonly exitCode: ExitCode;
  /** Stable machine-readable code, used in JSON output and audit events. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong flags, missing arguments, a refused operation. Exit 2. */
export class UsageError extends WardenError {
  readonly exitCode = 2 as const;
  readonly code = "usage";
}

/** A config file that does not validate. Exit 2: nothing runs on a bad config. */
export class ConfigError extends WardenError {
  readonly exitCode = 2 as const;
  readonly code = "config";
}

/** The catalog or playbooks are unreadable or invalid. Exit 1. */
export class CatalogError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "catalog";
}

/** The State Hub failed, rejected us, or answered outside its contract. Exit 1. */
export class HubError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code: string;
  /** HTTP status when the hub answered, undefined for timeouts and connection errors. */
  readonly status: number | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string; status?: number }) {
    super(message, options);
    this.code = options?.code ?? "hub";
    this.status = options?.status;
  }
}

/** A brain could not be built or failed in a way that is not the message's fault. Exit 1. */
export class BrainError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "brain";
}

/** GitHub failed, refused, or answered outside its contract. Exit 1. */
export class ForgeError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code: string;
  /** HTTP status when GitHub answered. */
  readonly status: number | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string; status?: number }) {
    super(message, options);
    this.code = options?.code ?? "forge";
    this.status = options?.status;
  }
}

/**
 * GitHub's secondary (content-creation) or primary rate limit. The executor ends the tick
 * cleanly on it: what was done stays done, the rest waits for the next tick.
 */
export class ForgeRateLimitError extends ForgeError {
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, options?: { cause?: unknown; status?: number; retryAfterSeconds?: number }) {
    super(message, { ...options, code: "rate_limited" });
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** A git operation failed or was refused (a push outside `warden/`, a rejected push). Exit 1. */
export class GitError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code: string;

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options);
    this.code = options?.code ?? "git";
  }
}

/** A model endpoint failed, refused, or answered outside its contract. The brain turns it into an escalation. */
export class LlmError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code: string;
  readonly status: number | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string; status?: number }) {
    super(message, options);
    this.code = options?.code ?? "llm";
    this.status = options?.status;
  }
}

/**
 * Planning this message must wait for a later tick (a per-tick limit was reached). The planner
 * leaves the message unread and reports the reason; nothing about it is wrong.
 */
export class DeferredError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "deferred";
}

/** A webhook payload lacks or mistypes a field a relay needs. Exit 1: the event is not relayed. */
export class PayloadError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "payload";
}

/** The audit trail cannot be written or read, or fails verification. Exit 1. */
export class AuditError extends WardenError {
  readonly exitCode = 1 as const;
  readonly code = "audit";
}

/**
 * The operator stopped a command while it was waiting (Ctrl-C, SIGTERM): in-flight calls were
 * aborted and nothing after them ran. Exit 128 + the signal's number, as shells report it.
 */
export class InterruptedError extends WardenError {
  readonly exitCode: 130 | 143;
  readonly code = "interrupted";

  constructor(signal: string | undefined, options?: { cause?: unknown }) {
    super(`interrupted by ${signal ?? "a signal"}; in-flight requests were aborted, nothing after them ran, and unfinished messages stay unread`, options);
    this.exitCode = signal === "SIGTERM" ? 143 : 130;
  }
}
