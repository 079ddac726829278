/** Command-line parsing for one subcommand with node:util's parseArgs; mistakes become UsageError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` strictly: unknown options and missing values are usage errors. */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads a non-negative integer option value. */
export function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} wants a whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}
