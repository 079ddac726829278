/** Paths and readers for the seed fixtures and the mail cases, shared by the read-patch tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '../../../fixtures');
export const MAIL = join(FIXTURES, 'mail');

/** A small format-patch mail, one kern_sched.c hunk in sched_exit counted by hand in the fixtures' README. */
export const SCHED_EXIT_PATCH = join(MAIL, 'sched-exit-dead-list.patch');

export const SEED = {
  patch: join(FIXTURES, 'one-reaper-per-cpu.patch'),
  review: join(FIXTURES, 'one-reaper-per-cpu.review.eml'),
  marc: join(FIXTURES, 'one-reaper-per-cpu.marc.txt'),
} as const;

/** The bytes of a fixture, as readPatch gets them from a file. */
export function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The lines of a fixture (index 0 is line 1). */
export function linesOf(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n');
}
