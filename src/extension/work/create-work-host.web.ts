/**
 * The work host of a browser build (vscode.dev, github.dev): jobs run in process, yielding
 * between pieces of work. A Web Worker side (dist/worker.js built for the browser) would plug
 * in here behind the same WorkHost interface.
 */
import type * as vscode from 'vscode';
import { InProcessWorkHost } from './in-process-host';
import type { WorkHost } from './work-host';

export function createWorkHost(_extensionUri: vscode.Uri): WorkHost {
  return new InProcessWorkHost();
}
