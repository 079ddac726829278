/**
 * Messages between the extension host and the "Reaper activity" webview: one discriminated
 * union per direction. Both sides switch exhaustively; the webview says `ready` first; every
 * message is validated before use: from the webview by the host (validate.ts), from the host by
 * the webview (validate-view.ts).
 */
import type { ActivityView } from '../core/analysis/activity-view-model';
import type { VariantName } from '../core/sim/variants';
import type { WorkloadName } from '../core/sim/workload';

export type { VariantName, WorkloadName };

/** The simulation controls the panel shows and sends back. */
export interface SimulationControls {
  variants: VariantName[];
  workload: WorkloadName;
  /** CPU count, within SIMULATION_LIMITS.cpus (core/sim/limits.ts). */
  cpus: number;
  /** Number of seeds for confidence intervals, within SIMULATION_LIMITS.seeds. */
  seeds: number;
}

export type HostToWebview =
  | { type: 'show'; view: ActivityView; controls: SimulationControls | null }
  | { type: 'progress'; message: string; /** 0..1, or null when unknown. */ fraction: number | null }
  | { type: 'error'; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'run-simulation'; controls: SimulationControls }
  | { type: 'export'; format: 'png'; /** `data:image/png;base64,...` of one chart. */ dataUrl: string; chart: string }
  | { type: 'export'; format: 'csv'; csv: string }
  | { type: 'cancel' };
