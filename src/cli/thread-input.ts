/**
 * The inputs of `patch` when it reads a thread: files (an mbox or one mail each), folders (a
 * maildir's cur/ and new/, or every file in the folder), and `-` for standard input.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ThreadSource } from '../core/patch/mail/thread';
import { InputError, type CliIo } from './command';
import { inputName, readInputFile } from './read-input-file';
import { fileError } from './file-error';

/** The files of a folder: a maildir's cur/ and new/ (tmp/ holds mail still being written), else its own files; sorted by name, hidden files left out. */
async function folderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const folders = names.has('cur') && names.has('new') ? [join(dir, 'cur'), join(dir, 'new')] : [dir];
  const files: string[] = [];
  for (const folder of folders) {
    const inside = await readdir(folder, { withFileTypes: true });
    files.push(...inside.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(folder, e.name)).sort());
  }
  return files;
}

/** Whether `path` is a folder; an unreadable path is bad input (exit 1). */
async function isFolder(path: string): Promise<boolean> {
  if (path === '-') return false;
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw fileError(path, 'cannot read the file', error);
  }
}

/** Reads every input named by `paths`, folders expanded, in the order given. */
export async function readThreadSources(paths: readonly string[], io: CliIo): Promise<ThreadSource[]> {
  const sources: ThreadSource[] = [];
  for (const path of paths) {
    const files = (await isFolder(path)) ? await folderFiles(path) : [path];
    if (files.length === 0) throw new InputError(`${path}: the folder holds no files`);
    for (const file of files) sources.push({ name: inputName(file), data: await readInputFile(file, io) });
  }
  return sources;
}
