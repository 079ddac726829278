/** What every `reaperscope` subcommand provides to the dispatcher in main.ts. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Reads standard input to the end (for `FILE` given as `-`). */
  readStdin(): Promise<Uint8Array>;
}

/** A subcommand, as its module in ./commands exports it. */
export interface Command {
  /** Full usage text shown by `reaperscope help NAME` and on a usage error. */
  usage: string;
  /** Runs the command; resolves to the process exit status (0 ok, 1 bad input, 2 usage). */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * A subcommand as the dispatcher lists it: its name and summary line, and its module loaded
 * only when it runs (scripts/build.mjs bundles each command on its own, so a run compiles and
 * initialises only the code of its command).
 */
export interface CommandEntry {
  name: string;
  /** One line for the usage summary. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * Marks the two errors below. A registered symbol rather than `instanceof`: a command runs
 * from its own bundle, with its own copy of these classes, not the dispatcher's.
 */
const CLI_ERROR = Symbol.for('reaperscope.cli-error');

/** Thrown for a command-line mistake; the dispatcher prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  readonly [CLI_ERROR] = 'usage';
}

/** Thrown for input that cannot be read; the dispatcher prints the message (naming file and line), exits 1. */
export class InputError extends Error {
  readonly [CLI_ERROR] = 'input';
}

/** Which of the two errors above `error` is (from any bundle), or undefined for any other. */
export function cliErrorKind(error: unknown): 'usage' | 'input' | undefined {
  if (typeof error !== 'object' || error === null || !(CLI_ERROR in error)) return undefined;
  const kind = (error as Record<typeof CLI_ERROR, unknown>)[CLI_ERROR];
  return kind === 'usage' || kind === 'input' ? kind : undefined;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
