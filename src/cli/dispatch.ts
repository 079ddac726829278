/**
 * The `reaperscope` dispatcher: picks the subcommand (one per file in ./commands), prints
 * usage and the messages of usage and input errors, and returns the exit status: 0 success,
 * 1 bad input (the message names the file and line), 2 usage. All output goes through `io`, so
 * tests run it in process; main.ts is the program around it.
 */
import { InputError, UsageError, EXIT_BAD_INPUT, EXIT_USAGE, type CliIo, type Command } from './command';
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
    const command = commands.find((c) => c.name === rest[0]);
    io.out(command ? command.usage : summary());
    return command || rest.length === 0 ? 0 : EXIT_USAGE;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`reaperscope: unknown command '${name}'\n\n${summary()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`reaperscope ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.err(`reaperscope ${command.name}: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
