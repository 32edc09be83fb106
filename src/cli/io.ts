/** Where CLI commands write and what environment they see; injected so tests run in-process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Which outputs are terminals, and stdout's width; absent means piped (tests, redirects). */
  tty?: { out: boolean; err: boolean; columns?: number | undefined };
}

export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    tty: { out: process.stdout.isTTY === true, err: process.stderr.isTTY === true, columns: process.stdout.columns },
  };
}

/** Set by a command that completed but wants a non-zero status (e.g. `catalog validate` found errors). */
export class ExitStatus {
  constructor(public code: number = 0) {}
}
