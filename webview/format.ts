/** Human formatting of the view's numbers (durations arrive in ns), shared with the CLI. */
export { formatNs } from '../src/core/common/format-ns';
export { formatMetric, formatMetricWithInterval } from '../src/core/common/format-metric';
