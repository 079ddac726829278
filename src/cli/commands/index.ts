/** The subcommands, in the order `reaperscope --help` lists them. */
import type { Command } from '../command';
import { traceCommand } from './trace';

export const commands: Command[] = [traceCommand];
