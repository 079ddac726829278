/** The panel's charts by id, in display order (webview/panel.ts chartSpecs), for tests. */
export const chartIds = ['reaper-activity', 'exit-to-reap', 'idle-hops', 'cross-cpu-wakeups', 'backlog', 'lock-waits', 'cpu-utilisation', 'cpu-idle'] as const;
