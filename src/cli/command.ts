/** What every `reaperscope` subcommand provides to the dispatcher in main.ts. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Reads standard input to the end (for `FILE` given as `-`). */
  readStdin(): Promise<Uint8Array>;
}

export interface Command {
  name: string;
  /** One line for the usage summary. */
  summary: string;
  /** Full usage text shown by `reaperscope help NAME` and on a usage error. */
  usage: string;
  /** Runs the command; resolves to the process exit status (0 ok, 1 bad input, 2 usage). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for a command-line mistake; main.ts prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** Thrown for input that cannot be read; main.ts prints the message (naming file and line), exits 1. */
export class InputError extends Error {}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
