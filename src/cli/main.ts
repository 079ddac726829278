/**
 * The `reaperscope` program: standard input and output, the exit status, internal errors
 * (exit 70). The dispatcher is dispatch.ts.
 */
import type { CliIo } from './command';
import { main } from './dispatch';

const io: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  },
};

main(process.argv.slice(2), io).then(
  (status) => { process.exitCode = status; },
  (error: unknown) => {
    process.stderr.write(`reaperscope: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);
