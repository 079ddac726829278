/**
 * The step-by-line view of a C file of the exit path: for each line of the document that is a
 * step of a derived model (the per-line index of model-lines.ts), one short hint with what the
 * line does in each variant and its cost (and simulated time and wait when a simulation ran with
 * these models), and a mark on the lines a model did not understand, with the why. The document
 * is one image of the file (the workspace before the patch, `old`, or with it applied, `new`);
 * the other variant's lines reach it through the patch's line map. Pure: no `vscode`.
 */
import type { ImageLineMap } from './image-line-map';
import { describeModelLine, type ModelLine } from './model-lines';

export interface ModelLineHint {
  /** 1-based line of the document. */
  line: number;
  /** One line: `baseline: lock deadproc_mutex (0.03 µs) · patched: removed by the patch`. */
  label: string;
  /** Markdown-free detail: each variant's steps and costs, or why it was not understood. */
  tooltip: string;
  /** Some variant did not understand the line. */
  notUnderstood: boolean;
}

const sameFile = (doc: string, file: string): boolean => doc === file || doc.endsWith(`/${file}`) || file.endsWith(`/${doc}`);

/** The index's entries of `file` as lines of the document's image `side`. */
function entriesAt(index: readonly ModelLine[], file: string, side: 'old' | 'new', map: ImageLineMap | null): Map<number, ModelLine[]> {
  const out = new Map<number, ModelLine[]>();
  for (const e of index) {
    if (e.kind === 'quiet' || !sameFile(file, e.file)) continue;
    const line = e.side === side ? e.line : map === null ? null : e.side === 'old' ? map.toNew(e.line) : map.toOld(e.line);
    if (line === null) continue;
    const list = out.get(line) ?? [];
    list.push(e);
    out.set(line, list);
  }
  return out;
}

/** Why a variant of the other image has nothing at a document line the patch changed. */
function absent(variantSide: 'old' | 'new'): string {
  return variantSide === 'new' ? 'removed by the patch' : 'added by the patch';
}

/**
 * The hints of a document: `file` is its path (suffix-compared with the index's tree paths),
 * `side` the image it shows, `map` the patch's line map of that file (null: only the document's
 * own side is shown). `variants` names the models in display order with their sides.
 */
export function modelLineHints(index: readonly ModelLine[], file: string, side: 'old' | 'new', map: ImageLineMap | null,
  variants: readonly { name: string; side: 'old' | 'new' }[]): ModelLineHint[] {
  const byLine = entriesAt(index, file, side, map);
  const hints: ModelLineHint[] = [];
  for (const [line, entries] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    const parts: string[] = [];
    const details: string[] = [];
    for (const v of variants) {
      const own = entries.filter((e) => e.variant === v.name);
      if (own.length === 0) {
        // The line has no counterpart in the variant's image: say so; otherwise it is simply not on its path.
        const other = v.side !== side && map !== null && (side === 'old' ? map.toNew(line) : map.toOld(line)) === null;
        if (other) {
          parts.push(`${v.name}: ${absent(v.side)}`);
          details.push(`${v.name}: ${absent(v.side)}`);
        }
        continue;
      }
      const text = own.map((e) => `${e.program} ${describeModelLine(e)}`);
      parts.push(`${v.name}: ${own.map((e) => (e.kind === 'not-understood' ? 'not understood' : describeModelLine(e))).join('; ')}`);
      details.push(...text.map((t, i) => `${v.name} (${own[i]!.side} line ${own[i]!.line}), ${t}`));
    }
    hints.push({ line, label: parts.join(' · '), tooltip: details.join('\n'), notUnderstood: entries.some((e) => e.kind === 'not-understood') });
  }
  return hints;
}
