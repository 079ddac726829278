/** The subcommands, in the order `reaperscope --help` lists them. */
import type { Command } from '../command';
import { applyCommand } from './apply';
import { patchCommand } from './patch';
import { traceCommand } from './trace';

export const commands: Command[] = [patchCommand, applyCommand, traceCommand];
