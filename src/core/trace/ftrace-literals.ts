/**
 * Fixed ASCII words of the ftrace line grammar (` prev_pid=`, `sched_switch`, …) compared with
 * a line's bytes 4 at a time: a word of n bytes (4 <= n <= 20) is n/4 rounded up loads of 32
 * bits, the last one overlapping the one before when n is not a multiple of 4. The loads go
 * through a DataView of the line's array, made again only when the array changes (once per
 * chunk). A word's 32-bit parts are plain properties, so a comparison is straight-line code.
 */

/** Longest word, in bytes: 5 loads of 32 bits. */
const MAX_LITERAL_BYTES = 20;

/**
 * A word to compare: 1 to 5 32-bit little-endian numbers `w0`… at the offsets `o0`… (0, 4, …,
 * and n - 4 last); the parts a shorter word does not need repeat its last one.
 */
export interface AsciiLiteral {
  readonly length: number;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  readonly w4: number;
  readonly o0: number;
  readonly o1: number;
  readonly o2: number;
  readonly o3: number;
  readonly o4: number;
}

/** The literal of `text` (printable ASCII, 4 to 20 characters). */
export function asciiLiteral(text: string): AsciiLiteral {
  const n = text.length;
  if (n < 4 || n > MAX_LITERAL_BYTES || !/^[\x20-\x7e]*$/.test(text)) throw new Error(`an ASCII literal of 4 to ${MAX_LITERAL_BYTES} characters, not ${JSON.stringify(text)}`);
  const count = Math.ceil(n / 4);
  const offset = (w: number): number => Math.min(Math.min(w, count - 1) * 4, n - 4);
  const word = (w: number): number => {
    const at = offset(w);
    return text.charCodeAt(at) | (text.charCodeAt(at + 1) << 8) | (text.charCodeAt(at + 2) << 16) | (text.charCodeAt(at + 3) << 24);
  };
  return {
    length: n,
    w0: word(0), w1: word(1), w2: word(2), w3: word(3), w4: word(4),
    o0: offset(0), o1: offset(1), o2: offset(2), o3: offset(3), o4: offset(4),
  };
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
  // the last part first: the modelled names and the optional fields differ there; the parts past count repeat it
  return data.getInt32(i + word.o4, true) === word.w4
    && data.getInt32(i + word.o0, true) === word.w0
    && data.getInt32(i + word.o1, true) === word.w1
    && data.getInt32(i + word.o2, true) === word.w2
    && data.getInt32(i + word.o3, true) === word.w3;
}

/** Four spaces as a little-endian 32-bit number. */
const FOUR_SPACES = 0x20202020;

/** The index after the run of spaces (0x20) that starts at bytes[i] (not past `end`), read 4 at a time; `data` is {@link viewOf} the bytes. */
export function afterSpaces(data: DataView, i: number, end: number): number {
  while (end - i >= 4 && data.getInt32(i, true) === FOUR_SPACES) i += 4;
  while (i < end && data.getUint8(i) === 0x20) i++;
  return i;
}
