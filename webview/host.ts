/**
 * Where the panel's data comes from and where its messages go. Inside VS Code that is
 * `acquireVsCodeApi()`; in the self-contained HTML report it is the JSON embedded in
 * `<script type="application/json" id="reaperscope-view">`, with no host to talk to.
 */
import type { ActivityView } from '../src/core/analysis/activity-view-model';
import type { SimulationControls, WebviewToHost } from '../src/protocol/messages';
import { validateActivityView, validateHostMessage } from '../src/protocol/validate-view';

/** What the panel keeps across reloads (VS Code's getState/setState). */
export interface PanelState {
  view: ActivityView;
  controls: SimulationControls | null;
  /** Index of the run shown in the per-CPU charts. */
  runIndex: number;
}

export interface Host {
  /** True inside VS Code: controls and host-side exports are available. */
  readonly interactive: boolean;
  post(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare global {
  // Defined by VS Code in webviews; absent in the HTML report.
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

export const staticDataId = 'reaperscope-view';

/** The saved state checked like a message from the host (validate-view.ts); undefined when it does not pass. */
function checkedState(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { view, controls, runIndex } = value as Record<string, unknown>;
  const shown = validateHostMessage({ type: 'show', view, controls: controls ?? null });
  if (!shown.ok || shown.value.type !== 'show' || typeof runIndex !== 'number' || !Number.isInteger(runIndex)) return undefined;
  return { view: shown.value.view, controls: shown.value.controls, runIndex };
}

/** The VS Code host, or null when the page is not a VS Code webview. */
export function vscodeHost(): Host | null {
  if (typeof globalThis.acquireVsCodeApi !== 'function') return null;
  const api = globalThis.acquireVsCodeApi();
  return {
    interactive: true,
    post: (message) => api.postMessage(message),
    getState: () => {
      return checkedState(api.getState());
    },
    setState: (state) => api.setState(state),
  };
}

/** The embedded report data, or null when the element is missing or unreadable. */
export function staticView(doc: Document): { view: ActivityView } | { error: string } | null {
  const element = doc.getElementById(staticDataId);
  if (!element) return null;
  try {
    const data = JSON.parse(element.textContent ?? '') as { view?: unknown };
    if (data.view === undefined) return { error: 'the embedded report data has no view' };
    const view = validateActivityView(data.view);
    return view.ok ? { view: view.value } : { error: `the embedded report data is not a view: ${view.error}` };
  } catch (error) {
    return { error: `the embedded report data is not JSON: ${String(error)}` };
  }
}

/** A host for the HTML report: nothing to post to, state kept in memory only. */
export function staticHost(): Host {
  let state: PanelState | undefined;
  return { interactive: false, post: () => undefined, getState: () => state, setState: (s) => { state = s; } };
}
