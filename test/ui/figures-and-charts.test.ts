/**
 * UI tests in the real workbench (code-server + headless Chromium) for the numbers, charts and
 * missing-data states: a hover and the CodeLens over exit2 show the panel table's own figures
 * (mean over the seeds with its interval) and "removed by the patch"; each variant keeps one
 * colour with 3:1 contrast on a light, a dark and a high-contrast theme; a btrace says "not
 * recorded in this trace" for locks; a Linux trace against the model is warned about and labelled
 * exit→free; the Patch view shows after opening a patch, Cancel is disabled while idle, and the
 * simulation and trace-vs-simulation panels are separate. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { contrastRatio, parseColor } from '../../webview/contrast';
import { goToLine, leaveClean, openPalette, openWorkbench, quickOpenFile, reopenInTraceEditor, repoRoot, runCommand, screenshot, uiTestsOn, webviewFrame, type Workbench } from './workbench';

let bench: Workbench;
before(async () => { bench = await openWorkbench(); });
after(async () => { await bench?.close(); });
afterEach(async () => { if (bench) await leaveClean(bench.page); });

const uiTest = uiTestsOn(() => bench);

/**
 * Puts the cursor on 1-based `line`, `offset` characters after its first non-blank one: Go to
 * Line, then Home (the first non-blank) and arrow keys. Go to Line's `:line:column` left the
 * cursor at column 1 of a tab-indented C line, where no hover is offered.
 */
async function goTo(page: Page, line: number, offset: number): Promise<void> {
  await goToLine(page, line);
  await page.keyboard.press('Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
}

/** 1-based line of `needle` inside function `func` of the workspace file, and its offset from the line's first non-blank character. */
function position(path: string, func: string, needle: string): { line: number; offset: number } {
  const lines = readFileSync(join(bench.workspace, path), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${func}(`));
  assert.ok(start >= 0, `no ${func}( in ${path}`);
  const at = lines.findIndex((l, i) => i > start && l.includes(needle));
  assert.ok(at > start, `no ${needle} after ${func}`);
  return { line: at + 1, offset: lines[at]!.indexOf(needle) - lines[at]!.search(/\S/) };
}

/** The text of the hover shown by "Show or Focus Hover" at `at`, once it holds `expected`. */
async function hoverAt(page: Page, at: { line: number; offset: number }, expected: string): Promise<string> {
  await goTo(page, at.line, at.offset);
  await runCommand(page, 'Show or Focus Hover');
  const hover = page.locator('.monaco-hover:visible', { hasText: expected }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  return (await hover.textContent()) ?? '';
}

/** The text of a metric row's cell (column 1 + run) in the panel's table. */
async function tableCell(frame: Frame, key: string, run: number): Promise<string> {
  return (await frame.locator(`vscode-table.metrics vscode-table-row[data-key="${key}"] vscode-table-cell`).nth(1 + run).textContent())?.trim() ?? '';
}

let simulation: Frame;

uiTest('the simulation panel: Cancel disabled while nothing runs, charts of idle hops and cross-CPU wakeups with legends', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Reaperscope: Simulate the Exit Path (Baseline, Patched, Lockless)');
  simulation = await webviewFrame(page, 120_000, /seed/);
  await simulation.waitForFunction(() => document.querySelectorAll('canvas').length >= 8, undefined, { timeout: 120_000 });
  assert.equal(await simulation.locator('vscode-button#cancel').evaluate((b) => b.hasAttribute('disabled')), true);
  const legends = await simulation.$$eval('.heat-legend', (ls) => ls.map((l) => l.getAttribute('data-chart')));
  assert.deepEqual(legends.sort(), ['cpu-utilisation', 'cross-cpu-wakeups', 'idle-hops', 'reaper-activity']);
  // Counts one way: grouped thousands and at most one decimal ("2,433.6", never "2433.60" next to "8,704").
  const cells = await simulation.locator('vscode-table.metrics vscode-table-row vscode-table-cell').allTextContents();
  assert.ok(cells.length > 20, `${cells.length} table cells`);
  for (const cell of cells.map((c) => c.trim())) {
    assert.doesNotMatch(cell, /\d{4,}/, `a count without grouped thousands: ${cell}`);
    // A cell of bare numbers (a count, no unit) has at most one decimal.
    if (!/[A-Za-zµ%/]/.test(cell)) assert.doesNotMatch(cell, /\d\.\d{2}/, `a count with two decimals: ${cell}`);
  }
  // The cost table cites what ships: every document it names is in the repository.
  const sources = await simulation.locator('.cost-source').allTextContents();
  const cited = [...new Set(sources.flatMap((t) => t.match(/[\w./-]+\.md\b/g) ?? []))];
  assert.ok(cited.length > 0, sources.join(' | '));
  for (const doc of cited) assert.ok(existsSync(join(repoRoot, doc)), `the cost table cites ${doc}, which the repository does not have`);
  await simulation.waitForTimeout(300);
  await screenshot(page, 'activity-panel');
});

uiTest('a hover on deadproc_mutex and the CodeLens over exit2 show the table\'s figures and "removed by the patch"', async () => {
  const { page } = bench;
  const baseline = await tableCell(simulation, 'lockWaitNs.deadproc_mutex', 0);
  const reaperWakeups = await tableCell(simulation, 'crossCpuWakeups.reaper', 0);
  assert.match(baseline, /\[.* – .*\]/, `the table shows the mean with its interval: ${baseline}`);
  await runCommand(page, 'Reaperscope: Open the Bundled Example Patch (One Reaper per CPU)');
  // The example opens its patch in an editor: wait for it, so it does not take the focus back later.
  await page.locator('.tabs-container .tab', { hasText: 'one-reaper-per-cpu.patch' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  await quickOpenFile(page, 'kern_exit.c');
  // The provider answers after the decoration's own hover line: wait for its text.
  const text = await hoverAt(page, position('sys/kern/kern_exit.c', 'reaper', 'mtx_enter(&deadproc_mutex)'), 'Exit-path model');
  assert.match(text, /patched: removed by the patch/);
  assert.ok(text.includes(`baseline ${baseline}`), `hover: ${text}\ntable: ${baseline}`);
  assert.doesNotMatch(text, /patched 0 ns/);
  await screenshot(page, 'hover-site-figures');
  await page.keyboard.press('Escape');

  // The parent's wakeup is no wakeup of a reaper: its hover never shows the reaper's count.
  const parentText = await hoverAt(page, position('sys/kern/kern_exit.c', 'reaper', 'wakeup(pr->ps_pptr)'), 'wakeup of a wait channel');
  assert.match(parentText, /ps_pptr/, parentText);
  assert.doesNotMatch(parentText, /wakeups of a reaper/, parentText);
  assert.ok(!parentText.includes(reaperWakeups), `the reaper's ${reaperWakeups} on the parent's wakeup: ${parentText}`);
  await page.keyboard.press('Escape');

  // exit2 is deleted by the patch: its lens names what the baseline does and that the others removed it.
  const exit2 = position('sys/kern/kern_exit.c', 'exit2', 'wakeup(&deadproc)');
  await goTo(page, exit2.line, exit2.offset);
  await page.locator('.codelens-decoration', { hasText: 'exit2 in the model' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const lenses = (await page.locator('.codelens-decoration').allTextContents()).join('\n');
  assert.match(lenses, /exit2 in the model vs baseline: patched removed by the patch · lockless removed by the patch/);
  assert.ok(lenses.includes(`sim cross-CPU wakeups of a reaper: baseline ${reaperWakeups} · patched removed by the patch`), lenses);
  await screenshot(page, 'codelens-exit2');
});

/** Picks a colour theme by name through Preferences: Color Theme. */
async function colorTheme(page: Page, name: string): Promise<void> {
  await openPalette(page, 'Preferences: Color Theme');
  // Not "Browse Color Themes in Marketplace": the row that starts with the command's title.
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: /^Preferences: Color Theme/ }).first().click({ timeout: 15_000 });
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
}

uiTest('each variant keeps one colour in every chart with 3:1 contrast on light, dark and high-contrast themes', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Reaperscope: Show Reaper Activity Panel');
  // The panel's webview takes the focus once it has loaded: let it, before the palette is used.
  await webviewFrame(page, 60_000, /seed/);
  for (const theme of ['Light Modern', 'Dark High Contrast', 'Dark Modern']) {
    await colorTheme(page, theme);
    const frame = await webviewFrame(page, 60_000, /seed/);
    await frame.waitForFunction(() => document.querySelectorAll('canvas[data-series]').length >= 8, undefined, { timeout: 60_000 });
    await frame.waitForTimeout(500);
    const charts = await frame.$$eval('canvas[data-series]', (cs) => cs.map((c) => ({ id: c.id, background: (c as HTMLElement).dataset.background!, series: JSON.parse((c as HTMLElement).dataset.series!) as { label: string; color: string }[] })));
    const colours = new Map<string, Set<string>>();
    for (const chart of charts) {
      const bg = parseColor(chart.background);
      assert.ok(bg, `${theme}: background ${chart.background}`);
      for (const s of chart.series) {
        const variant = s.label.split(' ')[0]!;
        colours.set(variant, (colours.get(variant) ?? new Set()).add(s.color));
        const ratio = contrastRatio(parseColor(s.color)!, bg);
        assert.ok(ratio >= 3, `${theme}: ${chart.id} ${s.label} ${s.color} on ${chart.background}: ${ratio.toFixed(2)}:1`);
      }
    }
    assert.ok(colours.size >= 2, `${theme}: ${[...colours.keys()].join(', ')}`);
    for (const [variant, set] of colours) assert.equal(set.size, 1, `${theme}: ${variant} drawn in ${[...set].join(', ')}`);
    await screenshot(page, `theme-${theme.toLowerCase().replaceAll(' ', '-')}`);
  }
});

uiTest('a btrace says "not recorded in this trace" for lock waits instead of 0 ns', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await reopenInTraceEditor(page, 'btrace-baseline.txt');
  const frame = await webviewFrame(page, 60_000, /btrace-baseline/);
  await frame.waitForFunction(() => document.querySelectorAll('canvas').length >= 8, undefined, { timeout: 60_000 });
  assert.match(await frame.textContent('.caveat[data-chart="lock-waits"]') ?? '', /Not recorded in this trace/);
  assert.equal(await tableCell(frame, 'lockWaitNs.deadproc_mutex', 0), 'not recorded in this trace');
  await frame.locator('figure[data-chart="lock-waits"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'trace-not-recorded');
});

uiTest('a Linux trace against the OpenBSD model is warned about, in its own panel, labelled exit→free', async () => {
  const { page } = bench;
  // The simulation's panel first: the comparison must not replace it.
  await runCommand(page, 'Reaperscope: Show Reaper Activity Panel');
  await webviewFrame(page, 60_000, /seed/);
  await reopenInTraceEditor(page, 'ftrace-flags5.txt');
  await webviewFrame(page, 60_000, /ftrace-flags5/);
  await runCommand(page, 'Reaperscope: Compare Trace with Simulation');
  const frame = await webviewFrame(page, 120_000, /vs simulation/);
  await frame.waitForSelector('.warnings', { timeout: 60_000 });
  assert.match(await frame.textContent('.warnings') ?? '', /Linux trace; the simulator models OpenBSD/);
  assert.match(await frame.textContent('figure[data-chart="exit-to-reap"] .chart-title') ?? '', /exit → free/i);
  // The simulation panel is still there: a tab of its own.
  const tabs = await page.locator('.tabs-container .tab').allTextContents();
  assert.ok(tabs.some((t) => /seed/.test(t)), tabs.join(' | '));
  assert.ok(tabs.some((t) => /vs simulation/.test(t)), tabs.join(' | '));
  await screenshot(page, 'linux-vs-model');
});

uiTest('opening a patch shows the Patch view', async () => {
  const { page } = bench;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Reaperscope: Close Patch');
  await runCommand(page, 'Explorer: Focus on Folders View');
  await runCommand(page, 'Reaperscope: Open the Bundled Example Patch (One Reaper per CPU)');
  const tree = page.locator('.pane:has(.pane-header:has-text("Patch")) .monaco-list-row');
  await tree.first().waitFor({ state: 'visible', timeout: 30_000 });
  assert.match((await tree.allTextContents()).join(' | '), /kern_sched\.c/);
  await screenshot(page, 'patch-view-revealed');
});

/** Lines (1-based, as the active editor numbers them) of the gutter marks drawn with `icon`. */
async function gutterMarks(page: Page, icon: string): Promise<number[]> {
  return page.evaluate((name) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return [];
    const numbers = [...editor.querySelectorAll('.margin .line-numbers')].map((n) => ({ line: Number(n.textContent), box: n.getBoundingClientRect() }));
    const lines = new Set<number>();
    for (const e of editor.querySelectorAll('.margin *')) {
      if (!getComputedStyle(e).backgroundImage.includes(name)) continue;
      const r = e.getBoundingClientRect();
      const y = r.top + r.height / 2;
      const at = numbers.find((n) => n.box.top <= y && y < n.box.bottom);
      if (at) lines.add(at.line);
    }
    return [...lines].sort((a, b) => a - b);
  }, icon);
}

uiTest('a reviewed C file: tabs 8 wide, a gutter mark where the patch only adds lines, and the Patch view\'s hunk hover indents + lines as the others', async () => {
  const { page } = bench;
  // The example patch is open (the test above). In reaper() it adds 2 lines after `\tstruct proc *p;`
  // and 5 after the blank line that follows `\tSCHED_ASSERT_UNLOCKED();` (fixture facts of the seed patch).
  const lines = readFileSync(join(bench.workspace, 'sys/kern/kern_exit.c'), 'utf8').split('\n');
  const reaper = lines.findIndex((l) => l.startsWith('reaper('));
  const afterDecl = lines.findIndex((l, i) => i > reaper && l === '\tstruct proc *p;') + 1;
  const afterAssert = lines.findIndex((l, i) => i > reaper && l === '\tSCHED_ASSERT_UNLOCKED();') + 2;
  assert.ok(reaper > 0 && afterDecl > reaper && afterAssert > afterDecl, 'fixture changed: reaper() in kern_exit.c');
  await quickOpenFile(page, 'kern_exit.c');
  await goToLine(page, afterDecl);
  await page.locator('.statusbar-item', { hasText: /^Tab Size: 8$/ }).first().waitFor({ timeout: 15_000 });

  let added: number[] = [];
  for (const end = Date.now() + 15_000; Date.now() < end; await page.waitForTimeout(250)) {
    added = (await gutterMarks(page, 'gutter-added.svg')).filter((line) => line > reaper && line <= afterAssert + 10);
    if (added.length >= 2) break;
  }
  assert.deepEqual(added, [afterDecl, afterAssert]);
  // Lines the patch removes or changes have marks of their own, never the added one.
  const others = [...await gutterMarks(page, 'gutter-removed.svg'), ...await gutterMarks(page, 'gutter-changed.svg')];
  assert.ok(others.length > 0 && others.every((l) => l !== afterDecl && l !== afterAssert), others.join(', '));
  // The mark's message: the hover at column 1 of its line (where the mark's decoration is).
  for (const [line, count] of [[afterDecl, 2], [afterAssert, 5]] as const) {
    await goToLine(page, line);
    await runCommand(page, 'Show or Focus Hover');
    await page.locator('.monaco-hover:visible', { hasText: `The patch adds ${count} lines after this line.` }).first().waitFor({ state: 'visible', timeout: 15_000 });
  }
  await screenshot(page, 'gutter-added-lines');
  await page.keyboard.press('Escape');

  // The hunk hover in the Patch view: a diff whose `+`, `-` and context lines indent alike (tabs of 8 after the sign).
  await runCommand(page, 'Reaperscope: Focus on Patch View');
  const row = page.locator('.pane:has(.pane-header:has-text("Patch")) .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^reaper$/ }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.hover();
  const tip = page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: 'tsleep_nsec' }).first();
  await tip.waitFor({ state: 'visible', timeout: 15_000 });
  const diff = (await tip.innerText()).replace(/\u00a0/g, ' ').split('\n');
  const at = (text: string): { sign: string; column: number } => {
    const line = diff.find((l) => l.includes(text));
    assert.ok(line, `no ${text} in the hunk hover:\n${diff.join('\n')}`);
    return { sign: line[0]!, column: line.indexOf(text) };
  };
  // One tab deep: context `struct proc *p;` and added `struct cpu_info *ci = arg;` start at column 1 + 8.
  assert.deepEqual(at('struct proc *p;'), { sign: ' ', column: 9 });
  assert.deepEqual(at('struct cpu_info *ci = arg;'), { sign: '+', column: 9 });
  // Three tabs deep: removed `msleep_nsec(` and added `tsleep_nsec(` start at column 1 + 24.
  assert.deepEqual(at('msleep_nsec(&deadproc,'), { sign: '-', column: 25 });
  assert.deepEqual(at('tsleep_nsec(&spc->spc_deadproc,'), { sign: '+', column: 25 });
  await screenshot(page, 'hunk-hover');
  await page.mouse.move(5, 500);
});
