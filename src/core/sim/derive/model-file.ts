/**
 * Model files: the programs of one or more variants as JSON, to print (`reaperscope model`),
 * edit, and run (`simulate --model`, `compare --model-before/--model-after`). Versioned and
 * validated; every error names the JSON path it is about (`variants[0].steps[4].op: ...`).
 *
 * Format, version 1:
 * ```
 * { "format": "reaperscope-model", "version": 1, "source": "code" | "built-in" | "file",
 *   "variants": [ { "name": "baseline" | "patched" | "lockless", "side": "old" | "new",
 *                   "reapers": "one" | "per-cpu",
 *                   "steps": [ { "program": "exit" | "idle" | "reaper", "op": "lock" | ...,
 *                                "object"?: string, "target"?: index in its program,
 *                                "self"?: true, "ofSubject"?: true, "prio"?: number,
 *                                "file", "line", "side"?, "text" } ],
 *                   "notUnderstood"?: [ { "file", "line", "text", "why" } ],
 *                   "assumptions"?: [ { "file", "line", "text", "what" } ] } ],
 *   "changes"?: [ ... ] }
 * ```
 * Ops and what they need: `lock`/`unlock` (object: a lock), `insert`/`remove` (object: a
 * list; insert `self` for the dying thread), `if-empty`/`if-not-empty` (object: a list,
 * target), `jump`/`if-thread` (target), `wakeup-one`/`wakeup-all` (object: a channel; the
 * caller's sched_lock steps are separate steps), `sleep` (object: a channel, prio; after
 * `lock sched_lock`), `switch-idle`/`switch-next` (after `lock sched_lock`), `work` (object: a
 * cost name of costs.ts, `ofSubject` when it is the dead thread's), `peg`, `exit` (the thread
 * leaves exit1), `reaped`, `zombie`, `idle-wait`. Object names follow model-objects.ts.
 */
import { isCostName, type CostName } from '../costs';
import { assemble, Op, type Draft, type Program } from '../program';
import { isVariantName, type Variant, type VariantName } from '../variants';
import type { Assumption, NotUnderstood } from './function-translator';
import { subjectProblem } from './subject-check';
import { modelSteps, PROGRAM_NAMES, STEP_OP_NAMES, type ModelStep, type ProgramName, type StepOpName } from './model-steps';

export const MODEL_FORMAT = 'reaperscope-model';
export const MODEL_VERSION = 1;

export interface ModelFileVariant {
  name: VariantName;
  side: 'old' | 'new';
  reapers: 'one' | 'per-cpu';
  steps: ModelStep[];
  notUnderstood?: NotUnderstood[];
  assumptions?: Assumption[];
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  source: 'code' | 'built-in' | 'file';
  variants: ModelFileVariant[];
  changes?: unknown[];
}

/** A variant's programs as a model file entry. */
export function modelFileVariant(v: Variant, extra: { notUnderstood?: NotUnderstood[]; assumptions?: Assumption[] } = {}): ModelFileVariant {
  return { name: v.name, side: v.side, reapers: v.reapers, steps: modelSteps(v), ...extra };
}

const OBJECT_OPS: ReadonlySet<StepOpName> = new Set(['lock', 'unlock', 'insert', 'remove', 'if-empty', 'if-not-empty', 'wakeup-one', 'wakeup-all', 'sleep', 'work']);
const TARGET_OPS: ReadonlySet<StepOpName> = new Set(['if-empty', 'if-not-empty', 'jump', 'if-thread']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step from its data (already validated); jumps name `label(target)`. */
function draftOf(s: ModelStep, label: (i: number) => string): Draft {
  const src = { file: s.file, func: '', text: s.text, line: s.line, ...(s.side ? { side: s.side } : {}) };
  // Validation guarantees a target for the jumps (TARGET_OPS).
  const to = label(s.target ?? 0);
  const o = s.object ?? '';
  const ops: Record<StepOpName, () => Draft> = {
    'work': () => ({ op: Op.Work, cost: o as CostName, ...(s.ofSubject ? { ofSubject: true } : {}) }),
    'lock': () => ({ op: Op.Lock, lock: o }),
    'unlock': () => ({ op: Op.Unlock, lock: o }),
    'insert': () => ({ op: Op.Insert, list: o, ...(s.self ? { self: true } : {}) }),
    'remove': () => ({ op: Op.Remove, list: o }),
    'if-empty': () => ({ op: Op.JumpIfEmpty, list: o, to_label: to }),
    'if-not-empty': () => ({ op: Op.JumpIfNotEmpty, list: o, to_label: to }),
    'jump': () => ({ op: Op.Jump, to_label: to }),
    'wakeup-one': () => ({ op: Op.Wake, chan: o, all: false }),
    'wakeup-all': () => ({ op: Op.Wake, chan: o, all: true }),
    'sleep': () => ({ op: Op.Sleep, chan: o, prio: s.prio ?? 0 }),
    'switch-idle': () => ({ op: Op.Switch, to: 'idle' }),
    'switch-next': () => ({ op: Op.Switch, to: 'next' }),
    'peg': () => ({ op: Op.Peg }),
    'exit': () => ({ op: Op.ExitMark }),
    'reaped': () => ({ op: Op.ReapMark }),
    'if-thread': () => ({ op: Op.JumpIfThread, to_label: to }),
    'zombie': () => ({ op: Op.Zombie }),
    'idle-wait': () => ({ op: Op.IdleWait }),
  };
  return { ...ops[s.op](), src };
}

/** The runnable variant of a (validated) model file entry. */
export function variantOfModel(m: ModelFileVariant): Variant {
  const drafts = (program: ProgramName): Draft[] => {
    const steps = m.steps.filter((s) => s.program === program);
    const label = (i: number): string => `m:${program}:${i}`;
    const targets = new Set(steps.flatMap((s) => (s.target === undefined ? [] : [s.target])));
    return steps.map((s, i) => ({ ...draftOf(s, label), ...(targets.has(i) ? { label: label(i) } : {}) }));
  };
  const program = (p: ProgramName): Program => assemble(`${m.name} ${p}`, drafts(p));
  return { name: m.name, side: m.side, reapers: m.reapers, exitPath: drafts('exit'), idle: program('idle'), reaper: program('reaper'), summary: [`read from a model file (${m.steps.length} steps)`] };
}

function checkStep(raw: unknown, path: string, errors: string[]): ModelStep | null {
  if (!isObject(raw)) {
    errors.push(`${path}: must be an object`);
    return null;
  }
  const n = errors.length;
  const program = raw['program'];
  const op = raw['op'];
  if (typeof program !== 'string' || !(PROGRAM_NAMES as readonly string[]).includes(program)) errors.push(`${path}.program: must be one of ${PROGRAM_NAMES.join(', ')}`);
  if (typeof op !== 'string' || !(STEP_OP_NAMES as readonly string[]).includes(op)) errors.push(`${path}.op: ${JSON.stringify(op)} is not an op (known: ${STEP_OP_NAMES.join(', ')})`);
  const o = raw['object'];
  if (typeof op === 'string' && OBJECT_OPS.has(op as StepOpName)) {
    if (typeof o !== 'string' || o === '') errors.push(`${path}.object: ${op} needs the object it works on (a string)`);
    else if (op === 'work' && !isCostName(o)) errors.push(`${path}.object: ${JSON.stringify(o)} is not a cost name (costs.ts)`);
  } else if (o !== undefined && typeof o !== 'string') errors.push(`${path}.object: must be a string`);
  const target = raw['target'];
  if (typeof op === 'string' && TARGET_OPS.has(op as StepOpName) && !(typeof target === 'number' && Number.isInteger(target) && target >= 0)) errors.push(`${path}.target: ${op} needs the index of a step of its program`);
  if (op === 'sleep' && !(typeof raw['prio'] === 'number' && raw['prio'] >= 0)) errors.push(`${path}.prio: sleep needs a priority (a number ≥ 0)`);
  for (const key of ['self', 'ofSubject'] as const) if (raw[key] !== undefined && typeof raw[key] !== 'boolean') errors.push(`${path}.${key}: must be true or false`);
  const line = raw['line'] ?? 0;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) errors.push(`${path}.line: must be a line number`);
  for (const key of ['file', 'text'] as const) if (raw[key] !== undefined && typeof raw[key] !== 'string') errors.push(`${path}.${key}: must be a string`);
  const side = raw['side'];
  if (side !== undefined && side !== 'old' && side !== 'new') errors.push(`${path}.side: must be "old" or "new"`);
  if (errors.length > n) return null;
  return {
    program: program as ProgramName, op: op as StepOpName,
    ...(typeof o === 'string' ? { object: o } : {}),
    ...(typeof target === 'number' ? { target } : {}),
    ...(raw['self'] === true ? { self: true } : {}),
    ...(raw['ofSubject'] === true ? { ofSubject: true } : {}),
    ...(typeof raw['prio'] === 'number' ? { prio: raw['prio'] } : {}),
    file: typeof raw['file'] === 'string' ? raw['file'] : '', line: line as number,
    ...(side === 'old' || side === 'new' ? { side } : {}),
    text: typeof raw['text'] === 'string' ? raw['text'] : '',
  };
}

/** What a program must be to run: steps, jump targets inside it, an end the engine never runs past. */
function checkPrograms(steps: ModelStep[], path: string, errors: string[]): void {
  for (const program of PROGRAM_NAMES) {
    const own = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.program === program);
    if (own.length === 0) {
      errors.push(`${path}.steps: no step of the ${program} program`);
      continue;
    }
    own.forEach(({ s, i }) => {
      if (s.target !== undefined && s.target >= own.length) errors.push(`${path}.steps[${i}].target: ${s.target} is past the end of the ${program} program (${own.length} steps)`);
    });
    const last = own[own.length - 1]!;
    if (program === 'exit' && !own.some(({ s }) => s.op === 'switch-idle' || s.op === 'switch-next')) errors.push(`${path}.steps: the exit program never switches away from the dead thread`);
    if (program !== 'exit' && last.s.op !== 'jump') errors.push(`${path}.steps[${last.i}]: the ${program} program must end with a jump (its thread never returns)`);
  }
}

/** Reads a model file's parsed JSON: the variants, or the errors (each naming its JSON path). */
export function readModelFile(json: unknown): { ok: true; model: ModelFile; variants: Variant[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!isObject(json)) return { ok: false, errors: ['(root): a model file is a JSON object'] };
  if (json['format'] !== MODEL_FORMAT) errors.push(`format: must be "${MODEL_FORMAT}"`);
  if (json['version'] !== MODEL_VERSION) errors.push(`version: ${JSON.stringify(json['version'])} is not supported (this reads version ${MODEL_VERSION})`);
  const variants = json['variants'];
  if (!Array.isArray(variants) || variants.length === 0) errors.push('variants: must be a non-empty array');
  const out: ModelFileVariant[] = [];
  (Array.isArray(variants) ? variants : []).forEach((v: unknown, k) => {
    const path = `variants[${k}]`;
    if (!isObject(v)) return void errors.push(`${path}: must be an object`);
    const n = errors.length;
    if (typeof v['name'] !== 'string' || !isVariantName(v['name'])) errors.push(`${path}.name: must be baseline, patched or lockless`);
    if (v['side'] !== 'old' && v['side'] !== 'new') errors.push(`${path}.side: must be "old" or "new"`);
    if (v['reapers'] !== 'one' && v['reapers'] !== 'per-cpu') errors.push(`${path}.reapers: must be "one" or "per-cpu"`);
    if (!Array.isArray(v['steps'])) return void errors.push(`${path}.steps: must be an array`);
    const steps = (v['steps'] as unknown[]).map((s, i) => checkStep(s, `${path}.steps[${i}]`, errors));
    if (errors.length > n) return;
    checkPrograms(steps as ModelStep[], path, errors);
    if (errors.length > n) return;
    const runnable = variantOfModel({ name: v['name'] as VariantName, side: v['side'] as 'old' | 'new', reapers: v['reapers'] as 'one' | 'per-cpu', steps: steps as ModelStep[] });
    for (const [program, own] of [['exit', assemble('exit', runnable.exitPath).steps], ['idle', runnable.idle.steps], ['reaper', runnable.reaper.steps]] as const) {
      const problem = subjectProblem(program, own);
      if (problem) errors.push(`${path}.steps: ${problem}`);
    }
    if (errors.length > n) return;
    out.push({ name: v['name'] as VariantName, side: v['side'] as 'old' | 'new', reapers: v['reapers'] as 'one' | 'per-cpu', steps: steps as ModelStep[] });
  });
  if (errors.length > 0) return { ok: false, errors };
  const model: ModelFile = { format: MODEL_FORMAT, version: MODEL_VERSION, source: json['source'] === 'code' || json['source'] === 'built-in' ? json['source'] : 'file', variants: out };
  return { ok: true, model, variants: out.map(variantOfModel) };
}

