/** The message of a file the CLI could not read or write: `PATH: cannot read the file (ENOENT)`, bad input (exit 1). */
import { InputError } from './command';

/** The system's reason for a failed file operation: its error code (ENOENT, EISDIR, EACCES, …), else the error as text. */
export function systemReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : String(error);
}

/** `PATH: WHAT (REASON)` as an input error, e.g. `a.diff: cannot read the file (ENOENT)`. */
export function fileError(path: string, what: 'cannot read the file' | 'cannot read' | 'cannot write', error: unknown): InputError {
  return new InputError(`${path}: ${what} (${systemReason(error)})`);
}
