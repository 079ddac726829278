/**
 * Reading the space-separated fields of a btrace line straight from its bytes, one pass over
 * each field, no allocation: the scanners both btrace parsers (the documented format,
 * btrace-record.ts, and other column orders, btrace-columns.ts) are made of. Each returns the
 * field's value and leaves where the field ended in {@link fieldEnd}.
 */
import type { SplitNs } from './number-scan';

const SPACE = 32;

/** Where the last field read ended: the index of the space after it (or of the line's end), -1 when it could not be read. */
export let fieldEnd = -1;

/**
 * The unsigned decimal from bytes[i] up to the next space or `end`: its value, exact up to 15
 * digits (longer ones are for the caller to refuse: fieldEnd - i is the digit count).
 * fieldEnd is -1 when the field is empty or holds anything but digits.
 */
export function digitsField(bytes: Uint8Array, i: number, end: number): number {
  const from = i;
  let v = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === SPACE) break;
    const d = c - 48;
    if (d >>> 0 > 9) {
      fieldEnd = -1;
      return 0;
    }
    v = v * 10 + d;
  }
  fieldEnd = i === from ? -1 : i;
  return v;
}

/** Most digits of `nsecs` (ns since the epoch: 19 from 2001 to 2286). */
const MAX_NSECS_DIGITS = 19;

/**
 * `nsecs` (1 to 19 digits, ns) from bytes[i] up to the next space or `end`, into `t` split at
 * 10^9 so that it stays exact; fieldEnd as {@link digitsField} (t is left alone on failure).
 */
export function nsecsField(bytes: Uint8Array, i: number, end: number, t: SplitNs): void {
  let sp = i;
  while (sp < end && bytes[sp] !== SPACE) sp++;
  if (sp === i || sp - i > MAX_NSECS_DIGITS) {
    fieldEnd = -1;
    return;
  }
  const cut = sp - 9 > i ? sp - 9 : i;
  let sec = 0;
  let k = i;
  for (; k < cut; k++) {
    const d = bytes[k]! - 48;
    if (d >>> 0 > 9) {
      fieldEnd = -1;
      return;
    }
    sec = sec * 10 + d;
  }
  let ns = 0;
  for (; k < sp; k++) {
    const d = bytes[k]! - 48;
    if (d >>> 0 > 9) {
      fieldEnd = -1;
      return;
    }
    ns = ns * 10 + d;
  }
  t.sec = sec;
  t.ns = ns;
  fieldEnd = sp;
}
