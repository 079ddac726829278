export const testSettings: Record<string, unknown>;
export function freePort(): Promise<number>;
export interface CodeServer {
  origin: string; host: string; port: number; userDataDir: string;
  stop(): Promise<void>;
  output(): string;
  /** Resolves with the exit code when the server process ends. */
  exited: Promise<number | null>;
}
export function startCodeServer(
  install: { node: string; codeServerEntry: string },
  options?: { env?: Record<string, string>; log?: (line: string) => void; startTimeoutMs?: number },
): Promise<CodeServer>;
export function developmentUrl(server: CodeServer, paths: { folder: string; extensionPath: string; testsPath?: string }): string;
export function copyWorkspace(parent: string): string;
