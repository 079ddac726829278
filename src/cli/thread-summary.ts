/**
 * The readable summary `reaperscope patch` prints for input holding more than one message: each
 * series (revision, cover letter, one line per patch with its counts and trailers, replies under
 * the patch they answer, missing and duplicated numbers), the other messages, the totals, and the
 * diagnostics as `FILE:LINE:`.
 */
import { diagnosticLines } from './patch-summary';
import type { AboutJson, ThreadJson, TotalsJson } from './thread-json';

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

function counts(t: TotalsJson): string {
  return `${plural(t.files, 'file')}, +${t.added} -${t.removed}, ${plural(t.hunks, 'hunk')}`;
}

const sameAbout = (a: AboutJson | null, version: number, n: number): boolean => a !== null && a.version === version && a.n === n;

/** The whole summary, ending in a newline. */
export function threadSummary(json: ThreadJson, messageCount: number): string {
  const out: string[] = [];
  const patchCount = json.series.reduce((n, s) => n + s.patches.length, 0);
  out.push(`${plural(messageCount, 'message')}: ${plural(json.series.length, 'series', 'series')}, ${plural(patchCount, 'patch', 'patches')}, ${plural(json.replies.length, 'reply', 'replies')}`);
  const repliesTo = (version: number, n: number): string[] => json.replies
    .filter((r) => sameAbout(r.about, version, n))
    .map((r) => `      reply: ${r.from}, ${r.date}: ${r.subject}`);
  for (const s of json.series) {
    const flags = s.flags.length ? ` ${s.flags.join(' ')}` : '';
    out.push('', `v${s.version}${flags}: ${s.title} (${s.from})`);
    if (s.cover) out.push(`  cover  ${s.cover.subject}`, ...repliesTo(s.version, 0));
    for (const p of s.patches) {
      const title = p.subject.replace(/^\s*(?:\[[^\]]*\]\s*)+/, '');
      out.push(`  ${`${p.n}/${p.of}`.padStart(5)}  ${title}  (${counts(p.totals)})`);
      out.push(...p.trailers.map((t) => `      ${t.name}: ${t.value}${t.value.includes(t.from) ? '' : `  (from ${t.from})`}`));
      out.push(...repliesTo(s.version, p.n));
    }
    if (s.missing.length) out.push(`  missing: ${s.missing.join(', ')}`);
    for (const d of s.duplicates) out.push(`  ${s.version > 1 ? `v${s.version} ` : ''}patch ${d.n} was sent ${d.messageIds.length} times; the newest is kept`);
  }
  const loose = json.replies.filter((r) => r.about === null);
  if (loose.length) {
    out.push('', 'Other messages:');
    out.push(...loose.map((r) => `  ${r.from}, ${r.date}: ${r.subject}`));
  }
  if (json.comments.length) {
    out.push('', 'Review comments:');
    for (const c of json.comments) {
      const about = c.about ? ` (v${c.about.version} ${c.about.n === 0 ? 'cover' : `patch ${c.about.n}`})` : '';
      const marks = `${c.certainty === 'approximate' ? ', approximate' : ''}${c.checked ? '' : ', not checked: answered message not in the input'}`;
      const where = c.file === null ? (c.topic === 'general' ? 'general' : `on the ${c.topic.replace('-', ' ')}`) : `${c.file}:${c.line} (${c.side} side${marks})`;
      out.push(`  ${where}, ${c.author}${about}:`, ...c.text.split('\n').map((l) => `    ${l}`));
    }
  }
  out.push('', `Totals over every patch: ${counts(json.totals)}`);
  if (json.diagnostics.length) {
    out.push('', ...json.diagnostics.flatMap((d) => diagnosticLines([d], d.source)));
  }
  return out.join('\n') + '\n';
}
