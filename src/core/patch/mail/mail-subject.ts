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

/**
 * What the bracketed tags of a subject say, as b4 and patchwork read them: `[PATCH v2 3/7]`,
 * `[RFC PATCH net-next v3 00/12]`, `[PATCHv2 1/3]`, `[PATCH 1 of 2]` (Mercurial's patchbomb),
 * `[tech] [PATCH]` (a list tag before), `[GIT PULL]`.
 */
export interface SubjectTags {
  /** True for `Re:` (and localised) replies; the tags are read after the reply prefixes. */
  isReply: boolean;
  /** True when a tag says PATCH (or the subject has an `n/m` / `n of m` counter). */
  isPatch: boolean;
  /** True for `[GIT PULL]` and `[PULL]`: a pull request, which carries no diff. */
  isPull: boolean;
  /** The revision: `vN` (or `PATCHvN`), 1 when none is given. */
  version: number;
  /** `RFC` and `RESEND`, upper case, in subject order. */
  flags: string[];
  /** Other words in the tags (`net-next`, a list name), in subject order. */
  prefixes: string[];
  /** The counter; undefined for an unnumbered patch (or n > m). */
  position?: SeriesPosition;
  /** The subject after the tags (the commit's title). */
  title: string;
}

const LEADING_REPLY = /^\s*(?:(?:re|aw|sv|antw|fwd?)\s*(?:\[\d+\])?\s*:\s*)+/i;
const LEADING_TAG = /^\s*\[([^\]]*)\]/;

/** Reads the tags of `subject` (see {@link SubjectTags}). */
export function subjectTags(subject: string): SubjectTags {
  const reply = LEADING_REPLY.exec(subject);
  let rest = reply ? subject.slice(reply[0].length) : subject;
  const tags: SubjectTags = { isReply: reply !== null, isPatch: false, isPull: false, version: 1, flags: [], prefixes: [], title: '' };
  for (let m = LEADING_TAG.exec(rest); m; m = LEADING_TAG.exec(rest)) {
    rest = rest.slice(m[0].length);
    const words = m[1]!.trim().split(/\s+/).filter((w) => w !== '');
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const upper = word.toUpperCase();
      const counter = /^(\d{1,5})\/(\d{1,5})$/.exec(word);
      const patchV = /^PATCH[-_]?V(\d{1,4})$/.exec(upper);
      if (counter) {
        const index = Number(counter[1]);
        const total = Number(counter[2]);
        if (total > 0 && index <= total) tags.position = { index, total };
        tags.isPatch = true;
      } else if (/^\d{1,5}$/.test(word) && words[i + 1]?.toLowerCase() === 'of' && /^\d{1,5}$/.test(words[i + 2] ?? '')) {
        const index = Number(word);
        const total = Number(words[i + 2]);
        if (total > 0 && index <= total) tags.position = { index, total };
        tags.isPatch = true;
        i += 2;
      } else if (upper === 'PATCH') tags.isPatch = true;
      else if (patchV) {
        tags.isPatch = true;
        tags.version = Number(patchV[1]);
      } else if (/^V\d{1,4}$/.test(upper)) tags.version = Number(upper.slice(1));
      else if (upper === 'RFC' || upper === 'RESEND') tags.flags.push(upper);
      else if (upper === 'PULL' || (upper === 'GIT' && words[i + 1]?.toUpperCase() === 'PULL')) tags.isPull = true;
      else tags.prefixes.push(word);
    }
  }
  tags.title = rest.replace(/\s+/g, ' ').trim();
  return tags;
}
