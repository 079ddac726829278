/**
 * The host side of the "Reaper activity" webview panel: one panel, its HTML (CSP with nonce,
 * local resources only), the `ready` handshake (nothing is sent before it), every incoming
 * message validated, and a serializer that restores the panel after a reload.
 */
import * as vscode from 'vscode';
import type { ActivityView } from '../../core/analysis/activity-view-model';
import type { HostToWebview, SimulationControls, WebviewToHost } from '../../protocol/messages';
import { validateWebviewMessage } from '../../protocol/validate';
import { log } from '../common/log';
import { localResourceRoots, panelHtml } from './panel-html';

export const PANEL_VIEW_TYPE = 'reaperscope.activity';

/** What the panel asks of the rest of the extension. */
export interface PanelActions {
  runSimulation(controls: SimulationControls, panel: ActivityPanel): Promise<void>;
  cancel(): void;
}

/** One open "Reaper activity" panel. */
export class ActivityPanel implements vscode.Disposable {
  private ready = false;
  private pending: HostToWebview | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Messages received and accepted, and rejected (for tests and the output log). */
  readonly received: WebviewToHost[] = [];
  readonly rejected: string[] = [];
  private readyWaiters: (() => void)[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.closed.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, private readonly actions: PanelActions) {
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
    panel.webview.html = panelHtml(panel.webview, extensionUri, panel.title);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'reaperscope.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.handle(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** True once the webview said `ready`. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves when the webview has said `ready` (at once if it has). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  show(view: ActivityView, controls: SimulationControls | null): void {
    this.panel.title = `Reaper activity: ${view.title}`;
    this.post({ type: 'show', view, controls });
  }

  progress(message: string, fraction: number | null): void {
    this.post({ type: 'progress', message, fraction });
  }

  /** The last error shown in the panel (for tests and the output log). */
  lastError: string | null = null;

  error(message: string): void {
    this.lastError = message;
    this.post({ type: 'error', message });
  }

  /** Sends now if the webview is ready; else keeps the latest `show` (or error) for the handshake. */
  private post(message: HostToWebview): void {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
      return;
    }
    if (message.type !== 'progress') this.pending = message;
  }

  /** Takes one message as it came from the webview: validated first, dropped (and recorded) when malformed. */
  handle(raw: unknown): void {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.rejected.push(checked.error);
      log().warn(`Reaper activity panel: dropped a message from the webview: ${checked.error}`);
      return;
    }
    const message = checked.value;
    this.received.push(message);
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage(this.pending);
        this.pending = null;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      }
      case 'run-simulation':
        void this.actions.runSimulation(message.controls, this);
        return;
      case 'cancel':
        this.actions.cancel();
        return;
      case 'export':
        void exportFromPanel(message);
        return;
      default: {
        const unhandled: never = message;
        this.rejected.push(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }

  dispose(): void {
    this.closed.fire();
    this.closed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** A new panel in the editor area, beside the active editor. */
  static create(extensionUri: vscode.Uri, actions: PanelActions, title = 'Reaper activity'): ActivityPanel {
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true, retainContextWhenHidden: false, localResourceRoots: localResourceRoots(extensionUri),
    });
    return new ActivityPanel(panel, extensionUri, actions);
  }
}

/** Saves a chart PNG or the metrics CSV where the user says. */
async function exportFromPanel(message: Extract<WebviewToHost, { type: 'export' }>): Promise<void> {
  const png = message.format === 'png';
  const target = await vscode.window.showSaveDialog({
    title: png ? 'Save chart as PNG' : 'Save metrics as CSV',
    filters: png ? { 'PNG image': ['png'] } : { CSV: ['csv'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, png ? `${message.chart}.png` : 'reaper-metrics.csv') : undefined,
  });
  if (!target) return;
  const bytes = png ? base64Bytes(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1)) : new TextEncoder().encode(message.csv);
  await vscode.workspace.fs.writeFile(target, bytes);
}

function base64Bytes(base64: string): Uint8Array {
  const binary = globalThis.atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
