/**
 * A key that names one patch across sessions and reloads, whatever it was opened from (a file,
 * the clipboard, the same mail saved twice): the sender, the subject and every hunk's text,
 * hashed. The review comments the user writes are kept under it. Pure: no `vscode`.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Patch } from './model';

const encoder = new TextEncoder();

/** 40 hex digits; equal for two readings of the same patch mail, different for a reply that quotes it. */
export function patchKey(patch: Patch): string {
  const hash = sha1.create();
  const add = (text: string): void => {
    hash.update(encoder.encode(text));
    hash.update(encoder.encode('\n'));
  };
  add(patch.mail?.from ?? '');
  add(patch.mail?.subject ?? '');
  for (const file of patch.files) {
    add(`${file.oldPath ?? ''} ${file.newPath ?? ''}`);
    for (const hunk of file.hunks) {
      add(`@@ ${hunk.oldStart},${hunk.oldLines} ${hunk.newStart},${hunk.newLines}`);
      for (const line of hunk.lines) add(`${line.kind[0]}${line.text}`);
    }
  }
  return bytesToHex(hash.digest());
}
