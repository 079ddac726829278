// Starts code-server (installed by vscode-install.mjs) on 127.0.0.1 on a free port, in its own
// process group, and guarantees the whole group is killed: on stop(), on process exit, on
// SIGINT/SIGTERM, and on uncaught errors. Webviews need a secure context: 127.0.0.1 is one.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** User settings for the test profile: no AI/chat prompts, no tips or welcome page getting in the way. */
export const testSettings = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.confirmBeforeClose': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
};

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race window accepted). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const live = new Set();
/** Kills the child's whole process group, also when the leader already died (orphans remain in it). */
function killGroup(child) {
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group already gone */ }
}
function killAll() { for (const child of live) killGroup(child); }
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { killAll(); process.exit(130); });
}

/**
 * @param {{ node: string, codeServerEntry: string }} install
 * @param {{ env?: Record<string,string>, log?: (line: string) => void, startTimeoutMs?: number }} [options]
 * @returns {Promise<{ origin: string, host: string, port: number, userDataDir: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer(install, options = {}) {
  const port = await freePort();
  const host = '127.0.0.1';
  const base = mkdtempSync(join(tmpdir(), 'reaperscope-code-server-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(testSettings, null, 2));
  const args = [install.codeServerEntry,
    '--bind-addr', `${host}:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  // detached: the server and everything it forks (extension host, pty host) share a new
  // process group (setsid), so one kill(-pid) stops them all.
  const child = spawn(install.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, VSCODE_PROXY_URI: '' },
  });
  live.add(child);
  const log = options.log ?? (() => {});
  let output = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.on('exit', resolve));

  const origin = `http://${host}:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`code-server did not answer ${origin}/healthz in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const stop = async () => {
    killGroup(child);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    live.delete(child);
    rmSync(base, { recursive: true, force: true });
  };
  return { origin, host, port, userDataDir, stop, output: () => output, exited };
}

/**
 * The workbench URL that loads the extension under development and (optionally) runs the
 * mocha `run()` in `testsPath` inside the real extension host (smoke-test driver only).
 * @param {{ host: string, port: number, origin: string }} server
 * @param {{ folder: string, extensionPath: string, testsPath?: string }} paths absolute paths
 */
export function developmentUrl(server, { folder, extensionPath, testsPath }) {
  const remote = (path) => `vscode-remote://${server.host}:${server.port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * A fresh copy of test/fixtures/workspace (the BSD-style kernel tree and patches) under `parent`:
 * tests may apply patches and edit files without touching the repository.
 * @returns the absolute path of the copy
 */
export function copyWorkspace(parent) {
  const source = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test', 'fixtures', 'workspace');
  const target = join(parent, 'workspace');
  cpSync(source, target, { recursive: true });
  return target;
}
