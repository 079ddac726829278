/**
 * The trace pick list: the workspace's trace files (by name, then by content: the first KB must
 * be a btrace, an ftrace or a trace.dat, so notes.txt and a patch saved as .txt are not offered)
 * with "Browse…" for anything else. "Compare Two Traces" asks in two steps that work where the
 * open dialog cannot select two files (code-server, vscode.dev): "before", then "after"; two
 * files selected in the explorer skip the questions. The single-trace commands ask once.
 */
import * as vscode from 'vscode';
import { TRACE_EXTENSIONS, TRACE_GLOB, traceChoices } from '../../core/trace/trace-file-choice';
import { DETECT_HEAD_BYTES, detectTraceFormat } from '../../core/trace/trace-format-detect';
import type { TraceFormat } from '../../core/trace/format-reader';
import { readFileHead } from '../common/file-head';

interface Choice extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** Files the workspace search looks at, at most. */
const MAX_CANDIDATES = 500;

/** The format of a trace file by its first KB, or null when it is no trace (or cannot be read). */
async function traceFormatOf(uri: vscode.Uri): Promise<TraceFormat | null> {
  const head = await readFileHead(uri, DETECT_HEAD_BYTES);
  return head ? detectTraceFormat(head.bytes, head.whole) : null;
}

/** The workspace's traces as pick items, trace folders first, without `exclude` (the trace picked before). */
async function workspaceTraces(exclude?: vscode.Uri): Promise<Choice[]> {
  const found = await vscode.workspace.findFiles(TRACE_GLOB, '**/{node_modules,.git,dist,out}/**', MAX_CANDIDATES);
  const byPath = new Map(found.map((u) => [vscode.workspace.asRelativePath(u, false), u]));
  const skip = exclude ? vscode.workspace.asRelativePath(exclude, false) : undefined;
  const paths = traceChoices([...byPath.keys()], skip);
  const formats = await Promise.all(paths.map((path) => traceFormatOf(byPath.get(path)!)));
  return paths.flatMap((path, i) => {
    const format = formats[i];
    return format ? [{ label: path.slice(path.lastIndexOf('/') + 1), description: `${path} · ${format}`, uri: byPath.get(path)! }] : [];
  });
}

/**
 * Asks for one trace: a quick pick of the workspace's traces, "Browse…" for any other file.
 * `what` names the trace in the prompts ("the trace before (the baseline)").
 */
export async function pickTrace(title: string, what: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const items = await workspaceTraces(exclude);
  const browse: Choice = { label: '$(folder-opened) Browse…', description: 'a trace outside this list' };
  const picked = await vscode.window.showQuickPick([...items, browse], {
    title,
    placeHolder: items.length > 0 ? `Pick ${what}` : 'No trace files in this workspace: browse for one',
    matchOnDescription: true, ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const opened = await vscode.window.showOpenDialog({
    title: `${what[0]!.toUpperCase()}${what.slice(1)}`, canSelectMany: false,
    filters: { Traces: [...TRACE_EXTENSIONS], 'All files': ['*'] },
  });
  return opened?.[0];
}

/** Asks for one trace of the pair: `step` 1 (before) or 2 (after); `exclude` is the trace picked before. */
function pickOne(step: 1 | 2, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const role = step === 1 ? 'before (the baseline)' : 'after (the patched kernel)';
  return pickTrace(`Compare Two Traces (${step}/2): the trace ${role}`, `the trace ${role}`, exclude);
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
