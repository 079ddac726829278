/**
 * `reaperscope diff-versions FILE|DIR|-... [--from V] [--to V] [--json]`: what changed between two
 * versions of a series in a thread, patch by patch (see core/patch/mail/version-diff.ts).
 */
import { groupSeries, type PatchSeries } from '../../core/patch/mail/series';
import { readThread } from '../../core/patch/mail/thread';
import { diffVersions, formatVersionDiff } from '../../core/patch/mail/version-diff';
import { EXIT_OK, InputError, UsageError, type Command } from '../command';
import { parseCommandArgs } from '../parse-command-args';
import { readThreadSources } from '../thread-input';

const usage = `usage: reaperscope diff-versions FILE|DIR|-... [--from V] [--to V] [--json]

Reads a thread (an mbox, a maildir or folder of mails, several mail files) holding two or more
versions of a series and prints, patch by patch, what changed from one version to the other,
as git range-diff (and b4 diff) shows it: "=" same, "!" changed (the differing lines of the
commit message and diff below it), "<" dropped, ">" added. Patches pair by title, then by
number when alike.

  --from V      the older version (v1 or 1); default: the one before --to
  --to V        the newer version; default: the newest in the input
  --json        print { from, to, pairs: [{ fromN, toN, title, status, lines }] }

Exit status: 0 printed, 1 fewer than two versions in the input, 2 usage.
`;

/** `v2`, `V2` or `2` as a number. */
function versionOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^[vV]?(\d+)$/.exec(value);
  if (!m) throw new UsageError(`--${name} wants a version such as v2, not ${JSON.stringify(value)}`);
  return Number(m[1]);
}

/** The two series to compare: `to` (newest by default) and the latest older version from the same sender. */
function pickVersions(series: readonly PatchSeries[], from: number | undefined, to: number | undefined): [PatchSeries, PatchSeries] {
  const newest = [...series].reverse().find((s) => to === undefined || s.version === to);
  if (!newest) throw new InputError(`no v${to} of a series in the input (versions: ${[...new Set(series.map((s) => `v${s.version}`))].join(', ') || 'none'})`);
  const older = [...series].reverse().find((s) => s !== newest && s.from === newest.from && (from === undefined ? s.version < newest.version : s.version === from));
  if (!older) throw new InputError(from === undefined ? `only one version (v${newest.version}) of the series in the input` : `no v${from} of "${newest.title}" in the input`);
  return [older, newest];
}

export const diffVersionsCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('which thread? Give an mbox, a folder, mail files, or - for standard input');
    const thread = await readThread(await readThreadSources(positionals, io));
    const [older, newer] = pickVersions(groupSeries(thread).series, versionOption(values.from, 'from'), versionOption(values.to, 'to'));
    const pairs = diffVersions(thread.messages, older, newer);
    io.out(values.json ? `${JSON.stringify({ from: older.version, to: newer.version, pairs }, null, 2)}\n` : formatVersionDiff(older, newer, pairs));
    return EXIT_OK;
  },
};
