import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignQuote, keyOf, MAX_SEGMENT_CELLS } from '../../../../../src/core/patch/mail/quote-alignment';
import { generatePatch } from '../../../../bench/generated-kernel-patch';

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

test('a pair is unique only when every placement of the quote puts it there, whichever of two equal alignments was kept', () => {
  const answered = ['@@ -1,7 +1,8 @@', ' a();', ' ', '+b();', ' ', ' c();', ' ', ' d();'];
  // Kept a(), the blank after it, the blank before c() and d() (answered 1, 2, 4, 7), or a() and
  // the blanks before c() and d() (1, 4, 6): both cuts give this quote. The blank after a() is 2
  // or 4, the lone one 4 or 6.
  const twoReadings = ['>  a();', '>', 'Why?', '[...]', '>', '>  d();'];
  const a = alignQuote(twoReadings, answered);
  const pair = (i: number) => a.pairs[a.pairOfReply[i]!]!;
  assert.deepEqual([0, 1, 4, 5].map((i) => pair(i).unique), [true, false, false, true]);
  assert.equal(pair(1).answered, 2);
  // Followed by c(), the lone blank can only be 4: the blank after a() is 2.
  const oneReading = ['>  a();', '>', 'Why?', '[...]', '>', '>  c();'];
  const b = alignQuote(oneReading, answered);
  assert.deepEqual([0, 1, 4, 5].map((i) => { const p = b.pairs[b.pairOfReply[i]!]!; return [p.answered, p.unique]; }),
    [[1, true], [2, true], [4, true], [5, true]]);
});

test('blank lines quoted alone between snips are not pinned to the last blank lines of the message', () => {
  const answered = ['@@ -1,9 +1,10 @@', ' a();', ' ', '+b();', ' ', ' c();', ' ', ' d();', ' ', ' e();'];
  // Kept the hunk header and the blank lines 2 and 4, a comment under 4; 2, 4, 6 and 8 read the
  // same, so the second `>` may be 4, 6 or 8. Nothing follows it: the end of the message is no
  // better a place than the truth.
  const reply = ['> @@ -1,9 +1,10 @@', '[...]', '>', '[...]', '>', '', 'Why?'];
  const a = alignQuote(reply, answered);
  assert.deepEqual([0, 2, 4].map((i) => a.pairs[a.pairOfReply[i]!]!.unique), [true, false, false]);
});

test('a 5000-line patch and a 3000-line reply: aligned between anchors, a bounded number of cells, in bounded CPU time', () => {
  // The benchmark's generated kernel patch: 18 statements in every indentation, so few lines are
  // unique (file and hunk headers, some statements); the reply keeps 3000 of its lines in runs and
  // comments under some of them.
  const answered = `Reap on every CPU.\n\n---\n${generatePatch(400_000)}`.split('\n').slice(0, 5000);
  assert.equal(answered.length, 5000);
  const reply: string[] = ['On Wed, 10 Jul 2024, Christian Ludwig wrote:'];
  const truth: number[] = [];
  let state = 7;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let j = 0; truth.length < 3000 && j < answered.length; j++) {
    if (random() < 0.1) {
      // A trimmed run of up to 4 lines, marked as a snip now and then.
      j += Math.floor(random() * 4);
      if (random() < 0.5) reply.push('[...]');
      continue;
    }
    reply.push(`> ${answered[j]}`.trimEnd());
    truth.push(j);
  }
  const start = process.cpuUsage();
  const a = alignQuote(reply, answered);
  const used = process.cpuUsage(start);
  const cpuMs = (used.user + used.system) / 1000;
  const quoted = truth.length;
  assert.equal(quoted, 3000);
  if (process.env['ALIGN_VERBOSE']) console.log(`cells ${a.cells}, ${cpuMs.toFixed(0)} ms CPU`);
  // Without anchors the DP fills (3000 + 1) x (5000 + 1) cells, 15 million (12 bytes each, 180 MB).
  const full = (reply.length + 1) * (answered.length + 1);
  assert.ok(a.cells < full / 20, `${a.cells} cells of ${full}`);
  assert.ok(cpuMs < 3000, `${cpuMs.toFixed(0)} ms of CPU`);
  // Every quoted line aligned, and those marked unique on their own line.
  let aligned = 0;
  let wrong = 0;
  for (let i = 1, k = 0; i < reply.length; i++) {
    if (reply[i] === '[...]') continue;
    const pair = a.pairs[a.pairOfReply[i]!];
    const j = truth[k++]!;
    if (!pair) continue;
    aligned++;
    if (pair.unique && pair.answered !== j && answered[pair.answered]!.replace(/\s/g, '') !== answered[j]!.replace(/\s/g, '')) wrong++;
  }
  assert.ok(aligned >= quoted * 0.99, `${aligned} of ${quoted} aligned`);
  assert.equal(wrong, 0);
});

test('a stretch with no line found once on both sides and too many cells is left unaligned, not filled', () => {
  const answered = Array.from({ length: 1500 }, () => ' }');
  const reply = Array.from({ length: 1500 }, () => '>  }');
  const a = alignQuote(reply, answered);
  assert.ok(1501 * 1501 > MAX_SEGMENT_CELLS);
  assert.equal(a.cells, 0);
  assert.deepEqual(a.pairs, []);
});
