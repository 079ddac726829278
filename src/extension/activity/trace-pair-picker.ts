/**
 * The two traces of "Compare Two Traces", in two steps that work where the open dialog cannot
 * select two files (code-server, vscode.dev): "before", then "after", each a quick pick of the
 * workspace's trace files with "Browse…" for anything else. Two files selected in the explorer
 * skip the questions.
 */
import * as vscode from 'vscode';
import { TRACE_EXTENSIONS, TRACE_GLOB, traceChoices } from '../../core/trace/trace-file-choice';

interface Choice extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** Asks for one trace: `step` 1 (before) or 2 (after); `exclude` is the trace picked before. */
async function pickOne(step: 1 | 2, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(TRACE_GLOB, '**/{node_modules,.git,dist,out}/**', 500);
  const byPath = new Map(found.map((u) => [vscode.workspace.asRelativePath(u, false), u]));
  const skip = exclude ? vscode.workspace.asRelativePath(exclude, false) : undefined;
  const items: Choice[] = traceChoices([...byPath.keys()], skip).map((path) => ({
    label: path.slice(path.lastIndexOf('/') + 1), description: path, uri: byPath.get(path)!,
  }));
  const browse: Choice = { label: '$(folder-opened) Browse…', description: 'a trace outside this list' };
  const role = step === 1 ? 'before (the baseline)' : 'after (the patched kernel)';
  const picked = await vscode.window.showQuickPick([...items, browse], {
    title: `Compare Two Traces (${step}/2): the trace ${role}`,
    placeHolder: items.length > 0 ? `Pick the trace ${role}` : 'No trace files in this workspace: browse for one',
    matchOnDescription: true, ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const opened = await vscode.window.showOpenDialog({
    title: `The trace ${role}`, canSelectMany: false,
    filters: { Traces: [...TRACE_EXTENSIONS], 'All files': ['*'] },
  });
  return opened?.[0];
}

/**
 * The (before, after) pair: from the explorer's two selected files, from two URIs given by a
 * caller, or asked for in two steps. Undefined when the user cancels or selected another count.
 */
export async function pickTracePair(first?: unknown, second?: unknown): Promise<[vscode.Uri, vscode.Uri] | undefined> {
  if (first instanceof vscode.Uri && second instanceof vscode.Uri) return [first, second];
  // The explorer passes the clicked file and every selected one.
  if (Array.isArray(second) && second.every((u) => u instanceof vscode.Uri)) {
    if (second.length === 2) return [second[0] as vscode.Uri, second[1] as vscode.Uri];
    if (second.length > 2) {
      void vscode.window.showInformationMessage(`Reaperscope: select two traces to compare (${second.length} are selected).`);
      return undefined;
    }
  }
  const before = first instanceof vscode.Uri ? first : await pickOne(1);
  if (!before) return undefined;
  const after = await pickOne(2, before);
  return after ? [before, after] : undefined;
}
