/** A SHA-256 over an event table's columns and strings: equal hashes mean byte-identical runs. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { EventTable } from './event-table';

export function tableHash(table: EventTable): string {
  const h = sha256.create();
  const n = table.length;
  for (const col of [table.ts, table.cpu, table.kind, table.tid, table.pid, table.comm, table.arg0, table.arg1]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset, n * col.BYTES_PER_ELEMENT));
  }
  h.update(new TextEncoder().encode(table.strings.all().join('\n')));
  return bytesToHex(h.digest());
}
