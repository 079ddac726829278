/** The subcommands, in the order `reaperscope --help` lists them. */
import type { Command } from '../command';

export const commands: Command[] = [];
