// Temporary folders for the CLI tests: made before the test's body, removed after it (also
// when it fails).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Runs `body` with a new empty folder, then removes the folder. */
export async function withTempDir<T>(body: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'reaperscope-test-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `body` with a new folder holding `files` (path in the folder → text or bytes), then removes it. */
export function withTree<T>(files: Record<string, string | Uint8Array>, body: (tree: string) => Promise<T> | T): Promise<T> {
  return withTempDir((tree) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), content);
    }
    return body(tree);
  });
}
