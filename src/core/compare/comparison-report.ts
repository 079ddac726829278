/**
 * A comparison as text for a mailing-list reply (72 columns) or as Markdown: the detected
 * variant with its evidence, the setup, then one table per key metric over the CPU counts with
 * each variant's mean difference from baseline and its 95 % confidence interval.
 */
import type { Difference } from '../analysis/confidence';
import type { Comparison } from './comparison';
import type { MetricKey } from '../analysis/metric-catalog';
import { formatCompact as compact } from '../common/format-metric';

interface Shown {
  key: MetricKey;
  title: string;
  /** Divides the raw value for display. */
  scale: number;
}

const SHOWN: Shown[] = [
  { key: 'exitToReapNs.mean', title: 'exit→reap latency, mean (µs)', scale: 1e3 },
  { key: 'exitToReapNs.p99', title: 'exit→reap latency, p99 (µs)', scale: 1e3 },
  { key: 'backlogMax', title: 'dead threads waiting, max', scale: 1 },
  { key: 'lockWaitNs.deadproc_mutex', title: 'deadproc_mutex wait, total (µs)', scale: 1e3 },
  { key: 'lockWaitNs.kernel_lock', title: 'kernel_lock wait, total (µs)', scale: 1e3 },
  { key: 'lockWaitNs.sched_lock', title: 'sched_lock wait, total (µs)', scale: 1e3 },
  { key: 'idleHops', title: 'idle hops (exit → idle thread)', scale: 1 },
  { key: 'crossCpuWakeups', title: 'cross-CPU wakeups', scale: 1 },
  { key: 'exitsPerSec', title: 'exits per second', scale: 1 },
  { key: 'utilisation', title: 'CPU utilisation (%)', scale: 0.01 },
];

/** `+1.2±0.3*`: mean difference, CI half-width, `*` when the CI excludes zero. */
function diffText(d: Difference | undefined, scale: number): string {
  if (!d) return '';
  const half = (d.high - d.low) / 2 / scale;
  const sig = d.n >= 2 && (d.low > 0 || d.high < 0) ? '*' : ' ';
  const mean = d.mean / scale;
  return `${mean >= 0 ? '+' : '−'}${compact(Math.abs(mean), 6)}±${compact(half, 5)}${sig}`;
}

function header(c: Comparison, patchName: string, markdown: boolean): string[] {
  const out: string[] = [];
  const p = c.plan;
  const d = c.detection;
  out.push(markdown ? `### Reaperscope: ${patchName}` : `Reaperscope: ${patchName}`, '');
  if (d && d.kind === 'model') {
    out.push(`Detected variant: ${d.variant}, ${d.summary}.`, 'Evidence:');
    for (const e of d.evidence) out.push(`${markdown ? '- ' : '  '}${e.file}:${e.line} (${e.side === 'old' ? 'removed' : 'added'}): ${e.what}`);
    out.push('');
  }
  out.push(
    `Simulated ${p.workload}, ${p.durationNs / 1e6} ms per run, ${p.seeds.length} seeds per point,`,
    `the same seeds for every variant. Differences are variant − baseline:`,
    `mean ± 95 % CI half-width (Student t); * = the CI excludes 0.`,
    `Invariants: ${c.invariants.ok ? `held in all ${c.invariants.runs} runs` : `VIOLATED (${c.invariants.violations.length})`}.`,
    '',
  );
  return out;
}

/** Breaks a line longer than `width` at spaces; continuation lines are indented two more. */
export function wrap(line: string, width = 72): string[] {
  if (line.length <= width) return [line];
  const indent = ' '.repeat((/^ */.exec(line)?.[0].length ?? 0) + 2);
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= indent.length) cut = rest.indexOf(' ', width);
    if (cut < 0) break;
    out.push(rest.slice(0, cut));
    rest = indent + rest.slice(cut + 1).trimStart();
  }
  out.push(rest);
  return out;
}

/** 72-column text. */
export function formatComparisonText(c: Comparison, patchName: string): string {
  const out = header(c, patchName, false);
  const others = c.plan.variants.slice(1);
  for (const s of SHOWN) {
    out.push(s.title);
    out.push(['CPUs', 'baseline'.padStart(8), ...others.flatMap((v) => [v.padStart(8), 'Δ'.padStart(14)])].join('  '));
    for (const point of c.points) {
      const [base, ...rest] = point.variants;
      const cells = [String(point.cpus).padStart(4), compact(base!.mean[s.key]! / s.scale).padStart(8)];
      for (const v of rest) cells.push(compact(v.mean[s.key]! / s.scale).padStart(8), diffText(v.difference?.[s.key], s.scale).padStart(14));
      out.push(cells.join('  '));
    }
    out.push('');
  }
  out.push(...footer(c));
  return out.flatMap((l) => wrap(l.trimEnd())).join('\n') + '\n';
}

export function formatComparisonMarkdown(c: Comparison, patchName: string): string {
  const out = header(c, patchName, true);
  const others = c.plan.variants.slice(1);
  for (const s of SHOWN) {
    out.push(`**${s.title}**`, '');
    out.push(`| CPUs | baseline | ${others.map((v) => `${v} | Δ ${v} [95 % CI]`).join(' | ')} |`);
    out.push(`|---:|---:|${others.map(() => '---:|---:').join('|')}|`);
    for (const point of c.points) {
      const [base, ...rest] = point.variants;
      const cells = [String(point.cpus), compact(base!.mean[s.key]! / s.scale)];
      for (const v of rest) {
        const d = v.difference?.[s.key];
        cells.push(compact(v.mean[s.key]! / s.scale), d ? `${compact(d.mean / s.scale)} [${compact(d.low / s.scale)}, ${compact(d.high / s.scale)}]` : '');
      }
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  out.push(...footer(c));
  return out.join('\n') + '\n';
}

function footer(c: Comparison): string[] {
  const out = [
    'Model: docs/simulator.md (costs, sources, what it leaves out).',
    'Not a measurement: a simulation of the exit path with default costs.',
  ];
  for (const v of c.invariants.violations.slice(0, 5)) out.push(`violation: ${v}`);
  return out;
}
