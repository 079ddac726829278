/**
 * "Model costs" (simulated views): every cost the runs used, with its value, where the default
 * comes from, and a mark on values that differ from the default (DESIGN.md: cite the cost
 * defaults in the UI). The view was checked on arrival (validate-view.ts), its costs with it.
 */
import type { ActivityView, ModelCost } from '../src/core/analysis/activity-view-model';
import { el } from './dom';
import { formatNs } from './format';

function valueText(c: ModelCost): string {
  return c.dist === 'fixed' ? formatNs(c.valueNs) : `${formatNs(c.valueNs)} mean (${c.dist})`;
}

function row(c: ModelCost): HTMLElement {
  const value = el('vscode-table-cell', { class: 'cost-value' }, valueText(c));
  if (c.overridden) value.append(' ', el('span', { class: 'overridden', title: `default ${formatNs(c.defaultNs)}` }, `(overridden; default ${formatNs(c.defaultNs)})`));
  return el('vscode-table-row', { 'data-cost': c.name, class: c.overridden ? 'overridden-row' : undefined },
    el('vscode-table-cell', { title: c.description }, el('code', {}, c.name), el('div', { class: 'cost-what' }, c.description)),
    value,
    el('vscode-table-cell', { class: c.source.startsWith('assumption') ? 'cost-source assumption' : 'cost-source' }, c.source),
  );
}

/** The collapsible section, or nothing when the view has no costs (traces). */
export function modelCostsSection(view: ActivityView): HTMLElement[] {
  const costs = view.costs;
  if (costs === undefined) return [];
  const section = el('vscode-collapsible', { id: 'model-costs', heading: 'Model costs' });
  const overridden = costs.filter((c) => c.overridden).length;
  section.setAttribute('description', overridden ? `${overridden} of ${costs.length} differ from the defaults` : 'defaults');
  const header = el('vscode-table-header', { slot: 'header' }, ...['Cost', 'Value', 'Source'].map((h) => el('vscode-table-header-cell', {}, h)));
  section.append(
    el('p', { class: 'cost-note' }, 'The costs these simulated runs used. Sources are those of the defaults; "assumption" marks the model\'s own choices. Override them with the reaperscope.costs setting or --costs FILE.'),
    el('vscode-table', { class: 'model-costs', zebra: true, 'bordered-rows': true, 'aria-label': 'Model costs' },
      header, el('vscode-table-body', { slot: 'body' }, ...costs.map(row))),
  );
  return [section];
}
