/**
 * Fixed ASCII words of the ftrace line grammar (` prev_pid=`, `sched_switch`, …) compared with
 * a line's bytes 4 at a time: a word of n bytes (n >= 4) is n/4 rounded up loads of 32 bits, the
 * last one overlapping the one before when n is not a multiple of 4. The loads go through a
 * DataView of the line's array, made again only when the array changes (once per chunk).
 */

/** A word to compare: its bytes as little-endian 32-bit numbers at offsets 0, 4, …, and n - 4 last. */
export interface AsciiLiteral {
  readonly length: number;
  /** The 32-bit number at each of {@link offsets}. */
  readonly words: Int32Array;
  readonly offsets: Int32Array;
}

/** The literal of `text` (ASCII, at least 4 characters). */
export function asciiLiteral(text: string): AsciiLiteral {
  const n = text.length;
  if (n < 4 || !/^[\x20-\x7e]*$/.test(text)) throw new Error(`an ASCII literal of 4 or more characters, not ${JSON.stringify(text)}`);
  const count = Math.ceil(n / 4);
  const words = new Int32Array(count);
  const offsets = new Int32Array(count);
  for (let w = 0; w < count; w++) {
    const at = Math.min(w * 4, n - 4);
    offsets[w] = at;
    words[w] = text.charCodeAt(at) | (text.charCodeAt(at + 1) << 8) | (text.charCodeAt(at + 2) << 16) | (text.charCodeAt(at + 3) << 24);
  }
  return { length: n, words, offsets };
}

let viewed: Uint8Array = new Uint8Array(0);
let view = new DataView(viewed.buffer);

/** A DataView over `bytes` (the same one while `bytes` is the same array). */
export function viewOf(bytes: Uint8Array): DataView {
  if (bytes !== viewed) {
    viewed = bytes;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return view;
}

/** Whether bytes[i, end) starts with `word`; `data` is {@link viewOf} the bytes. */
export function literalAt(data: DataView, i: number, end: number, word: AsciiLiteral): boolean {
  if (end - i < word.length) return false;
  const words = word.words;
  const offsets = word.offsets;
  // from the end: the modelled names and the optional fields differ there
  for (let w = words.length - 1; w >= 0; w--) if (data.getInt32(i + offsets[w]!, true) !== words[w]) return false;
  return true;
}

/** Four spaces as a little-endian 32-bit number. */
const FOUR_SPACES = 0x20202020;

/** The index after the run of spaces (0x20) that starts at bytes[i] (not past `end`), read 4 at a time; `data` is {@link viewOf} the bytes. */
export function afterSpaces(data: DataView, i: number, end: number): number {
  while (end - i >= 4 && data.getInt32(i, true) === FOUR_SPACES) i += 4;
  while (i < end && data.getUint8(i) === 0x20) i++;
  return i;
}
