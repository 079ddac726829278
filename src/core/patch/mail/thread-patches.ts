/**
 * The patches of an mbox in review order, for a reader that wants one Patch per message to pick
 * from: series by version (v1 before v2, never interleaved), in each its cover letter and then
 * its patches by number; replies and other mail left out. Input that is not an mbox of several
 * messages reads as readPatchSeries reads it.
 */
import type { Patch } from '../model';
import { readPatchSeries, textOf, type ReadPatchOptions } from '../read-patch';
import { looksLikeMbox, splitMbox } from './mbox';
import { groupSeries } from './series';
import { readThread } from './thread';

/** Reads `input` and returns its patches in review order (see the file comment). */
export async function readSeriesPatches(input: Uint8Array | string, options: ReadPatchOptions = {}): Promise<Patch[]> {
  const text = textOf(input);
  if (!looksLikeMbox(text) || splitMbox(text).length < 2) return readPatchSeries(input, options);
  const thread = await readThread([{ name: options.fileName ?? 'the input', data: input }]);
  const patches = groupSeries(thread).series.flatMap((s) => [
    ...s.cover === null ? [] : [thread.messages[s.cover]!.patch],
    ...s.patches.map((p) => thread.messages[p.message]!.patch),
  ]);
  return patches.length > 0 ? patches : readPatchSeries(input, options);
}
