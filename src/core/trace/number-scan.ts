/** Allocation-free number scanning over a range of a string (the hot path of the trace readers). */

/** The unsigned decimal in text[start, end), or -1 when empty, not all digits, or beyond 2^53. */
export function scanUint(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return end - start > 15 ? scanLongUint(text, start, end) : -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function scanLongUint(text: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= Number.MAX_SAFE_INTEGER ? v : -1;
}

/** A signed decimal (optional leading '-') in text[start, end), or NaN. */
export function scanInt(text: string, start: number, end: number): number {
  if (start < end && text.charCodeAt(start) === 45) {
    const v = scanUint(text, start + 1, end);
    return v < 0 ? NaN : -v;
  }
  const v = scanUint(text, start, end);
  return v < 0 ? NaN : v;
}

/**
 * A time in ns too large for a double (btrace `nsecs`, ns since the epoch ≈ 1.7e18), split as
 * seconds and ns within the second, so differences stay exact.
 */
export interface SplitNs {
  sec: number;
  ns: number;
}

/** Scans an unsigned decimal count of ns into `out`; false when not all digits or empty. */
export function scanNsecs(text: string, start: number, end: number, out: SplitNs): boolean {
  const cut = Math.max(start, end - 9);
  const ns = scanUint(text, cut, end);
  if (ns < 0) return false;
  const sec = cut > start ? scanUint(text, start, cut) : 0;
  if (sec < 0) return false;
  out.sec = sec;
  out.ns = ns;
  return true;
}

/**
 * Scans `SECONDS.FRACTION` (ftrace: 6 digits = µs, 9 = ns; any 1–9 digits) into `out`.
 * False when malformed.
 */
export function scanSecondsDotFraction(text: string, start: number, end: number, out: SplitNs): boolean {
  const dot = text.indexOf('.', start);
  if (dot < 0 || dot >= end) return false;
  const sec = scanUint(text, start, dot);
  const digits = end - dot - 1;
  if (sec < 0 || digits < 1 || digits > 9) return false;
  const frac = scanUint(text, dot + 1, end);
  if (frac < 0) return false;
  out.sec = sec;
  out.ns = frac * 10 ** (9 - digits);
  return true;
}

/** {@link scanUint} over bytes[start, end) (ASCII digits): the value, or -1. */
export function bytesUint(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n <= 0) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - 48;
    if (d >>> 0 > 9) return -1;
    v = v * 10 + d;
  }
  return n <= 15 || v <= Number.MAX_SAFE_INTEGER ? v : -1;
}

/** {@link scanNsecs} over bytes[start, end). */
export function bytesNsecs(bytes: Uint8Array, start: number, end: number, out: SplitNs): boolean {
  const cut = Math.max(start, end - 9);
  const ns = bytesUint(bytes, cut, end);
  if (ns < 0) return false;
  const sec = cut > start ? bytesUint(bytes, start, cut) : 0;
  if (sec < 0) return false;
  out.sec = sec;
  out.ns = ns;
  return true;
}
