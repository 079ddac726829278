/**
 * The work host of the Node extension host: a worker thread running dist/worker.js. A browser
 * build aliases this module to create-work-host.web.ts (esbuild `alias`), which has no
 * `node:` imports.
 */
import * as vscode from 'vscode';
import { NodeWorkerHost } from './node-worker-host';
import type { WorkHost } from './work-host';

export function createWorkHost(extensionUri: vscode.Uri): WorkHost {
  return new NodeWorkerHost(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath);
}
