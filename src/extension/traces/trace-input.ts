/**
 * How a trace file goes to a job: a local file by its path when the job runs in the Node
 * worker (which reads a trace.dat by offset and text in pieces, so neither the extension host
 * nor the worker holds the file whole), else its bytes through `vscode.workspace.fs` (a remote
 * or virtual file system, or the browser build's in-process host).
 */
import * as vscode from 'vscode';
import type { WorkHost } from '../work/work-host';
import type { TraceInput } from '../work/work-protocol';
import { baseName, readBytes } from '../common/workspace-files';

export async function traceInputOf(uri: vscode.Uri, work: Pick<WorkHost, 'kind'>): Promise<TraceInput> {
  const fileName = baseName(uri);
  if (work.kind === 'worker' && uri.scheme === 'file') return { path: uri.fsPath, fileName };
  return { bytes: await readBytes(uri), fileName };
}
