/**
 * Derives an exit-path variant from the C source of a tree (DESIGN.md "The exit path"): the
 * dying thread's path from `exit1` through `cpu_exit` into `sched_exit` and what it calls, the
 * idle thread's loop (`sched_idle`), the reaper (the function `kthread_create(reaper, ...)`
 * starts) and where reapers are created (once in `main()`, or per CPU in
 * `sched_kthreads_create()`). Each function is translated by {@link FunctionTranslator}.
 *
 * Model conventions (the engine's, which the built-in programs follow too): the system call
 * entry takes the kernel lock and `exit1` up to `cpu_exit` is one piece of work (its `exit1`
 * cost); a kernel thread starts without the kernel lock (its leading KERNEL_UNLOCK is no
 * step); the idle thread's program starts where it resumes after its own `mi_switch()` and runs
 * its loop from there (what comes before the loop runs once at boot); the reaper's main loop
 * ends with the dead thread reaped.
 */
import type { Node, Parser } from 'web-tree-sitter';
import { assemble, Op, type Draft, type Program, type Step } from '../program';
import { subjectProblem } from './subject-check';
import type { Variant, VariantName } from '../variants';
import { indexCFunctions, parameterNames, type CFunctionsIndex, type CSourceFile, type FunctionDefinition } from './c-functions-index';
import { FunctionTranslator, type Assumption, type NotUnderstood, type ProgramKind, type QuietLine } from './function-translator';

export interface DerivedProgram {
  kind: ProgramKind;
  /** Where it starts: `file`, function. */
  file: string;
  func: string;
  drafts: Draft[];
}

export interface DerivedModel {
  name: VariantName;
  side: 'old' | 'new';
  /** The runnable variant, or null when a part could not be derived (see `problems`). */
  variant: Variant | null;
  programs: DerivedProgram[];
  reapers: 'one' | 'per-cpu' | null;
  /** Where the reapers are created. */
  reaperSites: { file: string; func: string; line: number; text: string }[];
  notUnderstood: NotUnderstood[];
  assumptions: Assumption[];
  /** Statements that became no step, with why. */
  quiet: QuietLine[];
  /** Statements of the exit path visited, and how many of them the model did not understand. */
  statements: number;
  /** Why there is no runnable variant (empty when there is one). */
  problems: string[];
  /** The functions of the exit path the model was read from, with their files. */
  functions: { file: string; func: string }[];
}

const firstLine = (node: Node): string => node.text.split('\n')[0]!.trim();

function exitProgram(idx: CFunctionsIndex, side: 'old' | 'new', problems: string[]): FunctionTranslator {
  const t = new FunctionTranslator(idx, 'exit', side, 'x');
  const exit1 = idx.functions.get('exit1');
  if (!exit1) {
    problems.push('exit1() is not defined in the tree');
    return t;
  }
  const self = parameterNames(exit1.node)[0];
  t.pushFrame(exit1, self ? [[self, 'self']] : []);
  const line = exit1.node.startPosition.row + 1;
  const head = exit1.node.text.split('\n').find((l) => /\bexit1\s*\(/.test(l))?.trim() ?? 'exit1(...)';
  const headLine = line + exit1.node.text.split('\n').findIndex((l) => /\bexit1\s*\(/.test(l));
  t.emit({ op: Op.Lock, lock: 'kernel_lock', src: { file: exit1.file, func: 'exit1', text: 'KERNEL_LOCK() at system call entry (mi_syscall)', line: headLine, side } });
  t.held.set('kernel_lock', 'held');
  t.emit({ op: Op.Work, cost: 'exit1', src: { file: exit1.file, func: 'exit1', text: head, line: headLine, side } });
  const cpuExit = exit1.node.descendantsOfType('call_expression').find((c) => c?.childForFieldName('function')?.text === 'cpu_exit');
  const stmt = cpuExit?.parent?.type === 'expression_statement' ? cpuExit.parent : cpuExit;
  if (!stmt) problems.push('exit1() does not call cpu_exit()');
  else t.statement(stmt, () => undefined);
  t.popFrame();
  if (stmt && !t.stopped) problems.push('the exit path does not switch away from the dead thread');
  return t;
}

const isForever = (n: Node): boolean =>
  (n.type === 'while_statement' && /^\(\s*(?:1|true)\s*\)$/.test(n.childForFieldName('condition')?.text ?? ''))
  || (n.type === 'for_statement' && !n.childForFieldName('condition') && !n.childForFieldName('initializer'));
const children = (n: Node | null): Node[] => (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');

function idleProgram(idx: CFunctionsIndex, side: 'old' | 'new', problems: string[]): FunctionTranslator {
  const t = new FunctionTranslator(idx, 'idle', side, 'i');
  const idle = idx.functions.get('sched_idle');
  if (!idle) {
    problems.push('sched_idle() is not defined in the tree');
    return t;
  }
  t.pushFrame(idle);
  const body = children(idle.node.childForFieldName('body'));
  const mainAt = body.findIndex(isForever);
  const main = body[mainAt];
  const loopBody = children(main?.childForFieldName('body') ?? null);
  const wAt = loopBody.findIndex((n) => n.type === 'while_statement' && /!\s*cpu_is_idle\s*\(/.test(n.childForFieldName('condition')?.text ?? ''));
  const w = loopBody[wAt];
  const wBody = children(w?.childForFieldName('body') ?? null);
  const sAt = wBody.findIndex((n) => /\b(?:mi_switch|cpu_switchto)\s*\(/.test(n.text));
  if (!main || !w || sAt < 0) {
    problems.push('sched_idle(): no `while (1)` loop with `while (!cpu_is_idle(...))` around a mi_switch() (the idle loop the model knows)');
    t.popFrame();
    return t;
  }
  for (const n of body.slice(0, mainAt)) t.quiet.push({ file: idle.file, line: n.startPosition.row + 1, text: firstLine(n), why: 'runs once when the idle thread starts (the model starts in its loop)' });
  // The idle thread resumes after its mi_switch(): run from there, then halt, then switch.
  t.held.set('sched_lock', 'implicit');
  const top = t.label();
  t.place(top);
  const seq = [...wBody.slice(sAt + 1), ...loopBody.slice(wAt + 1), ...loopBody.slice(0, wAt), ...wBody.slice(0, sAt + 1)];
  t.block(seq, 0, () => t.jump(top, w));
  t.popFrame();
  return t;
}

interface ReaperSites {
  func: FunctionDefinition | null;
  reapers: 'one' | 'per-cpu' | null;
  sites: DerivedModel['reaperSites'];
}

/** `kthread_create(reaper, arg, ...)`: per CPU when made in sched_kthreads_create() or given a cpu_info, else one. */
function reaperSites(idx: CFunctionsIndex, problems: string[], notUnderstood: NotUnderstood[]): ReaperSites {
  const creates = idx.kthreadCreates.filter((c) => /^reaper\w*$/.test(c.node.childForFieldName('arguments')?.namedChild(0)?.text ?? ''));
  if (creates.length === 0) {
    problems.push('no kthread_create(reaper, ...) in the tree: where the reapers start is unknown');
    return { func: null, reapers: null, sites: [] };
  }
  const kinds = creates.map((c) => {
    const arg = c.node.childForFieldName('arguments')?.namedChild(1)?.text ?? '';
    return c.func === 'sched_kthreads_create' || /^ci$|cpu_info/.test(arg) ? 'per-cpu' as const : 'one' as const;
  });
  const sites = creates.map((c) => ({ file: c.file, func: c.func, line: c.node.startPosition.row + 1, text: firstLine(c.node) }));
  if (new Set(kinds).size > 1) {
    for (const s of sites) notUnderstood.push({ ...s, why: 'reapers are created both once and per CPU: the model takes the per-CPU ones' });
  }
  const name = creates[0]!.node.childForFieldName('arguments')!.namedChild(0)!.text;
  const func = idx.functions.get(name) ?? null;
  if (!func) problems.push(`${name}() is started by kthread_create but not defined in the tree`);
  return { func, reapers: kinds.includes('per-cpu') ? 'per-cpu' : 'one', sites };
}

function reaperProgram(idx: CFunctionsIndex, side: 'old' | 'new', func: FunctionDefinition | null): FunctionTranslator {
  const t = new FunctionTranslator(idx, 'reaper', side, 'r');
  if (!func) return t;
  t.held.set('kernel_lock', 'implicit');
  t.enter(func, [], () => undefined);
  return t;
}

function program(kind: ProgramKind, t: FunctionTranslator, func: FunctionDefinition | null | undefined, problems: string[]): DerivedProgram {
  const drafts = t.finish();
  const last = drafts[drafts.length - 1];
  if (func && kind !== 'exit' && drafts.length > 0 && (t.dangling.length > 0 || last?.op !== Op.Jump)) {
    problems.push(`${func.name}(): the ${kind} program can run off its end (the thread's function returns)`);
  }
  if (func && drafts.length === 0) problems.push(`${func.name}(): no step derived for the ${kind} program`);
  const subject = subjectProblem(kind, drafts as Step[]);
  if (subject) problems.push(subject);
  return { kind, file: func?.file ?? '', func: func?.name ?? '', drafts };
}

/** Derives the variant the files implement (`side` says which image they are). */
export function deriveModel(parser: Parser, files: readonly CSourceFile[], name: VariantName, side: 'old' | 'new'): DerivedModel {
  const idx = indexCFunctions(parser, files);
  try {
    return deriveFromIndex(idx, name, side);
  } finally {
    idx.dispose();
  }
}

export function deriveFromIndex(idx: CFunctionsIndex, name: VariantName, side: 'old' | 'new'): DerivedModel {
  const problems: string[] = [];
  const siteNotes: NotUnderstood[] = [];
  const sites = reaperSites(idx, problems, siteNotes);
  const exit = exitProgram(idx, side, problems);
  const idle = idleProgram(idx, side, problems);
  const reaper = reaperProgram(idx, side, sites.func);
  const programs = [
    program('exit', exit, idx.functions.get('exit1'), problems),
    program('idle', idle, idx.functions.get('sched_idle'), problems),
    program('reaper', reaper, sites.func, problems),
  ];
  const all = [exit, idle, reaper];
  let variant: Variant | null = null;
  if (problems.length === 0 && sites.reapers) {
    try {
      assemble(`${name} exit path`, programs[0]!.drafts);
      variant = {
        name, side, reapers: sites.reapers, exitPath: programs[0]!.drafts,
        idle: assemble(`${name} idle`, programs[1]!.drafts), reaper: assemble(`${name} reaper`, programs[2]!.drafts), summary: [],
      };
    } catch (error) {
      problems.push(`the derived programs do not assemble: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    name, side, variant, programs, reapers: sites.reapers, reaperSites: sites.sites,
    notUnderstood: [...siteNotes, ...all.flatMap((t) => t.notUnderstood.map((n) => ({ ...n, program: t.program })))],
    assumptions: all.flatMap((t) => t.assumptions),
    quiet: all.flatMap((t) => t.quiet.map((q) => ({ ...q, program: t.program }))),
    statements: all.reduce((n, t) => n + t.statements, 0),
    problems,
    functions: [...new Map(all.flatMap((t) => [...t.visited])).entries()].map(([func, file]) => ({ file, func })),
  };
}

/** The steps of a derived program once assembled (jump targets resolved). */
export function assembledSteps(p: DerivedProgram): Program['steps'] {
  return assemble(p.kind, p.drafts).steps;
}
