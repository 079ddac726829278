import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliedMessage, autoSaveMode } from '../../../../../src/core/patch/apply/apply-summary';

test('with auto-save off the message says nothing is saved yet', () => {
  const text = appliedMessage('one-reaper-per-cpu.patch', { edited: 4, onDisk: 0 }, { mode: 'off', delayMs: 1000 });
  assert.match(text, /^applied one-reaper-per-cpu\.patch to 4 files\. Not saved/);
  assert.doesNotMatch(text, /auto-save/i);
});

test('with auto-save after a delay the message says the files are written, and when', () => {
  const text = appliedMessage('one-reaper-per-cpu.patch', { edited: 4, onDisk: 0 }, { mode: 'afterDelay', delayMs: 1000 });
  assert.match(text, /files\.autoSave: afterDelay/);
  assert.match(text, /1000 ms after the edit/);
  assert.doesNotMatch(text, /Not saved/);
});

test('created, deleted or renamed files are on disk whatever auto-save says', () => {
  // new-file.diff: proc.h edited, kern_reaper.c created.
  const text = appliedMessage('new-file.diff', { edited: 1, onDisk: 1 }, { mode: 'off', delayMs: 1000 });
  assert.match(text, /to 2 files\. 1 file created, deleted or renamed on disk at once\. Not saved/);
  const onlyCreated = appliedMessage('x.diff', { edited: 0, onDisk: 1 }, { mode: 'off', delayMs: 1000 });
  assert.doesNotMatch(onlyCreated, /Not saved/);
});

test('files.autoSave values outside VS Code\'s four count as off', () => {
  assert.deepEqual(['off', 'afterDelay', 'onFocusChange', 'onWindowChange', 'sometimes', undefined].map(autoSaveMode),
    ['off', 'afterDelay', 'onFocusChange', 'onWindowChange', 'off', 'off']);
});
