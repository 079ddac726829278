/**
 * The first bytes of a file without reading the rest of it (a trace may be hundreds of MB):
 * a file on the extension host's disk through `node:fs`, any other scheme through
 * `vscode.workspace.fs` (which reads it whole, then keeps the head).
 */
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';

export interface FileHead {
  /** At most the bytes asked for, from offset 0. */
  bytes: Uint8Array;
  /** True when `bytes` is the whole file. */
  whole: boolean;
}

/** The first `length` bytes of `uri`, or null when it cannot be read (gone, a folder, no permission). */
export async function readFileHead(uri: vscode.Uri, length: number): Promise<FileHead | null> {
  try {
    if (uri.scheme === 'file') {
      const handle = await open(uri.fsPath, 'r');
      try {
        // One byte more than asked says whether the file goes on.
        const buffer = new Uint8Array(length + 1);
        const { bytesRead } = await handle.read(buffer, 0, length + 1, 0);
        return { bytes: buffer.subarray(0, Math.min(bytesRead, length)), whole: bytesRead <= length };
      } finally {
        await handle.close();
      }
    }
    const all = await vscode.workspace.fs.readFile(uri);
    return { bytes: all.subarray(0, length), whole: all.length <= length };
  } catch {
    return null;
  }
}
