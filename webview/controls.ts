/**
 * The simulation controls (variant, workload, CPU count, seeds) sent to the host as
 * `run-simulation`, and a cancel button for long runs, enabled only while one runs. Values are checked with the same
 * validator the host uses before anything is sent.
 */
import type { SimulationControls } from '../src/protocol/messages';
import { controlLimits, validateControls, variantNames, workloadNames } from '../src/protocol/validate';
import { el } from './dom';

export interface ControlsCallbacks {
  run(controls: SimulationControls): void;
  cancel(): void;
}

interface ValueElement extends HTMLElement { value: string | string[] }

/** The form and a switch for the time a simulation runs (Cancel is enabled only then). */
export interface ControlsForm {
  element: HTMLElement;
  setBusy(busy: boolean): void;
}

export function controlsForm(initial: SimulationControls, callbacks: ControlsCallbacks): ControlsForm {
  const variants = el('vscode-multi-select', { id: 'variants', 'aria-label': 'Variants' },
    ...variantNames.map((v) => el('vscode-option', { value: v, selected: initial.variants.includes(v) }, v))) as ValueElement;
  const workload = el('vscode-single-select', { id: 'workload', 'aria-label': 'Workload' },
    ...workloadNames.map((w) => el('vscode-option', { value: w, selected: w === initial.workload }, w))) as ValueElement;
  const number = (id: string, value: number, limits: { min: number; max: number }) =>
    el('vscode-textfield', { id, type: 'number', value: String(value), min: String(limits.min), max: String(limits.max), 'aria-label': id }) as ValueElement;
  const cpus = number('cpus', initial.cpus, controlLimits.cpus);
  const seeds = number('seeds', initial.seeds, controlLimits.seeds);
  const message = el('span', { class: 'controls-error', role: 'alert' });
  const runButton = el('vscode-button', { id: 'run', icon: 'play' }, 'Run simulation');
  const cancelButton = el('vscode-button', { id: 'cancel', secondary: true, icon: 'debug-stop', disabled: true, title: 'Nothing is running' }, 'Cancel');

  runButton.addEventListener('click', () => {
    const candidate = {
      variants: Array.isArray(variants.value) ? variants.value : [variants.value],
      workload: workload.value,
      cpus: Number(cpus.value),
      seeds: Number(seeds.value),
    };
    const checked = validateControls(candidate);
    message.textContent = checked.ok ? '' : checked.error;
    if (checked.ok) callbacks.run(checked.value);
  });
  cancelButton.addEventListener('click', () => callbacks.cancel());

  const field = (label: string, input: HTMLElement) => el('label', { class: 'field' }, el('span', {}, label), input);
  const element = el('form', { class: 'controls', 'aria-label': 'Simulation controls' },
    field('Variants', variants), field('Workload', workload), field('CPUs', cpus), field('Seeds', seeds),
    el('div', { class: 'buttons' }, runButton, cancelButton), message);
  return {
    element,
    setBusy(busy: boolean): void {
      cancelButton.toggleAttribute('disabled', !busy);
      cancelButton.setAttribute('title', busy ? 'Cancel the running simulation' : 'Nothing is running');
    },
  };
}
