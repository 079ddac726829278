/**
 * The `reaperscope` dispatcher: picks the subcommand (one per file in ./commands), prints
 * usage and the messages of usage and input errors, and returns the exit status: 0 success,
 * 1 bad input (the message names the file and line), 2 usage. All output goes through `io`, so
 * tests run it in process; main.ts is the program around it.
 */
import { cliErrorKind, EXIT_BAD_INPUT, EXIT_USAGE, type CliIo, type CommandEntry } from './command';
import { commands } from './commands';

function summary(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: reaperscope <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'reaperscope help <command> shows the options of one command.',
    '',
  ].join('\n');
}

/** Runs `reaperscope ARGV...` with `io`; resolves to the exit status. An internal error rejects. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(summary());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === 'help') {
    const entry = commands.find((c) => c.name === rest[0]);
    io.out(entry ? (await entry.load()).usage : summary());
    return entry || rest.length === 0 ? 0 : EXIT_USAGE;
  }
  const entry: CommandEntry | undefined = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`reaperscope: unknown command '${name}'\n\n${summary()}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const kind = cliErrorKind(error);
    if (kind === 'usage') {
      io.err(`reaperscope ${entry.name}: ${(error as Error).message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (kind === 'input') {
      io.err(`reaperscope ${entry.name}: ${(error as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
