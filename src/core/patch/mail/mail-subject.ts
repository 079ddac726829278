/**
 * What a mail subject says about a patch: its position in a series (`[PATCH v2 3/7]`) and
 * whether it is a reply (`Re:`).
 */

/** Position of a patch in a series; index 0 is the cover letter. */
export interface SeriesPosition {
  index: number;
  total: number;
}

/** `[PATCH 2/3]`, `[RFC PATCH v2 03/12]`, `[PATCH net-next 0/4]`: the last `n/m` inside brackets. */
const SERIES = /\[[^\]]*?\b(\d{1,5})\/(\d{1,5})\s*\]/;
const REPLY = /^\s*(?:re|aw|sv|antw)\s*:/i;

/** The `[PATCH n/m]` position in `subject`, or undefined when it has none (or n > m). */
export function seriesPosition(subject: string): SeriesPosition | undefined {
  const match = SERIES.exec(subject);
  if (!match) return undefined;
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total === 0 || index > total) return undefined;
  return { index, total };
}

/** True when the subject starts with a reply prefix (`Re:`, `AW:`, `SV:`). */
export function isReplySubject(subject: string): boolean {
  return REPLY.test(subject);
}
