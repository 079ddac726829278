/** Human formatting of the view's numbers (durations arrive in ns), shared with the CLI. */
export { formatNs } from '../src/core/common/format-ns';
export { formatMetric } from '../src/core/common/format-metric';
