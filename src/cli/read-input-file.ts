/** Reads a command's input file, or standard input for `-`, as bytes. */
import { readFile } from 'node:fs/promises';
import { InputError, type CliIo } from './command';

/** The bytes of `path` (`-`: standard input); an unreadable file is bad input (exit 1). */
export async function readInputFile(path: string, io: CliIo): Promise<Uint8Array> {
  if (path === '-') return io.readStdin();
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${path}: cannot read the file (${reason})`);
  }
}

/** The name to use for an input in messages (`<stdin>` for `-`). */
export function inputName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}
