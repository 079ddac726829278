/** Tree-sitter's C grammar for the extension: the wasm read from dist/ once, and a finder over the workspace's C files. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cGrammarWasm } from '../../../../src/extension/annotations/c-functions-host';
import { extensionId, fixture, lineOf, noAutoSave, openPatch, resetWorkbench, textOf } from '../api';

const extensionUri = (): vscode.Uri => {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension);
  return extension.extensionUri;
};

suite('c functions host', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('the runtime and the grammar are wasm modules, read once', async () => {
    const wasm = await cGrammarWasm(extensionUri());
    // Every wasm module starts with \0asm.
    const magic = [0x00, 0x61, 0x73, 0x6d];
    assert.deepEqual([...wasm.runtime.subarray(0, 4)], magic);
    assert.deepEqual([...wasm.grammar.subarray(0, 4)], magic);
    assert.equal(await cGrammarWasm(extensionUri()), wasm);
  });

  test('the extension\'s finder gives kern_sched.c\'s functions from their BSD-style first line to their closing brace', async () => {
    // The dry run keeps what the finder found in the file (FileReview.spans; empty without the grammar).
    const session = await openPatch('one-reaper-per-cpu.patch');
    const spans = session.files.find((f) => f.path === 'sys/kern/kern_sched.c')?.spans ?? [];
    const text = await textOf(fixture('sys/kern/kern_sched.c'));
    const idle = spans.find((s) => s.name === 'sched_idle');
    assert.ok(idle, `no sched_idle in ${spans.map((s) => s.name).join(', ')}`);
    // `void` on the line above `sched_idle(void *v)`; the body ends at the first `}` alone on a line after it.
    const head = lineOf(text, 'sched_idle(void *v)');
    assert.equal(idle.startLine, head - 1);
    const lines = text.split('\n');
    assert.equal(idle.endLine, lines.findIndex((l, i) => i >= head && l === '}') + 1);
    assert.ok(['sched_exit', 'sched_toidle', 'sched_peg_curproc'].every((name) => spans.some((s) => s.name === name)));
  });
});
