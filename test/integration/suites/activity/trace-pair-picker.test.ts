/**
 * The trace pick list in the extension host: it offers only files whose first KB is a trace (a
 * .txt of notes in the traces folder is not offered). The two-step dialog on screen is checked by
 * the UI test of Compare Two Traces.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { pickTrace } from '../../../../src/extension/activity/trace-pair-picker';
import { fixture, resetWorkbench } from '../api';

suite('trace pair picker', () => {
  teardown(resetWorkbench);

  test('the pick list leaves out a .txt that is no trace, even one sorted first in the traces folder', async () => {
    // "traces/a-notes.txt" would be the first choice by name (trace folders first, then by path).
    const notes = fixture('traces/a-notes.txt');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('Notes from the bpftrace run on the 8-CPU box.\nTODO: rerun with 5 seeds.\n'));
    try {
      const picked = pickTrace('Pick a trace', 'a trace');
      // Accept the first item once the list is up (the list is built after a search and a read of each head).
      let done = false;
      void picked.finally(() => { done = true; });
      for (const end = Date.now() + 20_000; !done && Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      const uri = await picked;
      assert.ok(uri, 'a trace was picked');
      assert.equal(vscode.workspace.asRelativePath(uri, false), 'traces/btrace-baseline.txt');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.workspace.fs.delete(notes);
    }
  });
});
