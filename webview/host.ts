/**
 * Where the panel's data comes from and where its messages go. Inside VS Code that is
 * `acquireVsCodeApi()`; in the self-contained HTML report it is the JSON embedded in
 * `<script type="application/json" id="reaperscope-view">`, with no host to talk to.
 */
import type { ActivityView } from '../src/protocol/activity-view';
import type { SimulationControls, WebviewToHost } from '../src/protocol/messages';

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

function isPanelState(value: unknown): value is PanelState {
  const v = value as Partial<PanelState> | null;
  return !!v && typeof v === 'object' && !!v.view && Array.isArray(v.view.runs) && typeof v.runIndex === 'number';
}

/** The VS Code host, or null when the page is not a VS Code webview. */
export function vscodeHost(): Host | null {
  if (typeof globalThis.acquireVsCodeApi !== 'function') return null;
  const api = globalThis.acquireVsCodeApi();
  return {
    interactive: true,
    post: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return isPanelState(state) ? state : undefined;
    },
    setState: (state) => api.setState(state),
  };
}

/** The embedded report data, or null when the element is missing or unreadable. */
export function staticView(doc: Document): { view: ActivityView } | { error: string } | null {
  const element = doc.getElementById(staticDataId);
  if (!element) return null;
  try {
    const data = JSON.parse(element.textContent ?? '') as { view?: ActivityView };
    if (!data.view || !Array.isArray(data.view.runs)) return { error: 'the embedded report data has no view' };
    return { view: data.view };
  } catch (error) {
    return { error: `the embedded report data is not JSON: ${String(error)}` };
  }
}

/** A host for the HTML report: nothing to post to, state kept in memory only. */
export function staticHost(): Host {
  let state: PanelState | undefined;
  return { interactive: false, post: () => undefined, getState: () => state, setState: (s) => { state = s; } };
}
