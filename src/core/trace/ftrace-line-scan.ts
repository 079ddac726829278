/**
 * The common ftrace line in one left-to-right pass over its bytes: the task (`TASK-PID`, the
 * TGID column when there is one), the CPU, flags and time, the event recognised by its length
 * and bytes, and for the modelled sched events in the kernel's printing (switch, wakeups, fork,
 * exit, free, migrate) the payload's fields. The task names of the lines most frequent (the
 * line's own, a switch's two) are hashed on the way (see name-interner.ts), so interning
 * them reads no byte twice. Nothing is decoded or allocated.
 *
 * It reads only lines whose task names are printable ASCII without blanks (what the kernel
 * prints for nearly every task): a name that may hold spaces makes the greedy expressions of
 * ftrace-line.ts and ftrace-payloads.ts choose among several splits, which the backward scanners
 * (ftrace-prefix-scan.ts, ftrace-payload-scan.ts) reproduce. Whatever this pass does not read
 * it says so, and the caller falls back to those scanners, so the result never differs.
 */
import { FtraceEvent } from './ftrace-event-names';
import { isAsciiSpace, scanPrefixAfterTask, type FtracePrefix } from './ftrace-prefix-scan';
import { newTaskFields, onlyFields, type TaskFields } from './ftrace-payload-scan';
import { NAME_HASH_PRIME, NAME_HASH_SEED } from './name-interner';
import { asciiLiteral, literalAt, viewOf, type AsciiLiteral } from './ftrace-literals';

/** A line as this pass read it: the prefix, the event, and the payload of a switch or a wakeup. */
export interface FtraceLineFields extends FtracePrefix {
  /** Hash of the task name bytes[commStart, commEnd) (name-interner.ts). */
  commHash: number;
  /** The event's code, {@link FtraceEvent.Other} for any event not modelled. */
  event: FtraceEvent;
  /** sched_switch: prev_comm is bytes[prevCommStart, prevCommEnd), hashed as prevCommHash. */
  prevCommStart: number;
  prevCommEnd: number;
  prevCommHash: number;
  prevPid: number;
  /** The first byte of prev_state (X or Z: the task's final switch). */
  prevState: number;
  nextCommStart: number;
  nextCommEnd: number;
  nextCommHash: number;
  nextPid: number;
  /** A wakeup: the woken task and the CPU it goes to (-1 when not printed). */
  wokenPid: number;
  targetCpu: number;
  /** A fork, exit, free or migrate: as the backward scanners give them. */
  task: TaskFields;
}

export function newFtraceLineFields(): FtraceLineFields {
  return {
    commStart: 0, commEnd: 0, pid: 0, tgid: -1, cpu: 0, t: { sec: 0, ns: 0 }, eventStart: 0, eventEnd: 0, payloadStart: 0,
    commHash: 0, event: FtraceEvent.Other,
    prevCommStart: 0, prevCommEnd: 0, prevCommHash: 0, prevPid: 0, prevState: 0, nextCommStart: 0, nextCommEnd: 0, nextCommHash: 0, nextPid: 0,
    wokenPid: 0, targetCpu: -1, task: newTaskFields(),
  };
}

/** What {@link scanFtraceLine} read. */
export const LineScan = {
  /** Nothing usable: read the line with the backward scanners. */
  Declined: 0,
  /** The prefix and the event (its payload is not read here): read the payload with the backward scanners. */
  Prefix: 1,
  /** A modelled sched event, payload included. */
  Event: 2,
} as const;
export type LineScan = (typeof LineScan)[keyof typeof LineScan];

const SPACE = 32;
const DASH = 45;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
/** The last byte a task name read here may hold (`~`); the first is the one after SPACE. */
const LAST_NAME_BYTE = 126;
/** Digits of a number read exactly (as the backward scanners). */
const MAX_DIGITS = 15;
/** The count of pid digits after a byte that is neither a digit nor '-': no digit count brings it back to 1 or more. */
const NOT_A_PID = -(1 << 30);

/** The modelled events by the length of their name. */
const MODELLED_BY_LENGTH: { name: AsciiLiteral; event: FtraceEvent }[][] = [];
for (const [name, event] of [
  ['sched_switch', FtraceEvent.Switch], ['sched_waking', FtraceEvent.Waking], ['sched_wakeup', FtraceEvent.Wakeup],
  ['sched_wakeup_new', FtraceEvent.WakeupNew], ['sched_process_fork', FtraceEvent.Fork], ['sched_process_exit', FtraceEvent.Exit],
  ['sched_process_free', FtraceEvent.Free], ['sched_migrate_task', FtraceEvent.Migrate],
] as const) {
  while (MODELLED_BY_LENGTH.length <= name.length) MODELLED_BY_LENGTH.push([]);
  MODELLED_BY_LENGTH[name.length]!.push({ name: asciiLiteral(name), event });
}

/** The code of the event named bytes[start, end) (`data`: {@link viewOf} the bytes). */
export function modelledEventAt(data: DataView, start: number, end: number): FtraceEvent {
  const n = end - start;
  if (n >= MODELLED_BY_LENGTH.length) return FtraceEvent.Other;
  const candidates = MODELLED_BY_LENGTH[n]!;
  for (let c = 0; c < candidates.length; c++) if (literalAt(data, start, end, candidates[c]!.name)) return candidates[c]!.event;
  return FtraceEvent.Other;
}

const PREV_COMM = asciiLiteral('prev_comm=');
const PREV_PID = asciiLiteral(' prev_pid=');
const PREV_PRIO = asciiLiteral(' prev_prio=');
const PREV_STATE = asciiLiteral(' prev_state=');
const ARROW_NEXT_COMM = asciiLiteral(' ==> next_comm=');
const NEXT_PID = asciiLiteral(' next_pid=');
const NEXT_PRIO = asciiLiteral(' next_prio=');
const COMM = asciiLiteral('comm=');
const PID = asciiLiteral(' pid=');
const PRIO = asciiLiteral(' prio=');
const SUCCESS = asciiLiteral(' success=');
const TARGET_CPU = asciiLiteral(' target_cpu=');
const CHILD_COMM = asciiLiteral(' child_comm=');
const CHILD_PID = asciiLiteral(' child_pid=');
const ORIG_CPU = asciiLiteral(' orig_cpu=');
const DEST_CPU = asciiLiteral(' dest_cpu=');
const CR = 13;

/**
 * Where the last step of the pass stopped: the index after what it read, -1 when it failed.
 * The steps hand back a second result through it (a module variable: no object per line).
 */
let at = -1;

/** `word` then 1 to 15 digits (a '-' first when `signed`) at bytes[i]: the number, {@link at} after it (-1 when not there). */
function fieldAt(bytes: Uint8Array, data: DataView, i: number, end: number, word: AsciiLiteral, signed: boolean): number {
  if (!literalAt(data, i, end, word)) {
    at = -1;
    return 0;
  }
  i += word.length;
  let negative = false;
  if (signed && i < end && bytes[i] === DASH) {
    negative = true;
    i++;
  }
  const first = i;
  let v = 0;
  let d = 0;
  for (; i < end && (d = bytes[i]! - 48) >>> 0 <= 9; i++) v = v * 10 + d;
  if (i === first || i - first > MAX_DIGITS) {
    at = -1;
    return 0;
  }
  at = i;
  return negative ? -v : v;
}

/** A task name of printable ASCII without blanks from bytes[i], up to a space (or the end): its hash, {@link at} after it (-1 when another byte comes first). */
function nameAt(bytes: Uint8Array, i: number, end: number): number {
  let h = NAME_HASH_SEED;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c <= SPACE || c > LAST_NAME_BYTE) {
      at = c === SPACE ? i : -1;
      return h;
    }
    h = Math.imul(h ^ c, NAME_HASH_PRIME);
  }
  at = i;
  return h;
}

/** Whether bytes[i, end) is ASCII white space only. */
function blanksTo(bytes: Uint8Array, i: number, end: number): boolean {
  while (i < end && isAsciiSpace(bytes[i]!)) i++;
  return i === end;
}

/**
 * Reads the line bytes[start, end) (`start`: its first byte that is not white space) into
 * `out`: the prefix and event always when it says more than {@link LineScan.Declined}, the
 * switch or wakeup fields when it says {@link LineScan.Event}.
 */
export function scanFtraceLine(bytes: Uint8Array, start: number, end: number, out: FtraceLineFields): LineScan {
  // TASK-PID: the hash of the name is the one before the last '-', the pid the digits after it
  let i = start;
  let h = NAME_HASH_SEED;
  let commHash = 0;
  let dash = -1;
  let pid = 0;
  let pidDigits = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c <= SPACE || c > LAST_NAME_BYTE) break;
    if (c === DASH) {
      dash = i;
      commHash = h;
      pid = 0;
      pidDigits = 0;
    } else if (c >= 48 && c <= 57) {
      pid = pid * 10 + c - 48;
      pidDigits++;
    } else pidDigits = NOT_A_PID;
    h = Math.imul(h ^ c, NAME_HASH_PRIME);
  }
  // pidDigits >= 1: only digits since the last '-'
  if (i >= end || bytes[i] !== SPACE || dash <= start || pidDigits < 1 || pidDigits > MAX_DIGITS) return LineScan.Declined;
  while (i < end && bytes[i] === SPACE) i++;
  let tgid = -1;
  if (i < end && bytes[i] === OPEN_PAREN) {
    // (TGID): digits, or dashes when unknown, blanks allowed after '('
    i++;
    while (i < end && bytes[i] === SPACE) i++;
    const first = i;
    if (i < end && bytes[i] === DASH) while (i < end && bytes[i] === DASH) i++;
    else {
      let v = 0;
      let d = 0;
      for (; i < end && (d = bytes[i]! - 48) >>> 0 <= 9; i++) v = v * 10 + d;
      tgid = v;
    }
    if (i === first || i - first > MAX_DIGITS || i + 1 >= end || bytes[i] !== CLOSE_PAREN || bytes[i + 1] !== SPACE) return LineScan.Declined;
    i++;
    while (i < end && bytes[i] === SPACE) i++;
  }
  if (i >= end || bytes[i] !== OPEN_BRACKET || !scanPrefixAfterTask(bytes, i, end, out)) return LineScan.Declined;
  out.commStart = start;
  out.commEnd = dash;
  out.commHash = commHash;
  out.pid = pid;
  out.tgid = tgid;
  const data = viewOf(bytes);
  const event = modelledEventAt(data, out.eventStart, out.eventEnd);
  out.event = event;
  if (event === FtraceEvent.Switch) return scanSwitch(bytes, data, out.payloadStart, end, out) ? LineScan.Event : LineScan.Prefix;
  if (event === FtraceEvent.Waking || event === FtraceEvent.Wakeup || event === FtraceEvent.WakeupNew) {
    return scanWakeup(bytes, data, out.payloadStart, end, out) ? LineScan.Event : LineScan.Prefix;
  }
  if (event === FtraceEvent.Other) return LineScan.Prefix;
  const task = out.task;
  const read = event === FtraceEvent.Fork ? scanFork(bytes, data, out.payloadStart, end, task)
    : event === FtraceEvent.Migrate ? scanMigrate(bytes, data, out.payloadStart, end, task)
    : scanExitOrFree(bytes, data, out.payloadStart, end, task);
  return read ? LineScan.Event : LineScan.Prefix;
}

/** `prev_comm=C prev_pid=N prev_prio=N prev_state=S ==> next_comm=C next_pid=N next_prio=N` with names of {@link nameAt}. */
function scanSwitch(bytes: Uint8Array, data: DataView, i: number, end: number, out: FtraceLineFields): boolean {
  if (!literalAt(data, i, end, PREV_COMM)) return false;
  const prevStart = i + PREV_COMM.length;
  const prevHash = nameAt(bytes, prevStart, end);
  if (at < 0) return false;
  const prevEnd = at;
  const prevPid = fieldAt(bytes, data, prevEnd, end, PREV_PID, false);
  if (at < 0) return false;
  fieldAt(bytes, data, at, end, PREV_PRIO, true);
  if (at < 0 || !literalAt(data, at, end, PREV_STATE)) return false;
  // prev_state: bytes that are neither white space nor outside ASCII, up to the space of ' ==> '
  const state = at + PREV_STATE.length;
  i = state;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === SPACE) break;
    if (isAsciiSpace(c) || c >= 0x80) return false;
  }
  if (i === state || !literalAt(data, i, end, ARROW_NEXT_COMM)) return false;
  const nextStart = i + ARROW_NEXT_COMM.length;
  const nextHash = nameAt(bytes, nextStart, end);
  if (at < 0) return false;
  const nextEnd = at;
  const nextPid = fieldAt(bytes, data, nextEnd, end, NEXT_PID, false);
  if (at < 0) return false;
  fieldAt(bytes, data, at, end, NEXT_PRIO, true);
  if (at < 0 || !blanksTo(bytes, at, end)) return false;
  out.prevCommStart = prevStart;
  out.prevCommEnd = prevEnd;
  out.prevCommHash = prevHash;
  out.prevPid = prevPid;
  out.prevState = bytes[state]!;
  out.nextCommStart = nextStart;
  out.nextCommEnd = nextEnd;
  out.nextCommHash = nextHash;
  out.nextPid = nextPid;
  return true;
}

/** `comm=C pid=N prio=N [success=N] [target_cpu=N]` with a name of {@link nameAt}. */
function scanWakeup(bytes: Uint8Array, data: DataView, i: number, end: number, out: FtraceLineFields): boolean {
  if (!literalAt(data, i, end, COMM)) return false;
  nameAt(bytes, i + COMM.length, end);
  if (at < 0) return false;
  const pid = fieldAt(bytes, data, at, end, PID, false);
  if (at < 0) return false;
  fieldAt(bytes, data, at, end, PRIO, true);
  if (at < 0) return false;
  i = at;
  fieldAt(bytes, data, i, end, SUCCESS, false);
  if (at >= 0) i = at;
  let targetCpu = fieldAt(bytes, data, i, end, TARGET_CPU, false);
  if (at >= 0) i = at;
  else targetCpu = -1;
  if (!blanksTo(bytes, i, end)) return false;
  out.wokenPid = pid;
  out.targetCpu = targetCpu;
  return true;
}

/** Whether bytes[i, end) is ASCII white space other than CR only (what the backward fork and exit scanners accept). */
function blanksWithoutCrTo(bytes: Uint8Array, i: number, end: number): boolean {
  while (i < end && isAsciiSpace(bytes[i]!) && bytes[i] !== CR) i++;
  return i === end;
}

/**
 * `comm=C pid=N` from bytes[i] with a name of {@link nameAt}: the name's range and the pid into
 * `out` (the rest of the payload is for the caller to check, `out` is read only when it says
 * the line is read); {@link at} after the pid, -1 when the payload does not start so.
 */
function commAndPid(bytes: Uint8Array, data: DataView, i: number, end: number, out: TaskFields): void {
  at = -1;
  if (!literalAt(data, i, end, COMM)) return;
  const commStart = i + COMM.length;
  nameAt(bytes, commStart, end);
  if (at < 0) return;
  const commEnd = at;
  out.pid = fieldAt(bytes, data, commEnd, end, PID, false);
  out.commStart = commStart;
  out.commEnd = commEnd;
}

/** `comm=C pid=N child_comm=C child_pid=N` with names of {@link nameAt}: pid and child_pid into `out`. */
function scanFork(bytes: Uint8Array, data: DataView, i: number, end: number, out: TaskFields): boolean {
  commAndPid(bytes, data, i, end, out);
  if (at < 0 || !literalAt(data, at, end, CHILD_COMM)) return false;
  nameAt(bytes, at + CHILD_COMM.length, end);
  if (at < 0) return false;
  out.other = fieldAt(bytes, data, at, end, CHILD_PID, false);
  return at >= 0 && blanksWithoutCrTo(bytes, at, end);
}

/**
 * `comm=C pid=N( NAME=VALUE)*` (sched_process_exit and _free) with a name of {@link nameAt}, all
 * ASCII without CR; declined when a later field is `pid=` (the greedy expression would take that
 * one) or holds a run of more than 15 digits (the backward scanner declines those).
 */
function scanExitOrFree(bytes: Uint8Array, data: DataView, i: number, end: number, out: TaskFields): boolean {
  commAndPid(bytes, data, i, end, out);
  if (at < 0) return false;
  const fields = at;
  let digits = 0;
  for (let k = fields; k < end; k++) {
    const c = bytes[k]!;
    if (c >= 0x80 || c === CR) return false;
    digits = c >= 48 && c <= 57 ? digits + 1 : 0;
    if (digits > MAX_DIGITS || (c === SPACE && literalAt(data, k, end, PID))) return false;
  }
  return onlyFields(bytes, fields, end);
}

/** `comm=C pid=N prio=N orig_cpu=N dest_cpu=N` with a name of {@link nameAt}: pid and orig_cpu into `out`. */
function scanMigrate(bytes: Uint8Array, data: DataView, i: number, end: number, out: TaskFields): boolean {
  commAndPid(bytes, data, i, end, out);
  if (at < 0) return false;
  fieldAt(bytes, data, at, end, PRIO, true);
  if (at < 0) return false;
  out.other = fieldAt(bytes, data, at, end, ORIG_CPU, false);
  if (at < 0) return false;
  fieldAt(bytes, data, at, end, DEST_CPU, false);
  return at >= 0 && blanksTo(bytes, at, end);
}
