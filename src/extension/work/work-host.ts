/**
 * Running long work off the extension host's thread, with progress and cancel: one small
 * interface, a Node side (worker_threads, dist/worker.js) and an in-process side (for hosts
 * without workers, and as the fallback). A browser build would add a Web Worker side.
 */
import * as vscode from 'vscode';
import type { ResultOf, WorkRequest } from './work-protocol';

export interface WorkHost extends vscode.Disposable {
  /** Where the work runs, for messages and tests: `worker` or `in-process`. */
  readonly kind: 'worker' | 'in-process';
  run<R extends WorkRequest>(request: R, onProgress: (fraction: number | null, message: string) => void, token?: vscode.CancellationToken): Promise<ResultOf<R>>;
}

/** Runs `request` with a notification showing progress, and a Cancel button. */
export function runWithProgress<R extends WorkRequest>(host: WorkHost, title: string, request: R, extra?: (fraction: number | null, message: string) => void): Promise<ResultOf<R>> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    let last = 0;
    return host.run(request, (fraction, message) => {
      extra?.(fraction, message);
      if (fraction === null) {
        progress.report({ message });
        return;
      }
      const percent = Math.round(fraction * 100);
      progress.report({ message, increment: Math.max(0, percent - last) });
      last = Math.max(last, percent);
    }, token);
  }));
}
