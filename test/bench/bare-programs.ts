/**
 * The baselines the trace benches measure a reader against, as programs for `node -e PROGRAM
 * FILE`, each in its own process: the same text in every bench, so their ratios compare.
 */

/** Reads FILE in 1 MB chunks through one reused buffer, finds every line end, prints the line count. */
export const BARE_LINE_SPLIT = `
const { openSync, readSync } = require('node:fs');
const fd = openSync(process.argv[1], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0, n;
while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
  for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++;
}
process.stdout.write(String(lines));
`;

/** Reads FILE in 1 MB chunks through one reused buffer, touching one byte of each. */
export const BARE_READ = `
const { openSync, readSync } = require('node:fs');
const fd = openSync(process.argv[1], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let sum = 0, n;
while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) sum += buf[n - 1];
process.stdout.write(String(sum));
`;
