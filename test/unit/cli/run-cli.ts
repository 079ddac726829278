// Runs the `reaperscope` CLI for the tests: in this process through the dispatcher's
// main(argv, io) (arguments, standard input, exit status, output, as a user sees them), or in
// a child process from its sources (node --import tsx src/cli/main.ts) for the few smoke tests
// of the program itself.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/dispatch';
import type { CliIo } from '../../../src/cli/command';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** An io for a command or a CLI module called directly: standard input holds `input` (none: empty); what is written is kept. */
export function captureIo(input?: string | Uint8Array): CliIo & { stdout: string; stderr: string } {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input ?? new Uint8Array();
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    readStdin: async () => bytes,
  };
  return io;
}

/** `reaperscope ARGS...` in process; an internal error gives status 70 and its stack on stderr, as the program does. */
export async function runCli(args: string[], input?: string | Uint8Array): Promise<CliRun> {
  const io = captureIo(input);
  let status: number;
  try {
    status = await main(args, io);
  } catch (error) {
    io.stderr += `reaperscope: internal error: ${error instanceof Error ? error.stack : String(error)}\n`;
    status = 70;
  }
  return { status, stdout: io.stdout, stderr: io.stderr };
}

/** `reaperscope ARGS...` as a program, in a child process. */
export function spawnCli(args: string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root, input, encoding: 'utf8', timeout: 60_000, env: env ?? process.env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
