/** Reads a command's input file, or standard input for `-`, as bytes. */
import { readFile } from 'node:fs/promises';
import type { CliIo } from './command';
import { fileError } from './file-error';

/** The bytes of `path` (`-`: standard input); an unreadable file is bad input (exit 1). */
export async function readInputFile(path: string, io: CliIo): Promise<Uint8Array> {
  if (path === '-') return io.readStdin();
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fileError(path, 'cannot read the file', error);
  }
}

/** The name to use for an input in messages (`<stdin>` for `-`). */
export function inputName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}
