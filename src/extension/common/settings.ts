/** The `reaperscope.*` settings, read fresh each time (they can change while the extension runs). */
import * as vscode from 'vscode';
import type { SimulationControls, VariantName, WorkloadName } from '../../protocol/messages';
import { validateControls } from '../../protocol/validate';
import { VARIANT_NAMES } from '../../core/sim/variants';
import { WORKLOAD_NAMES } from '../../core/sim/workload';

export interface Settings {
  decorations: boolean;
  codeLens: boolean;
  hovers: boolean;
  /** Cost overrides as the user wrote them (`reaperscope.costs`), for applyCostOverrides (src/core/sim/costs.ts). */
  costs: Record<string, unknown>;
  /** Default simulation controls; invalid settings fall back to the package.json defaults. */
  controls: SimulationControls;
  /** Simulated time per run, ns. */
  durationNs: number;
}

const defaultControls: SimulationControls = { variants: [...VARIANT_NAMES], workload: WORKLOAD_NAMES[0], cpus: 8, seeds: 5 };

export function settings(): Settings {
  const c = vscode.workspace.getConfiguration('reaperscope');
  const controls = validateControls({
    variants: c.get<VariantName[]>('simulation.variants'),
    workload: c.get<WorkloadName>('simulation.workload'),
    cpus: c.get<number>('simulation.cpus'),
    seeds: c.get<number>('simulation.seeds'),
  });
  return {
    decorations: c.get<boolean>('review.decorations') ?? true,
    codeLens: c.get<boolean>('review.codeLens') ?? true,
    hovers: c.get<boolean>('review.hovers') ?? true,
    // A plain copy: configuration values are proxies that cannot be posted to a worker.
    costs: JSON.parse(JSON.stringify(c.get<Record<string, unknown>>('costs') ?? {})) as Record<string, unknown>,
    controls: controls.ok ? controls.value : defaultControls,
    durationNs: Math.min(60_000, Math.max(1, c.get<number>('simulation.durationMs') ?? 200)) * 1e6,
  };
}
