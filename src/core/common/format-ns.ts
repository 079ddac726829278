/** Durations in ns for people; metric values in their units are format-metric.ts. */

/** Formats a duration in ns for people, three significant digits: `850 ns`, `12.3 µs`, `4.56 ms`, `1.20 s`. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${Math.round(ns)} ns`;
  if (abs < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (abs < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** A duration in ns as µs with one decimal, without the unit (table columns headed `µs`): `12.3`. */
export function formatUs(ns: number): string {
  return (ns / 1000).toFixed(1);
}
