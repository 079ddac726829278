// Runs the `reaperscope` CLI for the tests: in this process through the dispatcher's
// main(argv, io) (arguments, standard input, exit status, output, as a user sees them), or in
// a child process from its sources (node --import tsx src/cli/main.ts) for the few smoke tests
// of the program itself.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/dispatch';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `reaperscope ARGS...` in process; an internal error gives status 70 and its stack on stderr, as the program does. */
export async function runCli(args: string[], input?: string | Uint8Array): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    out: (text: string) => void (stdout += text),
    err: (text: string) => void (stderr += text),
    readStdin: async () => (typeof input === 'string' ? new TextEncoder().encode(input) : input ?? new Uint8Array()),
  };
  let status: number;
  try {
    status = await main(args, io);
  } catch (error) {
    stderr += `reaperscope: internal error: ${error instanceof Error ? error.stack : String(error)}\n`;
    status = 70;
  }
  return { status, stdout, stderr };
}

/** `reaperscope ARGS...` as a program, in a child process. */
export function spawnCli(args: string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root, input, encoding: 'utf8', timeout: 60_000, env: env ?? process.env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
