/** The WorkHost that runs jobs on the extension host's own thread, yielding between pieces. */
import type * as vscode from 'vscode';
import { runJob } from './jobs';
import type { WorkHost } from './work-host';
import type { ResultOf, WorkRequest } from './work-protocol';

export class InProcessWorkHost implements WorkHost {
  readonly kind = 'in-process' as const;

  async run<R extends WorkRequest>(request: R, onProgress: (fraction: number | null, message: string) => void, token?: vscode.CancellationToken): Promise<ResultOf<R>> {
    const context = {
      progress: onProgress,
      get cancelled(): boolean {
        return token?.isCancellationRequested ?? false;
      },
    };
    return (await runJob(request, context)) as ResultOf<R>;
  }

  dispose(): void {}
}
