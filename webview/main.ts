/**
 * The webview app shown in the "Reaper activity" panel and in the HTML report.
 * In VS Code: restore the last state (getState), say `ready`, then draw each `show` the host
 * sends. In the report (no acquireVsCodeApi, data embedded as JSON): draw that data, read-only.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { validateHostMessage } from '../src/protocol/validate-view';
import { registerCharts } from './charts/setup';
import { el } from './dom';
import { staticHost, staticView, vscodeHost } from './host';
import { Panel } from './panel';
import styles from './styles.css';
import { watchTheme } from './theme';

/** Styles go in through a constructable stylesheet: allowed under a nonce-only CSP. */
function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

function start(): void {
  adoptStyles();
  registerCharts();
  const root = document.getElementById('reaperscope-root') ?? document.body.appendChild(el('div', { id: 'reaperscope-root' }));
  const host = vscodeHost();
  if (host) {
    const panel = new Panel(root, host);
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null;
      if (typeof data !== 'object' || data === null || typeof data.type !== 'string') return; // not a message of ours
      // Every message is checked before it is drawn (validate-view.ts); a bad one is reported, not drawn half.
      const message = validateHostMessage(data);
      panel.handle(message.ok ? message.value : { type: 'error', message: `Refused a message from the extension: ${message.error}` });
    });
    watchTheme(document, () => panel.retheme());
    const saved = host.getState();
    if (saved) panel.show(saved.view, saved.controls, saved.runIndex);
    host.post({ type: 'ready' });
    return;
  }
  const embedded = staticView(document);
  const panel = new Panel(root, staticHost());
  if (embedded && 'view' in embedded) panel.show(embedded.view, null, 0);
  else panel.handle({ type: 'error', message: embedded?.error ?? 'No data: this page expects a Reaperscope report or a VS Code webview.' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
