/**
 * The two payloads that make most of a scheduler trace, in the kernel's own printing
 * (/sys/kernel/tracing/trace), read straight from the line's bytes:
 *
 *     prev_comm=C prev_pid=N prev_prio=N prev_state=S ==> next_comm=C next_pid=N next_prio=N
 *     comm=C pid=N prio=N [success=N] [target_cpu=N]
 *
 * Thread names may hold spaces, so both are read from the end backwards, the way the greedy
 * expressions of ftrace-payloads.ts match. A payload declined here (another printing, anything
 * unusual) is decoded and read by those expressions, so the result never differs from theirs.
 */
import { hasLineTerminator, isAsciiSpace } from './ftrace-prefix-scan';

export interface SwitchFields {
  /** prev_comm is bytes[prevCommStart, prevCommEnd). */
  prevCommStart: number;
  prevCommEnd: number;
  prevPid: number;
  /** The first byte of prev_state (X or Z: the task's final switch). */
  prevState: number;
  nextCommStart: number;
  nextCommEnd: number;
  nextPid: number;
}

export function newSwitchFields(): SwitchFields {
  return { prevCommStart: 0, prevCommEnd: 0, prevPid: 0, prevState: 0, nextCommStart: 0, nextCommEnd: 0, nextPid: 0 };
}

export interface WakeupFields {
  pid: number;
  /** -1 when not printed. */
  targetCpu: number;
}

export function newWakeupFields(): WakeupFields {
  return { pid: 0, targetCpu: -1 };
}

const SPACE = 32;
const DASH = 45;
/** Digits of a number read exactly here. */
const MAX_DIGITS = 15;

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const PREV_COMM = ascii('prev_comm=');
const PREV_PID = ascii(' prev_pid=');
const PREV_PRIO = ascii(' prev_prio=');
const PREV_STATE = ascii(' prev_state=');
const ARROW_NEXT_COMM = ascii(' ==> next_comm=');
const NEXT_PID = ascii(' next_pid=');
const NEXT_PRIO = ascii(' next_prio=');
const COMM = ascii('comm=');
const PID = ascii(' pid=');
const PRIO = ascii(' prio=');
const SUCCESS = ascii(' success=');
const TARGET_CPU = ascii(' target_cpu=');

/** Where the last backward read stopped (the index of the byte before what was read), -1 on failure. */
let at = -1;

/** Whether bytes[i - word.length + 1, i] is `word`. */
function endsWith(bytes: Uint8Array, low: number, i: number, word: Uint8Array): boolean {
  const from = i - word.length + 1;
  if (from < low) return false;
  for (let k = 0; k < word.length; k++) if (bytes[from + k] !== word[k]) return false;
  return true;
}

/** Reads `word` then digits backwards from bytes[i] (the last digit): the number; sets {@link at} before `word`. */
function fieldBefore(bytes: Uint8Array, low: number, i: number, word: Uint8Array, signed: boolean): number {
  const last = i;
  let v = 0;
  let scale = 1;
  while (i >= low && bytes[i]! >= 48 && bytes[i]! <= 57) {
    v += (bytes[i]! - 48) * scale;
    scale *= 10;
    i--;
  }
  if (i === last || last - i > MAX_DIGITS) {
    at = -1;
    return 0;
  }
  if (signed && i >= low && bytes[i] === DASH) {
    v = -v;
    i--;
  }
  if (!endsWith(bytes, low, i, word)) {
    at = -1;
    return 0;
  }
  at = i - word.length;
  return v;
}

/** The last index of bytes[start, end) that is not ASCII white space, start - 1 when none. */
function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  let i = end - 1;
  while (i >= start && isAsciiSpace(bytes[i]!)) i--;
  return i;
}

/** Whether bytes[start, end) starts with `word`. */
function startsWith(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start < word.length) return false;
  for (let k = 0; k < word.length; k++) if (bytes[start + k] !== word[k]) return false;
  return true;
}

/** Reads a kernel-printed sched_switch payload bytes[start, end) into `out`; false when declined. */
export function scanSwitchPayload(bytes: Uint8Array, start: number, end: number, out: SwitchFields): boolean {
  if (!startsWith(bytes, start, end, PREV_COMM)) return false;
  const low = start + PREV_COMM.length;
  fieldBefore(bytes, low, trimEnd(bytes, low, end), NEXT_PRIO, true);
  if (at < 0) return false;
  const nextPid = fieldBefore(bytes, low, at, NEXT_PID, false);
  if (at < 0) return false;
  const nextCommEnd = at + 1;
  // the last ' ==> next_comm=' before next_pid: next_comm runs from there
  let arrow = nextCommEnd - 1;
  while (arrow >= low && !endsWith(bytes, low, arrow, ARROW_NEXT_COMM)) arrow--;
  if (arrow < low) return false;
  const nextCommStart = arrow + 1;
  // prev_state=S: S is the run of non-blanks before ' ==> '
  let i = arrow - ARROW_NEXT_COMM.length;
  const stateEnd = i;
  while (i >= low && bytes[i] !== SPACE) {
    if (isAsciiSpace(bytes[i]!) || bytes[i]! >= 0x80) return false;
    i--;
  }
  // the run holds 'prev_state=' and at least one more byte; bytes[i] is the space before it
  if (stateEnd - i < PREV_STATE.length || !endsWith(bytes, low, i + PREV_STATE.length - 1, PREV_STATE)) return false;
  const stateAt = i + PREV_STATE.length;
  fieldBefore(bytes, low, i - 1, PREV_PRIO, true);
  if (at < 0) return false;
  const prevPid = fieldBefore(bytes, low, at, PREV_PID, false);
  if (at < 0) return false;
  const prevCommEnd = at + 1;
  if (hasLineTerminator(bytes, low, prevCommEnd) || hasLineTerminator(bytes, nextCommStart, nextCommEnd)) return false;
  out.prevCommStart = low;
  out.prevCommEnd = prevCommEnd;
  out.prevPid = prevPid;
  out.prevState = bytes[stateAt]!;
  out.nextCommStart = nextCommStart;
  out.nextCommEnd = nextCommEnd;
  out.nextPid = nextPid;
  return true;
}

/** Reads a kernel-printed sched_waking / sched_wakeup / sched_wakeup_new payload bytes[start, end) into `out`; false when declined. */
export function scanWakeupPayload(bytes: Uint8Array, start: number, end: number, out: WakeupFields): boolean {
  if (!startsWith(bytes, start, end, COMM)) return false;
  const low = start + COMM.length;
  let i = trimEnd(bytes, low, end);
  out.targetCpu = -1;
  const cpu = fieldBefore(bytes, low, i, TARGET_CPU, false);
  if (at >= 0) {
    out.targetCpu = cpu;
    i = at;
  }
  fieldBefore(bytes, low, i, SUCCESS, false);
  if (at >= 0) i = at;
  fieldBefore(bytes, low, i, PRIO, true);
  if (at < 0) return false;
  out.pid = fieldBefore(bytes, low, at, PID, false);
  if (at < 0) return false;
  return !hasLineTerminator(bytes, low, at + 1);
}
