/**
 * Fuzzing readPatch with seeded mutations of the three seed fixtures: it never throws, each input
 * is read within a CPU-time bound, and every line it names (diagnostics, patch lines, comments) is a
 * line of the input. For flattened archive text the lines are the recovered lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isFlattenedArchive, recoverFlattenedArchive } from '../../../../../src/core/patch/mail/flattened-archive';
import type { Patch } from '../../../../../src/core/patch/model';
import { readPatch, readPatchSeries } from '../../../../../src/core/patch/read-patch';
import { MAIL, SEED } from '../read-patch-fixtures';

/** Mutated inputs per seed fixture. */
const RUNS = 1000;
/** Mutated inputs per mail case of test/fixtures/mail (MIME, mbox, nested quotes). */
const MAIL_RUNS = 100;
/**
 * CPU-time bound (user + system) for one input, ms: reading a seed takes ~2 ms of CPU, so this
 * catches a hang or a blow-up (a quadratic scan of a mutated input) and nothing else. CPU time,
 * not wall time: on a shared machine at load 20 the same read took 1067–1443 ms of wall time.
 */
const BOUND_MS = 1000;

/**
 * Runs `read` and returns its result with the CPU time (user + system, ms) the process spent
 * meanwhile. The readers only await microtasks, so no other work of this process runs in between.
 */
async function cpuTimed<T>(read: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const start = process.cpuUsage();
  const value = await read();
  const used = process.cpuUsage(start);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

/** Characters that matter to the readers: quote markers, diff signs, line breaks, MIME syntax. */
const SIGNIFICANT = ['>', ' ', '\n', '\t', '+', '-', '@', '|', '=', ':', '\\', '>From ', '-- ', '@@ -1,3 +1,4 @@', 'diff --git a/x b/x', '=?UTF-8?B?', '\r'];
const pieceArb = fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 }));

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'dropLine' | 'dupLine' | 'swapLines' | 'truncate'; at: number; other: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: pieceArb }),
  fc.record({ op: fc.constantFrom('dropLine' as const, 'dupLine' as const, 'swapLines' as const, 'truncate' as const), at: fc.nat(), other: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'truncate') out = out.slice(0, at);
    else {
      const lines = out.split('\n');
      const i = m.at % lines.length;
      const j = m.other % lines.length;
      if (m.op === 'dropLine') lines.splice(i, 1);
      else if (m.op === 'dupLine') lines.splice(i, 0, lines[i]!);
      else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      out = lines.join('\n');
    }
  }
  return out;
}

/** How many lines the reader may name for this input. */
function lineBound(text: string): number {
  const inputLines = text.split('\n').length;
  return isFlattenedArchive(text) ? Math.max(inputLines, recoverFlattenedArchive(text).lines.length) : inputLines;
}

function namedLines(patch: Patch): { what: string; line: number }[] {
  return [
    ...patch.diagnostics.map((d) => ({ what: `diagnostic ${d.code}`, line: d.line })),
    ...patch.files.map((f) => ({ what: 'file', line: f.sourceLine })),
    ...patch.files.flatMap((f) => f.hunks.flatMap((h) => [{ what: 'hunk', line: h.sourceLine }, ...h.lines.map((l) => ({ what: 'patch line', line: l.sourceLine }))])),
    ...patch.comments.map((c) => ({ what: 'comment', line: c.sourceLine })),
  ];
}

for (const [name, path] of Object.entries(SEED)) {
  test(`fuzz: ${RUNS} mutations of the ${name} fixture never throw, hang, or name a line outside the input`, async () => {
    const seedText = readFileSync(path, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 8 }), fc.boolean(), async (mutations, asBytes) => {
        const text = mutate(seedText, mutations);
        const input = asBytes ? new TextEncoder().encode(text) : text;
        const { value: patch, cpuMs } = await cpuTimed(() => readPatch(input, { fileName: name }));
        assert.ok(cpuMs < BOUND_MS, `took ${cpuMs.toFixed(0)} ms of CPU`);
        const bound = lineBound(asBytes ? new TextDecoder().decode(input as Uint8Array) : text);
        for (const { what, line } of namedLines(patch)) {
          assert.ok(Number.isInteger(line) && line >= 1 && line <= bound, `${what} names line ${line} of ${bound}`);
        }
        for (const d of patch.diagnostics) assert.ok(d.column === undefined || d.column >= 1, `${d.code} has column ${d.column}`);
      }),
      { seed: 0x5eed + name.length, numRuns: RUNS, endOnFailure: true },
    );
  });
}

test(`fuzz: ${MAIL_RUNS} byte-level mutations of each mail case (QP, base64, multipart, mbox, charsets) never throw or hang`, async () => {
  for (const name of readdirSync(MAIL).sort()) {
    const seedBytes = new Uint8Array(readFileSync(join(MAIL, name)));
    const seedText = new TextDecoder('latin1').decode(seedBytes);
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (mutations) => {
        // Mutate as Latin-1 so every byte survives, then back to bytes: 8-bit and broken UTF-8 reach the MIME reader.
        const text = mutate(seedText, mutations);
        const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
        const { value: [patch, series], cpuMs } = await cpuTimed(() => Promise.all([readPatch(bytes, { fileName: name }), readPatchSeries(bytes, { fileName: name })]));
        // Two reads of the same input: twice the bound.
        assert.ok(cpuMs < 2 * BOUND_MS, `${name} took ${cpuMs.toFixed(0)} ms of CPU`);
        for (const p of [patch, ...series]) {
          for (const { what, line } of namedLines(p)) assert.ok(Number.isInteger(line) && line >= 1, `${name}: ${what} names line ${line}`);
        }
      }),
      { seed: 0x3a11 + name.length, numRuns: MAIL_RUNS, endOnFailure: true },
    );
  }
});
