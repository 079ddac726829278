/**
 * The bounds of what can be simulated, in one place: the machine's CPU count and the controls
 * the panel, the settings (package.json), the host's message validator and the CLI accept.
 */

/** The most CPUs a simulated machine has. */
export const MAX_CPUS = 256;

/** The most seeds a comparison runs per point (each seed is one more run per variant). */
export const MAX_SEEDS = 100;

/** Bounds (inclusive) of the simulation controls: CPU count and seeds per point. */
export const SIMULATION_LIMITS = { cpus: { min: 1, max: MAX_CPUS }, seeds: { min: 1, max: MAX_SEEDS } } as const;
