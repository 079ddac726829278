/**
 * Chrome Trace Event JSON (the format Perfetto UI and chrome://tracing open), written as a
 * sequence of text pieces so a caller can stream it to a file:
 * - one process "CPUs" (pid 0) with one track per CPU (tid = CPU number), named by `M` events;
 * - an `X` slice per stretch a thread runs on a CPU: name = thread name, args {tid, pid};
 *   reaper threads have category `reaper` and colour name `terrible`, idle threads `idle`;
 * - each wakeup as a flow (`s` in the waker's slice → `f` with binding point `e` on the woken
 *   thread's next slice);
 * - exits and reaps as instant (`i`) events on their CPU's track;
 * - every other recorded event (an Instant: a Linux tracepoint no other kind models) as an
 *   instant named after it, category `event`, args {tid, pid, comm, fields}.
 * Times are µs (the format's unit) with ns precision.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { recordingEnd } from '../events/recording-end';

const REAPER = /^reaper\d*$/;
const IDLE = /^(idle\d+|swapper(\/\d+)?|<idle>)$/;

export interface ChromeExportOptions {
  /** Characters per piece handed out (default 64 KiB). */
  pieceChars?: number;
}

const us = (ns: number): string => {
  const v = ns / 1000;
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
};

export function* chromeTracePieces(table: EventTable, options: ChromeExportOptions = {}): Generator<string> {
  const limit = options.pieceChars ?? 1 << 16;
  let buf = '{"displayTimeUnit":"ns","traceEvents":[\n';
  let first = true;
  const out = function* (json: string): Generator<string> {
    buf += first ? json : `,\n${json}`;
    first = false;
    if (buf.length >= limit) {
      yield buf;
      buf = '';
    }
  };
  yield* out('{"ph":"M","pid":0,"tid":0,"name":"process_name","args":{"name":"CPUs"}}');
  for (let c = 0; c < table.cpuCount; c++) {
    yield* out(`{"ph":"M","pid":0,"tid":${c},"name":"thread_name","args":{"name":"CPU ${c}"}}`);
    yield* out(`{"ph":"M","pid":0,"tid":${c},"name":"thread_sort_index","args":{"sort_index":${c}}}`);
  }
  const names = table.strings.all();
  const running = new Map<number, { tid: number; pid: number; comm: number; start: number }>();
  const pendingFlow = new Map<number, number>();
  let flowId = 0;
  const slice = (cpu: number, end: number): string | null => {
    const r = running.get(cpu);
    if (!r) return null;
    running.delete(cpu);
    const name = names[r.comm] || `tid ${r.tid}`;
    const cat = REAPER.test(name) ? 'reaper' : IDLE.test(name) ? 'idle' : 'thread';
    const colour = cat === 'reaper' ? ',"cname":"terrible"' : '';
    return `{"ph":"X","pid":0,"tid":${cpu},"ts":${us(r.start)},"dur":${us(end - r.start)},"name":${JSON.stringify(name)},"cat":"${cat}"${colour},"args":{"tid":${r.tid},"pid":${r.pid}}}`;
  };
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const cpu = table.cpu[i]!;
    const t = table.ts[i]!;
    const tid = table.tid[i]!;
    if (kind === EventKind.OnCpu) {
      const closed = slice(cpu, t);
      if (closed) yield* out(closed);
      running.set(cpu, { tid, pid: table.pid[i]!, comm: table.comm[i]!, start: t });
      const id = pendingFlow.get(tid);
      if (id !== undefined) {
        pendingFlow.delete(tid);
        yield* out(`{"ph":"f","bp":"e","pid":0,"tid":${cpu},"ts":${us(t)},"id":${id},"name":"wakeup","cat":"wakeup"}`);
      }
    } else if (kind === EventKind.OffCpu) {
      if (running.get(cpu)?.tid === tid) {
        const closed = slice(cpu, t);
        if (closed) yield* out(closed);
      }
    } else if (kind === EventKind.Wakeup) {
      const woken = table.arg0[i]!;
      if (woken >= 0 && !pendingFlow.has(woken)) {
        const id = ++flowId;
        pendingFlow.set(woken, id);
        yield* out(`{"ph":"s","pid":0,"tid":${cpu},"ts":${us(t)},"id":${id},"name":"wakeup","cat":"wakeup"}`);
      }
    } else if (kind === EventKind.Exit || kind === EventKind.Reap) {
      const name = kind === EventKind.Exit ? 'exit' : 'reap';
      yield* out(`{"ph":"i","s":"t","pid":0,"tid":${cpu},"ts":${us(t)},"name":"${name}","cat":"${name}","args":{"tid":${tid},"arg0":${table.arg0[i]!}}}`);
    } else if (kind === EventKind.Instant) {
      const fields = table.arg1[i]! >= 0 ? `,"fields":${JSON.stringify(names[table.arg1[i]!] ?? '')}` : '';
      const args = `{"tid":${tid},"pid":${table.pid[i]!},"comm":${JSON.stringify(names[table.comm[i]!] ?? '')}${fields}}`;
      yield* out(`{"ph":"i","s":"t","pid":0,"tid":${cpu},"ts":${us(t)},"name":${JSON.stringify(names[table.arg0[i]!] ?? 'event')},"cat":"event","args":${args}}`);
    }
  }
  const end = recordingEnd(table);
  for (const cpu of [...running.keys()]) {
    const closed = slice(cpu, end);
    if (closed) yield* out(closed);
  }
  yield `${buf}\n]}\n`;
}
