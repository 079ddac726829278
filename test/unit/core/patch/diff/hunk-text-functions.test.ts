import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { functionNameAt, functionNameOf } from '../../../../../src/core/patch/diff/hunk-text-functions';

/** The rule as regular expressions (how it was first written): the hand-written reader must agree with it. */
function reference(text: string): string | null {
  if (!/^[A-Za-z_]/.test(text)) return null;
  const trimmed = text.trimEnd();
  const paren = trimmed.indexOf('(');
  if (paren < 0 || trimmed.endsWith(';')) return null;
  const before = trimmed.slice(0, paren);
  const name = /^[A-Za-z_][\w\s*]*$/.test(before) ? /([A-Za-z_]\w*)\s*$/.exec(before)?.[1] : undefined;
  if (name === undefined || ['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else'].includes(name)) return null;
  const after = trimmed.slice(paren + 1);
  return /\)\s*(?:\{\s*)?$|,\s*$/.test(after) || !after.includes(')') ? name : null;
}

test('BSD kernel definition lines, prototypes, declarations and macros', () => {
  const cases: [string, string | null][] = [
    ['sched_idle(void *v)', 'sched_idle'], ['static struct proc *\tsched_steal_proc(struct cpu_info *self)  ', 'sched_steal_proc'],
    ['exit1(struct proc *p, int xexit, int xsig,', 'exit1'], ['reaper(void *arg) {', 'reaper'], ['reaper(void *arg)\u00a0{ ', 'reaper'],
    ['void', null], ['struct plimit limit0;', null], ['void proc_free(struct proc *);', null], ['TAILQ_HEAD(, proc) q', null],
    ['if (x)', null], ['int 9lives(void)', 'lives'], ['int f9(void)', 'f9'], ['foo *(bar)', null], ['x(', 'x'], ['', null], [' main()', null],
  ];
  for (const [text, name] of cases) assert.equal(functionNameOf(text), name, text);
});

test('header texts: definitions yes, declarations, prototypes and macros no', () => {
  assert.equal(functionNameOf('exit1(struct proc *p, int xexit, int xsig, int flags)'), 'exit1');
  assert.equal(functionNameOf('reaper(void *arg)'), 'reaper');
  assert.equal(functionNameOf('static struct proc *sched_steal_proc(struct cpu_info *self)'), 'sched_steal_proc');
  assert.equal(functionNameOf('sched_proc_to_cpu_cost(struct cpu_info *ci, struct proc *p,'), 'sched_proc_to_cpu_cost');
  assert.equal(functionNameOf('struct\tplimit limit0;'), null);
  assert.equal(functionNameOf('int\twakeup_proc(struct proc *, int);'), null);
  assert.equal(functionNameOf('void'), null);
  assert.equal(functionNameOf('TAILQ_HEAD(, proc) sched_deferred = TAILQ_HEAD_INITIALIZER(sched_deferred);'), null);
  assert.equal(functionNameOf('#ifdef MULTIPROCESSOR'), null);
  assert.equal(functionNameOf(''), null);
});

test('reads a line inside a larger text without looking past its end', () => {
  const text = '+\tif (x)\n+reaper(void *arg\n+{\n';
  const start = text.indexOf('reaper');
  assert.equal(functionNameAt(text, start, text.indexOf('\n', start)), 'reaper', 'the `)` of a later line does not count');
  assert.equal(functionNameAt(text, 2, text.indexOf('\n')), null);
});

test('agrees with the regular expressions on generated C-like lines', () => {
  const piece = fc.constantFrom('static', 'int', 'void', 'struct', 'proc', '*', ' ', '\t', '\u00a0', '\u2028', '(', ')', ',', '{', ';', 'if', 'x9', '9', '_', 'a', 'TAILQ_HEAD', '(void *v)', '\r');
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.string({ maxLength: 4 }), (pieces, tail) => {
    const line = pieces.join('') + tail;
    assert.equal(functionNameOf(line), reference(line), JSON.stringify(line));
    const framed = `x(1)\n${line}\n) )`;
    assert.equal(functionNameAt(framed, 5, 5 + line.length), reference(line), `framed ${JSON.stringify(line)}`);
  }), { numRuns: 30000 });
});
