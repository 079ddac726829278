/**
 * The costs a simulated run used, as the panel and the HTML report cite them: value, default,
 * description, source (DESIGN.md asks that the cost defaults be cited in the UI).
 */
import type { ModelCost } from '../analysis/activity-view-model';
import { COST_NAMES, costInfo, defaultCosts, type CostSpec, type Costs } from './costs';

const sameSpec = (a: CostSpec, b: CostSpec): boolean =>
  a.dist === b.dist && a.meanNs === b.meanNs && a.sigma === b.sigma && a.spreadNs === b.spreadNs;

/** One entry per cost, in the model's order; `overridden` when `costs` differs from the default. */
export function modelCosts(costs: Costs): ModelCost[] {
  const defaults = defaultCosts();
  return COST_NAMES.map((name) => {
    const info = costInfo(name, costs);
    return {
      name, valueNs: info.spec.meanNs, dist: info.spec.dist, defaultNs: defaults[name].meanNs,
      description: info.what, source: info.source, overridden: !sameSpec(info.spec, defaults[name]),
    };
  });
}
