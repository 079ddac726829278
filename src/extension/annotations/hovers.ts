/**
 * Hovers on lock and scheduler sites in C code (`mtx_enter`, `KERNEL_LOCK`, `SCHED_LOCK`,
 * `tsleep_nsec`, `wakeup*`, `TRACEPOINT(...)`): which step of the exit-path model the line is in
 * each variant (found by its function and statement), the simulated figures of that site — the
 * same mean [95 % CI] as the panel's table — or "removed by the patch", and the counts of an
 * OpenBSD trace that map to it.
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from '../activity/analysis-store';
import { siteAt, siteHeading } from '../../core/annotations/lock-sites';
import { lineFigures, modelStepsAt } from '../../core/annotations/line-model';
import { lineHoverLines } from '../../core/annotations/site-figures';
import type { CFunctionSpan } from '../../core/patch/c/c-functions';
import { settings } from '../common/settings';
import { PATCHED_SCHEME, UNPATCHED_SCHEME } from '../review/virtual-documents';
import { cFunctionFinder } from './c-functions-host';

export class SiteHovers implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;
  /** Function spans of the last document asked about, by URI and version. */
  private spans: { key: string; spans: CFunctionSpan[] } | null = null;

  constructor(private readonly analysis: AnalysisStore, private readonly extensionUri: vscode.Uri) {
    this.registration = vscode.languages.registerHoverProvider(
      [{ language: 'c' }, { language: 'cpp' }, { scheme: PATCHED_SCHEME }, { scheme: UNPATCHED_SCHEME }], this);
  }

  /** The name of the C function around 1-based `line`, or null (file scope, or no parser). */
  private async functionAt(doc: vscode.TextDocument, line: number): Promise<string | null> {
    const key = `${doc.uri.toString()}@${doc.version}`;
    if (this.spans?.key !== key) {
      const finder = await cFunctionFinder(this.extensionUri);
      this.spans = { key, spans: finder ? finder.functionSpans(doc.getText()) : [] };
    }
    return this.spans.spans.find((s) => s.startLine <= line && line <= s.endLine)?.name ?? null;
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | null> {
    if (!settings().hovers) return null;
    const line = doc.lineAt(position.line).text;
    const site = siteAt(line, position.character);
    if (!site) return null;
    const func = await this.functionAt(doc, position.line + 1);
    // Outside any function the line is no step of the model.
    const steps = func ? modelStepsAt(doc.uri.path, func, line) : [];
    const lines = lineHoverLines(siteHeading(site), steps, lineFigures(steps), this.analysis.simulation, this.analysis.trace?.counts ?? null);
    const markdown = new vscode.MarkdownString(lines.join('\n'));
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, new vscode.Range(position.line, site.start, position.line, site.end));
  }

  dispose(): void {
    this.registration.dispose();
  }
}
