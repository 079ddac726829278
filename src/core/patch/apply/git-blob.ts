/**
 * Git blob ids: the SHA-1 of `blob <length in bytes>\0<bytes>` (gitformat-object), as written
 * in a diff's `index` line (abbreviated there) and printed by `git hash-object`.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const encoder = new TextEncoder();

/** The full 40-hex-digit git blob id of `bytes`. */
export function gitBlobId(bytes: Uint8Array): string {
  const header = encoder.encode(`blob ${bytes.length}\0`);
  const hash = sha1.create();
  hash.update(header);
  hash.update(bytes);
  return bytesToHex(hash.digest());
}

/** The id git writes for "no file" (a new file's old side, a deleted file's new side). */
export function isNullBlobId(id: string): boolean {
  return /^0+$/.test(id);
}

/**
 * Whether the blob id of `bytes` (null: the file does not exist) agrees with `expected`, a
 * full or abbreviated id from an `index` line; null when there is nothing to compare with.
 */
export function blobMatches(expected: string | undefined, bytes: Uint8Array | null): boolean | null {
  if (expected === undefined || expected === '') return null;
  if (isNullBlobId(expected)) return bytes === null;
  if (bytes === null) return false;
  return gitBlobId(bytes).startsWith(expected.toLowerCase());
}
