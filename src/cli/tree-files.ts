/**
 * Reading and writing the files of a source tree for `apply` (and `patch --tree`): paths stay
 * inside the tree, text that is not UTF-8 is kept byte for byte (read and written as Latin-1),
 * and writes go to a temporary file first, renamed into place only when all are written.
 */
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { InputError } from './command';
import { fileError } from './file-error';

/** A file's text plus how to turn text back into its bytes. */
export interface TreeText {
  text: string;
  encode: (text: string) => Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();
const encodeUtf8 = (text: string): Uint8Array => utf8Encoder.encode(text);
const encodeLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/**
 * The absolute path of `path` in `tree`, after removing `strip` leading components (patch(1)
 * `-p`; git's `a/` `b/` are already gone); a path leaving the tree is bad input.
 */
export function treePath(tree: string, path: string, patchName: string, line: number, strip = 0): string {
  const parts = path.split('/');
  if (parts.length <= strip) throw new InputError(`${patchName}:${line}: cannot strip ${strip} leading component(s) from ${JSON.stringify(path)}`);
  const clean = normalize(parts.slice(strip).join('/'));
  if (isAbsolute(clean) || clean === '..' || clean.startsWith(`..${sep}`)) {
    throw new InputError(`${patchName}:${line}: the path ${JSON.stringify(path)} leaves the tree`);
  }
  return join(tree, clean);
}

/** Reads a file's text, or null when it does not exist. */
export async function readTreeText(path: string): Promise<TreeText | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileError(path, 'cannot read the file', error);
  }
  try {
    return { text: utf8.decode(bytes), encode: encodeUtf8 };
  } catch {
    return { text: bytes.toString('latin1'), encode: encodeLatin1 };
  }
}

/** One change to the tree, prepared before anything is written. */
export interface TreeChange {
  /** Absolute path to write, or null when the change only removes. */
  writePath: string | null;
  bytes: Uint8Array | null;
  /** Permission bits to set (e.g. 0o755) when the patch says; else the file's own are kept. */
  mode: number | null;
  /** Absolute path to remove afterwards (deleted file, old name of a rename). */
  removePath: string | null;
}

/** The permission bits of an existing file, or null. */
async function permissionsOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return null;
  }
}

/**
 * Writes every change: first all contents to temporary files next to their targets, then
 * renames them into place, then removes what goes. A failure while writing the temporary
 * files leaves the tree untouched.
 */
export async function commitTreeChanges(changes: readonly TreeChange[]): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const [index, change] of changes.entries()) {
      if (!change.writePath || !change.bytes) continue;
      await mkdir(dirname(change.writePath), { recursive: true });
      const temp = `${change.writePath}.reaperscope-${process.pid}-${index}.tmp`;
      await writeFile(temp, change.bytes);
      const mode = change.mode ?? (await permissionsOf(change.writePath)) ?? (change.removePath ? await permissionsOf(change.removePath) : null);
      if (mode !== null) await chmod(temp, mode);
      staged.push({ temp, target: change.writePath });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw error;
  }
  for (const { temp, target } of staged) await rename(temp, target);
  for (const change of changes) {
    if (change.removePath && change.removePath !== change.writePath) await rm(change.removePath, { force: true });
  }
}
