/** The subcommands, in the order `reaperscope --help` lists them. */
import type { Command } from '../command';
import { applyCommand } from './apply';
import { patchCommand } from './patch';
import { diffVersionsCommand } from './diff-versions';
import { traceCommand } from './trace';
import { simulateCommand } from './simulate';
import { compareCommand } from './compare';
import { modelCommand } from './model';

export const commands: Command[] = [patchCommand, diffVersionsCommand, applyCommand, traceCommand, simulateCommand, compareCommand, modelCommand];
