/** Finding a patch path's file in the workspace and reading what the user sees: the unsaved text of an open editor first. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { baseName, exists, findWorkspaceFile, readBytes, readCurrent } from '../../../../src/extension/common/workspace-files';
import { fixture, noAutoSave, resetWorkbench, textOf } from '../api';

suite('workspace files', () => {
  suiteSetup(noAutoSave);
  teardown(resetWorkbench);

  test('a patch path names the file under the folder, or the shortest match one level down; none when absent', async () => {
    const sched = fixture('sys/kern/kern_sched.c');
    assert.equal((await findWorkspaceFile('sys/kern/kern_sched.c'))?.toString(), sched.toString());
    // `kern/kern_sched.c` is not under the folder itself: the search finds sys/kern/kern_sched.c.
    assert.equal((await findWorkspaceFile('kern/kern_sched.c'))?.toString(), sched.toString());
    assert.equal(await findWorkspaceFile('sys/kern/kern_nothing.c'), null);
    assert.equal(await exists(sched), true);
    assert.equal(await exists(fixture('sys/kern/kern_nothing.c')), false);
    assert.equal(baseName(sched), 'kern_sched.c');
  });

  test('the current text is the editor\'s unsaved text when there is one, else the file\'s', async () => {
    const uri = fixture('sys/sys/proc.h');
    const onDisk = await textOf(uri);
    const clean = await readCurrent(uri);
    assert.equal(clean.text, onDisk);
    assert.equal(clean.fromDocument, false);
    assert.deepEqual(clean.bytes, await readBytes(uri));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '/* unsaved */\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const dirty = await readCurrent(uri);
    assert.equal(dirty.fromDocument, true);
    assert.equal(dirty.text, `/* unsaved */\n${onDisk}`);
    assert.equal(new TextDecoder().decode(dirty.bytes), dirty.text);
    assert.equal(await textOf(uri), onDisk, 'nothing written');
  });
});
