/**
 * Translates C function bodies into step drafts (program.ts) through the table of kernel
 * primitives (kernel-primitives.ts). It follows what the model needs and no more: which thread
 * a variable holds (the dying thread itself, the dead thread being handled, the first of a
 * list, the idle thread, the next runnable one), which locks are held (so `if
 * (_kernel_lock_held())` and a lock released by a context switch are known), `while`/`for`/`if`
 * on list emptiness and on `P_THREAD`, and calls to other functions of the tree, inlined. Every
 * step keeps the file, side and line of its statement; whatever it cannot follow is listed
 * with its line and why, never dropped silently.
 */
import type { Node } from 'web-tree-sitter';
import { Op, PRIO, wakeupDrafts, type Draft, type SourceRef } from '../program';
import type { CFunctionsIndex, FunctionDefinition } from './c-functions-index';
import { parameterNames } from './c-functions-index';
import { declaredName } from '../../patch/c/c-declarators';
import { PRIMITIVES, SLEEP_PRIORITIES, type ObjectRef } from './kernel-primitives';
import { objectName } from '../model-objects';

/** A line of the exit path the model does not follow, and why. */
export interface NotUnderstood {
  /** The program the line was met in (set by derive-model.ts). */
  program?: ProgramKind;
  file: string;
  line: number;
  text: string;
  why: string;
}

/** A choice the translator made that the source does not settle (an unknown call's cost, a condition's outcome). */
export interface Assumption {
  file: string;
  line: number;
  text: string;
  what: string;
}

/** A statement that became no step, and why (bookkeeping, an assertion, work of the engine). */
export interface QuietLine {
  program?: ProgramKind;
  file: string;
  line: number;
  text: string;
  why: string;
}

export type ProgramKind = 'exit' | 'idle' | 'reaper';

/** What a variable holds, as far as the model cares. */
export type Value = 'self' | 'subject' | 'idle' | 'next' | 'null' | 'unknown' | { first: string };

type Cond =
  | { kind: 'const'; value: boolean }
  | { kind: 'list'; list: string; trueWhenEmpty: boolean }
  | { kind: 'thread'; trueWhenThread: boolean }
  | { kind: 'unknown' };

/** How a held lock is released: by a step, or by the engine itself (thread start, context switch). */
type Held = 'held' | 'implicit';

interface Frame {
  func: FunctionDefinition;
  vars: Map<string, Value>;
  /** Label a `return` jumps to (created on first use). */
  end: string | null;
}

/** Deepest chain of inlined calls followed. */
const MAX_INLINE = 16;

const firstLine = (node: Node): string => node.text.split('\n')[0]!.trim();

export class FunctionTranslator {
  readonly drafts: Draft[] = [];
  readonly notUnderstood: NotUnderstood[] = [];
  readonly assumptions: Assumption[] = [];
  readonly quiet: QuietLine[] = [];
  /** Statements visited (for "how much of the exit path was understood"). */
  statements = 0;
  /** The path has ended (the dead thread switched away, or panic). */
  stopped = false;
  readonly held = new Map<string, Held>();
  /** Functions translated, by name (with their file). */
  readonly visited = new Map<string, string>();
  private readonly frames: Frame[] = [];
  private pending: string[] = [];
  /** Labels already placed: a continuation translated twice (if P_THREAD) places its labels once. */
  private readonly placed = new Set<string>();
  private readonly aliases = new Map<string, string>();
  private labels = 0;
  private mainLoopSeen = false;
  private lastSrc: SourceRef | undefined;

  constructor(
    private readonly index: CFunctionsIndex,
    readonly program: ProgramKind,
    private readonly side: 'old' | 'new',
    private readonly labelPrefix: string,
  ) {}

  // ---- labels and emission ----------------------------------------------------------------

  label(): string {
    return `${this.labelPrefix}${++this.labels}`;
  }

  /** The next emitted step carries `label`. */
  place(label: string): void {
    if (this.placed.has(label)) return;
    this.placed.add(label);
    this.pending.push(label);
  }

  src(node: Node): SourceRef {
    const frame = this.frames[this.frames.length - 1];
    return { file: frame?.func.file ?? '', func: frame?.func.name ?? '', text: firstLine(node), line: node.startPosition.row + 1, side: this.side };
  }

  emit(draft: Draft): void {
    if (this.stopped) return;
    const [first, ...rest] = this.pending;
    this.pending = [];
    if (first !== undefined) {
      draft.label = first;
      for (const r of rest) this.aliases.set(r, first);
    }
    this.drafts.push(draft);
    this.lastSrc = draft.src;
  }

  jump(to: string, node: Node): void {
    this.emit({ op: Op.Jump, to_label: to, src: this.src(node) });
  }

  /** The drafts with label aliases resolved; labels still pending at the end are reported. */
  finish(): Draft[] {
    const resolve = (l: string): string => {
      let r = l;
      for (let i = 0; i < 64 && this.aliases.has(r); i++) r = this.aliases.get(r)!;
      return r;
    };
    return this.drafts.map((d) => ('to_label' in d ? { ...d, to_label: resolve(d.to_label) } : d));
  }

  /** Labels placed after the last step (a path that falls off the end of its program). */
  get dangling(): readonly string[] {
    return this.pending;
  }

  notUnderstand(node: Node, why: string): void {
    const frame = this.frames[this.frames.length - 1];
    this.notUnderstood.push({ file: frame?.func.file ?? '', line: node.startPosition.row + 1, text: firstLine(node), why });
  }

  assume(node: Node, what: string): void {
    const frame = this.frames[this.frames.length - 1];
    this.assumptions.push({ file: frame?.func.file ?? '', line: node.startPosition.row + 1, text: firstLine(node), what });
  }

  private hush(node: Node, why: string): void {
    const frame = this.frames[this.frames.length - 1];
    this.quiet.push({ file: frame?.func.file ?? '', line: node.startPosition.row + 1, text: firstLine(node), why });
  }

  // ---- functions --------------------------------------------------------------------------

  /** Translates `func`'s body with parameters bound to `args`; `k` continues after it. */
  enter(func: FunctionDefinition, args: Value[], k: () => void): void {
    const frame: Frame = { func, vars: new Map(), end: null };
    this.visited.set(func.name, func.file);
    parameterNames(func.node).forEach((name, i) => frame.vars.set(name, args[i] ?? 'unknown'));
    this.frames.push(frame);
    const body = func.node.childForFieldName('body');
    const done = (): void => {
      if (frame.end) this.place(frame.end);
      this.frames.pop();
      k();
    };
    if (body) this.block(body.namedChildren.filter((n): n is Node => !!n), 0, done);
    else done();
  }

  /** The body statements of `func` (for the drivers that pick parts of a function). */
  pushFrame(func: FunctionDefinition, vars: [string, Value][] = []): void {
    this.visited.set(func.name, func.file);
    this.frames.push({ func, vars: new Map(vars), end: null });
  }

  popFrame(): void {
    this.frames.pop();
  }

  private inlinedDepth(name: string): boolean {
    return this.frames.some((f) => f.func.name === name) || this.frames.length >= MAX_INLINE;
  }

  // ---- statements -------------------------------------------------------------------------

  block(nodes: readonly Node[], from: number, k: () => void): void {
    if (from >= nodes.length) return k();
    this.statement(nodes[from]!, () => this.block(nodes, from + 1, k));
  }

  statement(n: Node, k: () => void): void {
    if (this.stopped) return;
    const frame = this.frames[this.frames.length - 1]!;
    switch (n.type) {
      case 'compound_statement':
        return this.block(n.namedChildren.filter((c): c is Node => !!c), 0, k);
      case 'comment':
      case ';':
        return k();
      case 'expression_statement': {
        this.statements++;
        const e = n.namedChild(0);
        const before = this.drafts.length;
        if (e) this.expr(e, n);
        if (this.drafts.length === before && !this.quiet.some((q) => q.line === n.startPosition.row + 1 && q.file === frame.func.file)
          && !this.notUnderstood.some((q) => q.line === n.startPosition.row + 1 && q.file === frame.func.file)) this.hush(n, 'no step: no call the model counts');
        return k();
      }
      case 'declaration':
        this.statements++;
        for (const d of n.namedChildren) {
          if (!d || d.type !== 'init_declarator') continue;
          const name = declaredName(d.childForFieldName('declarator'));
          const value = d.childForFieldName('value');
          const v = value ? this.expr(value, n) : 'unknown';
          if (name) frame.vars.set(name, v);
        }
        return k();
      case 'if_statement':
        this.statements++;
        return this.ifStatement(n, k);
      case 'while_statement':
        this.statements++;
        return this.loop(n, n.childForFieldName('condition'), k);
      case 'for_statement': {
        this.statements++;
        const cond = n.childForFieldName('condition');
        if (n.childForFieldName('initializer') || n.childForFieldName('update')) {
          this.notUnderstand(n, 'a counting for loop: the model follows only for (;;)');
          return k();
        }
        return this.loop(n, cond, k);
      }
      case 'preproc_ifdef':
        return this.ifdef(n, k);
      case 'return_statement': {
        this.statements++;
        const value = n.namedChild(0);
        if (value) this.expr(value, n);
        if (this.frames.length <= 1) {
          this.notUnderstand(n, 'a return from the thread\'s own function: the model cannot follow the thread past it');
          this.stopped = true;
          return;
        }
        frame.end ??= this.label();
        this.jump(frame.end, n);
        return;
      }
      case 'ERROR':
        this.statements++;
        this.notUnderstand(n, 'the C parser could not read this (a kernel macro?)');
        return k();
      default:
        this.statements++;
        this.notUnderstand(n, `a ${n.type.replace(/_/g, ' ')}: the model cannot follow this`);
        return k();
    }
  }

  /** `#ifdef MULTIPROCESSOR` is taken (the model is a multiprocessor); other conditions are taken and listed. */
  private ifdef(n: Node, k: () => void): void {
    const negated = n.child(0)?.type === '#ifndef';
    const name = n.childForFieldName('name')?.text ?? '';
    const alternative = n.childForFieldName('alternative');
    const body = n.namedChildren.filter((c): c is Node => !!c && c.id !== n.childForFieldName('name')?.id && c.id !== alternative?.id);
    if (name !== 'MULTIPROCESSOR') this.assume(n, `#${negated ? 'ifndef' : 'ifdef'} ${name}: the model takes ${negated ? 'the #else part' : 'this part'}`);
    const take = negated ? (alternative?.namedChildren.filter((c): c is Node => !!c) ?? []) : body;
    this.block(take, 0, k);
  }

  private snapshot(): () => void {
    const frames = [...this.frames];
    const vars = this.frames.map((f) => new Map(f.vars));
    const held = new Map(this.held);
    const stopped = this.stopped;
    return () => {
      this.frames.splice(0, this.frames.length, ...frames);
      this.frames.forEach((f, i) => {
        f.vars.clear();
        for (const [key, v] of vars[i] ?? []) f.vars.set(key, v);
      });
      this.held.clear();
      for (const [key, v] of held) this.held.set(key, v);
      this.stopped = stopped;
    };
  }

  private lastIsJump(): boolean {
    const last = this.drafts[this.drafts.length - 1];
    return this.stopped || (this.pending.length === 0 && !!last && last.op === Op.Jump);
  }

  private ifStatement(n: Node, k: () => void): void {
    const condition = n.childForFieldName('condition');
    const then = n.childForFieldName('consequence');
    const otherwise = n.childForFieldName('alternative')?.namedChildren.find((c): c is Node => !!c) ?? null;
    const c = condition ? this.cond(condition, n) : { kind: 'unknown' as const };
    const run = (branch: Node | null, next: () => void): void => (branch ? this.statement(branch, next) : next());
    switch (c.kind) {
      case 'const':
        return run(c.value ? then : otherwise, k);
      case 'thread': {
        // both outcomes carry the rest of the path (the reaper's loop tail differs per branch)
        const [whenThread, whenNot] = c.trueWhenThread ? [then, otherwise] : [otherwise, then];
        const thread = this.label();
        let join: string | null = null;
        this.emit({ op: Op.JumpIfThread, to_label: thread, src: this.src(n) });
        const restore = this.snapshot();
        run(whenNot, k);
        const stoppedNot = this.stopped;
        if (!this.lastIsJump()) this.jump((join = this.label()), n);
        restore();
        this.place(thread);
        run(whenThread, k);
        this.stopped = this.stopped && stoppedNot;
        if (join) this.place(join);
        return;
      }
      case 'list': {
        // if (C) A else B: jump to B when C is false
        const orElse = this.label();
        const end = this.label();
        this.emit({ op: c.trueWhenEmpty ? Op.JumpIfNotEmpty : Op.JumpIfEmpty, list: c.list, to_label: orElse, src: this.src(n) });
        const restore = this.snapshot();
        run(then, () => undefined);
        const thenStopped = this.stopped;
        if (otherwise) this.jump(end, n);
        restore();
        this.place(orElse);
        run(otherwise, () => undefined);
        this.stopped = this.stopped && thenStopped;
        this.place(end);
        return k();
      }
      case 'unknown': {
        const before = this.drafts.length;
        const restore = this.snapshot();
        run(then, () => undefined);
        if (this.drafts.length > before) this.assume(n, 'a condition the model does not evaluate: it always takes this branch');
        if (otherwise) {
          const after = this.drafts.length;
          const keep = this.snapshot();
          const nuBefore = this.notUnderstood.length;
          run(otherwise, () => undefined);
          if (this.drafts.length > after) {
            this.drafts.length = after;
            this.notUnderstood.length = nuBefore;
            keep();
            this.notUnderstand(otherwise, 'the other branch of a condition the model does not evaluate: left out');
          }
        }
        void restore;
        return k();
      }
    }
  }

  private loop(n: Node, condition: Node | null, k: () => void): void {
    const c: Cond = condition ? this.cond(condition, n) : { kind: 'const', value: true };
    const body = n.childForFieldName('body');
    if (c.kind === 'const' && !c.value) return k();
    const check = this.label();
    if (c.kind === 'const') {
      const main = this.program === 'reaper' && !this.mainLoopSeen && this.frames.length === 1;
      this.mainLoopSeen = true;
      this.place(check);
      const tail = (): void => {
        if (main && this.drafts.some((d) => d.op === Op.Remove) && this.lastSrc) this.emit({ op: Op.ReapMark, src: this.lastSrc });
        this.jump(check, n);
      };
      return body ? this.statement(body, tail) : tail();
    }
    if (c.kind === 'list') {
      const after = this.label();
      this.place(check);
      this.emit({ op: c.trueWhenEmpty ? Op.JumpIfNotEmpty : Op.JumpIfEmpty, list: c.list, to_label: after, src: this.src(n) });
      const next = (): void => {
        this.jump(check, n);
        this.place(after);
        k();
      };
      return body ? this.statement(body, next) : next();
    }
    if (body && /\bcpu_idle_cycle\s*\(/.test(body.text)) {
      // the idle thread's halt loop: one IdleWait step halts until there is work
      return this.statement(body, k);
    }
    this.notUnderstand(n, 'a loop on a condition the model does not evaluate: its body is followed once');
    return body ? this.statement(body, k) : k();
  }

  // ---- conditions -------------------------------------------------------------------------

  private cond(node: Node, stmt: Node): Cond {
    switch (node.type) {
      case 'parenthesized_expression':
      case 'condition_clause': {
        const inner = node.namedChildren.find((c): c is Node => !!c && c.type !== 'comment');
        return inner ? this.cond(inner, stmt) : { kind: 'unknown' };
      }
      case 'unary_expression':
        if (node.child(0)?.type === '!') {
          const arg = node.childForFieldName('argument');
          return arg ? negate(this.cond(arg, stmt)) : { kind: 'unknown' };
        }
        return { kind: 'unknown' };
      case 'number_literal':
        return { kind: 'const', value: Number(node.text.replace(/[uUlL]+$/, '')) !== 0 };
      case 'true':
        return { kind: 'const', value: true };
      case 'false':
        return { kind: 'const', value: false };
      case 'binary_expression': {
        const op = node.child(1)?.type ?? '';
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return { kind: 'unknown' };
        if (op === '==' || op === '!=') {
          const zero = (x: Node): boolean => x.type === 'null' || x.text === 'NULL' || x.text === '0';
          const other = zero(right) ? left : zero(left) ? right : null;
          if (!other) return { kind: 'unknown' };
          const c = this.cond(other, stmt);
          return op === '==' ? negate(c) : c;
        }
        if (op === '&') return flagTest(left, right, this, stmt) ?? flagTest(right, left, this, stmt) ?? { kind: 'unknown' };
        if (op === '&&' || op === '||') {
          const a = this.cond(left, stmt);
          const b = this.cond(right, stmt);
          if (a.kind === 'const' && b.kind === 'const') return { kind: 'const', value: op === '&&' ? a.value && b.value : a.value || b.value };
        }
        return { kind: 'unknown' };
      }
      case 'assignment_expression': {
        const v = this.expr(node, stmt);
        const right = node.childForFieldName('right');
        return right ? this.cond(right, stmt) : truth(v);
      }
      case 'call_expression': {
        const name = node.childForFieldName('function')?.text ?? '';
        const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
        const prim = PRIMITIVES[name];
        if (prim?.kind === 'first' || prim?.kind === 'empty') {
          const list = args[prim.head] ? objectName(args[prim.head]!.text) : null;
          return list ? { kind: 'list', list, trueWhenEmpty: prim.kind === 'empty' } : { kind: 'unknown' };
        }
        if (name === '_kernel_lock_held') return { kind: 'const', value: this.held.has('kernel_lock') };
        if (name === 'ISSET' && args.length === 2) return flagTest(args[0]!, args[1]!, this, stmt) ?? { kind: 'unknown' };
        return { kind: 'unknown' };
      }
      default: {
        const v = this.expr(node, stmt);
        return truth(v);
      }
    }
  }

  // ---- expressions and calls --------------------------------------------------------------

  /** What `node` evaluates to; calls in it are translated (steps emitted for `stmt`). */
  expr(node: Node, stmt: Node): Value {
    const frame = this.frames[this.frames.length - 1]!;
    switch (node.type) {
      case 'call_expression':
        return this.call(node, stmt);
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const v = right ? this.expr(right, stmt) : 'unknown';
        if (left?.type === 'identifier' && node.child(1)?.type === '=') frame.vars.set(left.text, v);
        return v;
      }
      case 'identifier':
        if (node.text === 'NULL') return 'null';
        return frame.vars.get(node.text) ?? 'unknown';
      case 'null':
        return 'null';
      case 'field_expression': {
        const field = node.childForFieldName('field')?.text;
        const arg = node.childForFieldName('argument');
        if (field === 'spc_idleproc') return 'idle';
        if (field === 'p_p' && arg) return this.expr(arg, stmt);
        if (arg) this.expr(arg, stmt);
        return 'unknown';
      }
      case 'parenthesized_expression':
      case 'pointer_expression':
      case 'cast_expression': {
        const inner = node.childForFieldName('argument') ?? node.childForFieldName('value') ?? node.namedChildren.find((c): c is Node => !!c) ?? null;
        return inner ? this.expr(inner, stmt) : 'unknown';
      }
      default:
        for (const c of node.namedChildren) if (c) this.expr(c, stmt);
        return 'unknown';
    }
  }

  private objectOf(ref: ObjectRef, args: readonly Node[], stmt: Node): string | null {
    if ('name' in ref) return ref.name;
    const arg = args[ref.arg];
    const name = arg ? objectName(arg.text) : null;
    if (!name) this.notUnderstand(stmt, `cannot tell which object argument ${ref.arg + 1} names`);
    return name;
  }

  private lock(name: string, stmt: Node): void {
    this.emit({ op: Op.Lock, lock: name, src: this.src(stmt) });
    this.held.set(name, 'held');
  }

  private unlock(name: string, stmt: Node): void {
    const h = this.held.get(name);
    if (h === 'implicit') this.hush(stmt, `no step: ${name} is not held in the model here (the thread starts without it, or the context switch released it)`);
    else if (h === 'held') this.emit({ op: Op.Unlock, lock: name, src: this.src(stmt) });
    else this.notUnderstand(stmt, `releases ${name}, which the model does not hold here`);
    this.held.delete(name);
  }

  private call(node: Node, stmt: Node): Value {
    const name = node.childForFieldName('function')?.text ?? '';
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const values = (): Value[] => args.map((a) => this.expr(a, stmt));
    const prim = PRIMITIVES[name];
    const at = this.src(stmt);
    if (prim) {
      switch (prim.kind) {
        case 'lock': {
          const o = this.objectOf(prim.object, args, stmt);
          if (o) this.lock(o, stmt);
          return 'unknown';
        }
        case 'unlock': {
          const o = this.objectOf(prim.object, args, stmt);
          if (o) this.unlock(o, stmt);
          return 'unknown';
        }
        case 'release-all': {
          const o = this.objectOf(prim.object, args, stmt);
          if (o && this.held.has(o)) this.unlock(o, stmt);
          return 'unknown';
        }
        case 'sleep': {
          const chan = args[prim.chan] ? objectName(args[prim.chan]!.text) : null;
          const lock = prim.lock === null ? null : args[prim.lock] ? objectName(args[prim.lock]!.text) : null;
          const prioText = args[prim.prio]?.text ?? '';
          const prioName = /\b[A-Z]\w*\b/.exec(prioText)?.[0] ?? '';
          let prio = SLEEP_PRIORITIES[prioName];
          if (prio === undefined) {
            this.assume(stmt, `sleep priority ${JSON.stringify(prioText)} unknown: PWAIT assumed`);
            prio = PRIO.PWAIT;
          }
          if (!chan) {
            this.notUnderstand(stmt, 'cannot tell which wait channel it sleeps on');
            return 'unknown';
          }
          this.emit({ op: Op.Lock, lock: 'sched_lock', src: at });
          if (lock && lock !== 'NULL') {
            this.emit({ op: Op.Unlock, lock, src: at });
            this.held.delete(lock);
          }
          this.emit({ op: Op.Sleep, chan, prio, src: at });
          if (lock && lock !== 'NULL') this.lock(lock, stmt);
          return 'unknown';
        }
        case 'wakeup': {
          const chan = args[prim.chan] ? objectName(args[prim.chan]!.text) : null;
          if (!chan) this.notUnderstand(stmt, 'cannot tell which wait channel it wakes');
          else for (const d of wakeupDrafts(chan, prim.all, at)) this.emit(d);
          return 'unknown';
        }
        case 'peg':
          this.emit({ op: Op.Peg, src: at });
          return 'unknown';
        case 'switch': {
          const to = prim.to === null ? 'next' : (args[prim.to] ? this.expr(args[prim.to]!, stmt) : 'unknown');
          if (!this.held.has('sched_lock')) {
            this.assume(stmt, 'switches without SCHED_LOCK in the model: the lock is taken first');
            this.lock('sched_lock', stmt);
          }
          if (to !== 'idle' && to !== 'next') this.assume(stmt, 'switches to a thread the model cannot name: the next runnable one');
          this.emit({ op: Op.Switch, to: to === 'idle' ? 'idle' : 'next', src: at });
          this.held.delete('sched_lock');
          if (this.program === 'exit') this.stopped = true;
          else this.held.set('sched_lock', 'implicit');
          return 'unknown';
        }
        case 'insert': {
          const list = args[prim.head] ? objectName(args[prim.head]!.text) : null;
          const v = args[prim.elm] ? this.expr(args[prim.elm]!, stmt) : 'unknown';
          if (!list || (v !== 'self' && v !== 'subject')) {
            this.notUnderstand(stmt, !list ? 'cannot tell which list' : 'inserts a thread the model cannot name (neither the dying thread nor the one being reaped)');
            return 'unknown';
          }
          this.emit({ op: Op.Insert, list, ...(v === 'self' ? { self: true } : {}), src: at });
          return 'unknown';
        }
        case 'remove': {
          const elm = prim.elm === null ? null : args[prim.elm] ?? null;
          const v = elm ? this.expr(elm, stmt) : 'unknown';
          const list = prim.head !== null && args[prim.head] ? objectName(args[prim.head]!.text) : typeof v === 'object' ? v.first : null;
          if (!list) {
            this.notUnderstand(stmt, 'removes a thread from a list the model cannot tell');
            return 'unknown';
          }
          this.emit({ op: Op.Remove, list, src: at });
          for (const f of this.frames) for (const [key, val] of f.vars) if (typeof val === 'object' && val.first === list) f.vars.set(key, 'subject');
          if (elm?.type === 'identifier') this.frames[this.frames.length - 1]!.vars.set(elm.text, 'subject');
          return 'subject';
        }
        case 'first': {
          const list = args[prim.head] ? objectName(args[prim.head]!.text) : null;
          return list ? { first: list } : 'unknown';
        }
        case 'empty':
          return 'unknown';
        case 'work': {
          const ofSubject = values().some((v) => v === 'subject');
          this.emit({ op: Op.Work, cost: prim.cost, ...(ofSubject ? { ofSubject: true } : {}), src: at });
          return 'unknown';
        }
        case 'zombie':
          this.emit({ op: Op.Zombie, src: at });
          return 'unknown';
        case 'exit': {
          this.emit({ op: Op.ExitMark, src: at });
          const next = this.index.functions.get('sched_exit');
          if (!next) this.notUnderstand(stmt, 'cpu_exit() goes on in sched_exit(), which the tree does not define');
          else this.enter(next, ['self'], () => undefined);
          return 'unknown';
        }
        case 'idle-cycle':
          if (this.program !== 'idle') this.notUnderstand(stmt, 'cpu_idle_cycle() outside the idle thread');
          else this.emit({ op: Op.IdleWait, src: at });
          return 'unknown';
        case 'choose-next':
          return 'next';
        case 'ignore':
          values();
          this.hush(stmt, `no step: ${prim.why}`);
          return 'unknown';
        case 'ends':
          this.hush(stmt, 'the path ends here (panic)');
          this.stopped = true;
          return 'unknown';
      }
    }
    const defined = this.index.functions.get(name);
    if (defined && !this.inlinedDepth(name)) {
      this.enter(defined, values(), () => undefined);
      return 'unknown';
    }
    if (name === '' || node.childForFieldName('function')?.type !== 'identifier') {
      this.notUnderstand(stmt, 'a call through a pointer or macro the model cannot follow');
      return 'unknown';
    }
    const ofSubject = values().some((v) => v === 'subject');
    this.assume(stmt, `${name}() is not in the table of kernel primitives nor defined in the tree: work of the unknownCall cost`);
    this.emit({ op: Op.Work, cost: 'unknownCall', ...(ofSubject ? { ofSubject: true } : {}), src: at });
    return 'unknown';
  }
}

function negate(c: Cond): Cond {
  switch (c.kind) {
    case 'const':
      return { kind: 'const', value: !c.value };
    case 'list':
      return { ...c, trueWhenEmpty: !c.trueWhenEmpty };
    case 'thread':
      return { ...c, trueWhenThread: !c.trueWhenThread };
    case 'unknown':
      return c;
  }
}

/** A pointer's truth: a list's first element is there when the list is not empty. */
function truth(v: Value): Cond {
  if (typeof v === 'object') return { kind: 'list', list: v.first, trueWhenEmpty: false };
  if (v === 'null') return { kind: 'const', value: false };
  if (v === 'unknown') return { kind: 'unknown' };
  return { kind: 'const', value: true };
}

/**
 * `x & FLAG` or `ISSET(x, FLAG)`: P_THREAD is the subject being a thread; PS_ZOMBIE / PS_NOZOMBIE
 * follow the workloads, whose processes are waited for by their parent (an assumption, listed).
 */
function flagTest(value: Node, flag: Node, t: FunctionTranslator, stmt: Node): Cond | null {
  const f = flag.text.trim();
  if (f === 'P_THREAD') return { kind: 'thread', trueWhenThread: true };
  if (f === 'PS_ZOMBIE' || f === 'PS_NOZOMBIE') {
    t.assume(stmt, `${f}: processes are waited for by their parent (zombies), as in the workloads`);
    return { kind: 'const', value: f === 'PS_ZOMBIE' };
  }
  void value;
  return null;
}
