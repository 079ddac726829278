import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignQuote, keyOf } from '../../../../../src/core/patch/mail/quote-alignment';

/** Each reply line's answered line (the first of its pair), or -1 when it is not aligned. */
function placed(reply: readonly string[], answered: readonly string[]): number[] {
  const a = alignQuote(reply, answered);
  return reply.map((_, i) => {
    const pair = a.pairs[a.pairOfReply[i]!];
    return pair ? pair.answered : -1;
  });
}

test('keys: quote depth and the text without white space; snip marks at any depth', () => {
  assert.deepEqual(keyOf('> >  \tfoo ( x );'), { depth: 2, key: 'foo(x);', snip: false });
  assert.deepEqual(keyOf('> [...]'), { depth: 1, key: '[...]', snip: true });
  assert.deepEqual(keyOf('<snip>'), { depth: 0, key: '<snip>', snip: true });
  assert.deepEqual(keyOf('>'), { depth: 1, key: '', snip: false });
});

test('a quote with its lines trimmed, tabs turned to spaces and a lost leading space aligns line by line', () => {
  const answered = ['Fix the reaper.', '', '@@ -1,3 +1,3 @@', ' \tint s;', '-\told();', '+\tnew();'];
  const reply = ['> @@ -1,3 +1,3 @@', '> int s;', '> -        old();', 'Why?', '> +\tnew();'];
  // Reply line 0 is answered line 2, 1 is 3 (leading space lost), 2 is 4 (tab as spaces), the comment none, 4 is 5.
  assert.deepEqual(placed(reply, answered), [2, 3, 4, -1, 5]);
});

test('a long line wrapped by the client (tail unquoted, or split at a quoted-printable soft break) is one pair', () => {
  const answered = [' \tstruct schedstate_percpu *spc = &curcpu()->ci_schedstate, *other;', ' \tint s;'];
  const unquotedTail = ['>  \tstruct schedstate_percpu *spc = &curcpu()->ci_schedstate,', '*other;', '>  \tint s;'];
  assert.deepEqual(placed(unquotedTail, answered), [0, 0, 1]);
  const softBreak = ['>  \tstruct schedstate_percpu *spc = &curcpu()->ci_sc=', 'hedstate, *other;', '>  \tint s;'];
  assert.deepEqual(placed(softBreak, answered), [0, 0, 1]);
});

test('a run ending in a line that reads the same later stays whole when a snip marks the cut after it', () => {
  // Shrunk from a generated reply to a diff of hunk-text-functions.ts: the quote keeps
  // `+this.found.length = 0;` .. `}` and the blank context line after it (answered 1..5), snips,
  // and quotes one of the two blank lines at the end (answered 11 or 12). Aligning `}` with the
  // later ` }` (answered 10) and both blank quote lines with 11 and 12 also makes two gaps; the
  // snip mark says where the cut is.
  const answered = [
    '@@ -55,5 +55,9 @@', '+    this.found.length = 0;', '     this.current = functionNameOf(header);', '     this.pending = null;', '   }', ' ',
    '+  take(): string[] {', '+    return this.found.slice();', '+  }', '-  return tracker.found;', ' }', '', '',
  ];
  const reply = [
    '> +    this.found.length = 0;', '>      this.current = functionNameOf(header);', '>      this.pending = null;', '>    }',
    '', 'Races with the reaper?', '', '>', '<snip>', '>',
  ];
  const got = placed(reply, answered);
  assert.deepEqual(got.slice(0, 4), [1, 2, 3, 4]);
  assert.equal(got[7], 5);
  assert.ok(got[9] === 11 || got[9] === 12, `last blank quote line on ${got[9]}`);
});

test('a lone line that reads the same in two places between its neighbours is marked not unique', () => {
  const answered = ['@@ -1,6 +1,6 @@', ' a();', ' }', ' b();', ' }', ' c();'];
  const reply = ['>  a();', '> [...]', '>  }', 'Here?', '> [...]', '>  c();'];
  const a = alignQuote(reply, answered);
  const brace = a.pairs[a.pairOfReply[2]!]!;
  assert.equal(brace.unique, false);
  assert.equal(a.pairs[a.pairOfReply[0]!]!.unique, true);
});
