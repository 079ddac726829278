/** Text renderings of trace summaries and comparisons for `reaperscope trace`. */
import type { TraceSummary } from '../core/analysis/trace-summary';
import type { TraceComparison } from '../core/compare/trace-comparison';
import type { Diagnostic } from '../core/common/diagnostic';
import { formatNs } from '../core/common/format-ns';
import { formatPlainMetric } from '../core/common/format-metric';

/** Rows as left-aligned columns, two spaces apart, each line indented by two. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`).join('\n');
}

export function renderSummary(file: string, s: TraceSummary): string {
  const lines = [
    `${file}: ${s.format}, ${s.events} events on ${s.cpus} CPUs over ${formatNs(s.spanNs)}` +
      (s.format === 'btrace' ? ` (${s.unknownLines} unknown, ${s.junkLines} unreadable lines)` : ` (${s.unknownLines} kept as generic events, ${s.junkLines} ${s.format === 'trace-dat' ? 'unreadable records' : 'unreadable lines'})`),
  ];
  if (s.reapers.length > 0) {
    lines.push('reapers:');
    lines.push(table([['CPU', 'thread', 'runs', 'busy', 'reaps'], ...s.reapers.map((r) => [String(r.cpu), r.comm, String(r.runs), formatNs(r.busyNs), String(r.reaps)])]));
  } else {
    lines.push('reapers: none (no thread named reaper or reaperN)');
  }
  const l = s.exitToReapNs;
  lines.push(`exit→reap latency${l.inferred ? ' (inferred)' : ''}: n=${l.count}` +
    (l.count > 0 ? ` mean ${formatNs(l.mean)} p50 ${formatNs(l.p50)} p99 ${formatNs(l.p99)} max ${formatNs(l.max)}` : ''));
  if (s.exitToFree) {
    const x = s.exitToFree;
    lines.push(`exit→free (Linux): n=${x.count} exit→final switch mean ${formatNs(x.exitToSwitch.mean)}, switch→free mean ${formatNs(x.switchToFree.mean)}, exit→free mean ${formatNs(x.exitToFree.mean)}` +
      `; ${x.unpairedExits} exits without a later free, ${x.freesWithoutExit} frees without a recorded exit`);
  }
  lines.push(`${s.exits} exits, ${s.idleHops} idle hops, ${s.crossCpuWakeups} cross-CPU wakeups, ${s.contextSwitches} context switches`);
  lines.push(`busy: ${(s.utilisation * 100).toFixed(1)}% (${s.utilisationPerCpu.map((u, cpu) => `cpu${cpu} ${(u * 100).toFixed(1)}%`).join(', ')})`);
  return `${lines.join('\n')}\n`;
}

export function renderComparison(fileA: string, fileB: string, c: TraceComparison): string {
  const fmt = (unit: string, v: number): string => formatPlainMetric(v, unit);
  const rows = c.rows.map((r) => [r.metric, fmt(r.unit, r.a), fmt(r.unit, r.b), r.unit === 'ratio' ? `${((r.delta) * 100).toFixed(1)} pt` : fmt(r.unit, r.delta), r.ratio === null ? '' : `×${r.ratio.toFixed(2)}`]);
  return `${table([['metric', fileA, fileB, 'change', 'ratio'], ...rows])}\n`;
}

export function renderDiagnostics(file: string, diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${file}:${d.line}: ${d.severity} ${d.code}: ${d.message}\n`).join('');
}
