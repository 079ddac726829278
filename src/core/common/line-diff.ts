/**
 * The shortest edit script between two sequences of lines (Myers' O((N+M)·D) algorithm, "An
 * O(ND) Difference Algorithm and Its Variations", 1986), as runs of equal, deleted and inserted
 * lines. Past `maxEdits` edits the rest is given as one delete and one insert, so a diff of two
 * unrelated texts stays linear in memory.
 */

export type EditKind = 'equal' | 'delete' | 'insert';

/** A run of lines: `a[aStart, aStart + count)` for equal and delete, `b[bStart, bStart + count)` for equal and insert. */
export interface Edit {
  kind: EditKind;
  aStart: number;
  bStart: number;
  count: number;
}

function push(edits: Edit[], kind: EditKind, aStart: number, bStart: number, count: number): void {
  if (count === 0) return;
  const last = edits[edits.length - 1];
  if (last && last.kind === kind && last.aStart + (kind === 'insert' ? 0 : last.count) === aStart && last.bStart + (kind === 'delete' ? 0 : last.count) === bStart) {
    last.count += count;
  } else edits.push({ kind, aStart, bStart, count });
}

/** The edits turning `a` into `b`, in order; equal lines compare with `===`. */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 4000): Edit[] {
  // Common prefix and suffix first: most versions of a patch differ in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const edits: Edit[] = [];
  push(edits, 'equal', 0, 0, head);
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, maxEdits) && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[head + x] === b[head + y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
  }
  if (found < 0) {
    push(edits, 'delete', head, head, n);
    push(edits, 'insert', head + n, head, m);
  } else {
    // Walk the trace back from (n, m), collecting the snakes in reverse.
    const back: Edit[] = [];
    let x = n;
    let y = m;
    for (let d = found; d > 0; d--) {
      const vd = trace[d]!;
      const k = x - y;
      const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
      const prevK = down ? k + 1 : k - 1;
      const prevX = vd[offset + prevK]!;
      const prevY = prevX - prevK;
      const startX = down ? prevX : prevX + 1;
      const startY = startX - k;
      back.push({ kind: 'equal', aStart: head + startX, bStart: head + startY, count: x - startX });
      back.push(down ? { kind: 'insert', aStart: head + prevX, bStart: head + prevY, count: 1 } : { kind: 'delete', aStart: head + prevX, bStart: head + prevY, count: 1 });
      x = prevX;
      y = prevY;
    }
    back.push({ kind: 'equal', aStart: head, bStart: head, count: x });
    for (const e of back.reverse()) push(edits, e.kind, e.aStart, e.bStart, e.count);
  }
  push(edits, 'equal', head + n, head + m, tail);
  return edits;
}
