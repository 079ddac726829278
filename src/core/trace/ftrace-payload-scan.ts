/**
 * The scheduler payloads the reader models, in the kernel's own printing
 * (/sys/kernel/tracing/trace), read straight from the line's bytes:
 *
 *     prev_comm=C prev_pid=N prev_prio=N prev_state=S ==> next_comm=C next_pid=N next_prio=N
 *     comm=C pid=N prio=N [success=N] [target_cpu=N]          (the wakeups)
 *     comm=C pid=N child_comm=C child_pid=N                   (sched_process_fork)
 *     comm=C pid=N [prio=N] [NAME=VALUE ...]                  (sched_process_exit, _free)
 *     comm=C pid=N prio=N orig_cpu=N dest_cpu=N               (sched_migrate_task)
 *
 * Thread names may hold spaces, so all are read from the end backwards, the way the greedy
 * expressions of ftrace-payloads.ts match. A payload declined here (another printing, anything
 * unusual) is decoded and read by those expressions, so the result never differs from theirs.
 */
import { hasLineTerminator, isAsciiSpace, isWordByte } from './ftrace-prefix-scan';

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

/** sched_process_fork, sched_process_exit / _free and sched_migrate_task: the numbers the reader keeps. */
export interface TaskFields {
  /** comm is bytes[commStart, commEnd) (the payload's first name: the parent's for a fork). */
  commStart: number;
  commEnd: number;
  pid: number;
  /** Fork: child_pid; migrate: orig_cpu; otherwise unset. */
  other: number;
}

export function newTaskFields(): TaskFields {
  return { commStart: 0, commEnd: 0, pid: 0, other: 0 };
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
const CHILD_COMM = ascii(' child_comm=');
const CHILD_PID = ascii(' child_pid=');
const ORIG_CPU = ascii(' orig_cpu=');
const DEST_CPU = ascii(' dest_cpu=');
const EQUALS = 61;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

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

/** Whether bytes[start, end) holds a byte outside ASCII. */
function hasNonAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Reads a kernel-printed sched_process_fork payload bytes[start, end) into `out` (pid = the
 * parent's, other = child_pid); false when declined. As the expression: child_pid is the number
 * at the end, and the parent's ` pid=N child_comm=` is the last one before ` child_pid=`.
 */
export function scanForkPayload(bytes: Uint8Array, start: number, end: number, out: TaskFields): boolean {
  if (!startsWith(bytes, start, end, COMM)) return false;
  const low = start + COMM.length;
  const childPid = fieldBefore(bytes, low, trimEnd(bytes, low, end), CHILD_PID, false);
  if (at < 0) return false;
  for (let j = at; j >= low; j--) {
    if (!endsWith(bytes, low, j, CHILD_COMM)) continue;
    const digits = digitsEndingAt(bytes, low, j - CHILD_COMM.length);
    // a number too long to read exactly where the expression would take it: leave the line to it
    if (digits > MAX_DIGITS) return false;
    if (digits === 0) continue;
    const pid = fieldBefore(bytes, low, j - CHILD_COMM.length, PID, false);
    if (at < 0) continue;
    if (hasLineTerminator(bytes, low, end)) return false;
    out.commStart = low;
    out.commEnd = at + 1;
    out.pid = pid;
    out.other = childPid;
    return true;
  }
  return false;
}

/** The length of the run of digits ending at bytes[i] (not before `low`). */
function digitsEndingAt(bytes: Uint8Array, low: number, i: number): number {
  let k = i;
  while (k >= low && isDigit(bytes[k]!)) k--;
  return i - k;
}

/**
 * Reads a kernel-printed sched_process_exit or sched_process_free payload bytes[start, end)
 * into `out`; false when declined. As the expression: the last ` pid=N` followed only by
 * ` NAME=VALUE` fields (prio, group_dead, …) and blanks.
 */
export function scanTaskPayload(bytes: Uint8Array, start: number, end: number, out: TaskFields): boolean {
  if (!startsWith(bytes, start, end, COMM)) return false;
  const low = start + COMM.length;
  // outside ASCII, the expression's \s and \S see characters the byte classes here do not
  if (hasNonAscii(bytes, low, end) || hasLineTerminator(bytes, low, end)) return false;
  for (let j = trimEnd(bytes, low, end); j >= low; j--) {
    if (!isDigit(bytes[j]!) || (j + 1 < end && isDigit(bytes[j + 1]!))) continue;
    // bytes[j] ends a number: is it ` pid=N` followed by fields only?
    if (digitsEndingAt(bytes, low, j) > MAX_DIGITS) return false;
    const pid = fieldBefore(bytes, low, j, PID, false);
    if (at < 0 || !onlyFields(bytes, j + 1, end)) continue;
    out.commStart = low;
    out.commEnd = at + 1;
    out.pid = pid;
    return true;
  }
  return false;
}

/** Whether bytes[i, end) is `( \w+=\S+)*\s*` (ASCII: the caller declined anything else). */
export function onlyFields(bytes: Uint8Array, i: number, end: number): boolean {
  for (;;) {
    if (i + 1 >= end || bytes[i] !== SPACE || !isWordByte(bytes[i + 1]!)) break;
    let k = i + 1;
    while (k < end && isWordByte(bytes[k]!)) k++;
    if (k >= end || bytes[k] !== EQUALS) break;
    const value = ++k;
    while (k < end && !isAsciiSpace(bytes[k]!)) k++;
    if (k === value) break;
    i = k;
  }
  while (i < end && isAsciiSpace(bytes[i]!)) i++;
  return i === end;
}

/** Reads a kernel-printed sched_migrate_task payload bytes[start, end) into `out` (other = orig_cpu); false when declined. */
export function scanMigratePayload(bytes: Uint8Array, start: number, end: number, out: TaskFields): boolean {
  if (!startsWith(bytes, start, end, COMM)) return false;
  const low = start + COMM.length;
  fieldBefore(bytes, low, trimEnd(bytes, low, end), DEST_CPU, false);
  if (at < 0) return false;
  const orig = fieldBefore(bytes, low, at, ORIG_CPU, false);
  if (at < 0) return false;
  fieldBefore(bytes, low, at, PRIO, true);
  if (at < 0) return false;
  const pid = fieldBefore(bytes, low, at, PID, false);
  if (at < 0 || hasLineTerminator(bytes, low, at + 1)) return false;
  out.commStart = low;
  out.commEnd = at + 1;
  out.pid = pid;
  out.other = orig;
  return true;
}
