/**
 * Linux event names as small codes, straight from a line's bytes: the scheduler events the
 * reader models have their own code, every other name {@link FtraceEvent.Other} and its text
 * (decoded once per distinct name).
 */
import { decodeLine } from './line-splitter';

/** What the reader does with an event. */
export const FtraceEvent = {
  Other: 0,
  Switch: 1,
  Waking: 2,
  Wakeup: 3,
  WakeupNew: 4,
  Fork: 5,
  Exit: 6,
  Free: 7,
  Migrate: 8,
} as const;
export type FtraceEvent = (typeof FtraceEvent)[keyof typeof FtraceEvent];

const MODELLED: Record<string, FtraceEvent> = {
  sched_switch: FtraceEvent.Switch,
  sched_waking: FtraceEvent.Waking,
  sched_wakeup: FtraceEvent.Wakeup,
  sched_wakeup_new: FtraceEvent.WakeupNew,
  sched_process_fork: FtraceEvent.Fork,
  sched_process_exit: FtraceEvent.Exit,
  sched_process_free: FtraceEvent.Free,
  sched_migrate_task: FtraceEvent.Migrate,
};

/** The code of an event named by text. */
export function ftraceEventOf(name: string): FtraceEvent {
  return Object.hasOwn(MODELLED, name) ? MODELLED[name]! : FtraceEvent.Other;
}

/** Distinct names remembered (a recording of every kernel event has about 2000). */
const MAX_NAMES = 4096;

interface Entry {
  bytes: Uint8Array;
  name: string;
  code: FtraceEvent;
}

export class FtraceEventNames {
  private readonly byKey = new Map<number, Entry[]>();
  private size = 0;
  /** The text of the name last matched. */
  name = '';

  /** The code of the event named bytes[start, end) (ASCII word characters); sets {@link name}. */
  match(bytes: Uint8Array, start: number, end: number): FtraceEvent {
    const n = end - start;
    const key = (n << 16) | (bytes[end - 1]! << 8) | bytes[start + (n >> 1)]!;
    const bucket = this.byKey.get(key);
    if (bucket) {
      for (const e of bucket) {
        const b = e.bytes;
        let k = 0;
        while (k < n && b[k] === bytes[start + k]) k++;
        if (k === n) {
          this.name = e.name;
          return e.code;
        }
      }
    }
    const name = decodeLine(bytes, start, end);
    const code = ftraceEventOf(name);
    this.name = name;
    if (this.size < MAX_NAMES) {
      this.size++;
      const entry = { bytes: bytes.slice(start, end), name, code };
      if (bucket) bucket.push(entry);
      else this.byKey.set(key, [entry]);
    }
    return code;
  }
}
