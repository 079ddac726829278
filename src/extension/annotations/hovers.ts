/**
 * Hovers on lock and scheduler sites in C code (`mtx_enter`, `KERNEL_LOCK`, `SCHED_LOCK`,
 * `tsleep_nsec`, `wakeup*`, `TRACEPOINT(...)`): simulated wait per variant and traced counts.
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from '../activity/analysis-store';
import { siteAt, siteHoverLines } from '../../core/annotations/lock-sites';
import { settings } from '../common/settings';
import { PATCHED_SCHEME, UNPATCHED_SCHEME } from '../review/virtual-documents';

export class SiteHovers implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly analysis: AnalysisStore) {
    this.registration = vscode.languages.registerHoverProvider(
      [{ language: 'c' }, { language: 'cpp' }, { scheme: PATCHED_SCHEME }, { scheme: UNPATCHED_SCHEME }], this);
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
    if (!settings().hovers) return null;
    const line = doc.lineAt(position.line).text;
    const site = siteAt(line, position.character);
    if (!site) return null;
    const markdown = new vscode.MarkdownString(siteHoverLines(site, this.analysis.simulation, this.analysis.trace?.counts ?? null).join('\n'));
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, new vscode.Range(position.line, site.start, position.line, site.end));
  }

  dispose(): void {
    this.registration.dispose();
  }
}
