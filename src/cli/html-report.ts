/**
 * `compare --html FILE`: one self-contained HTML file — the built webview bundle
 * (dist/webview.js, and dist/webview.css when present) inlined with the view's data in
 * `<script type="application/json" id="reaperscope-view">{ "view": ActivityView }</script>`,
 * which the webview renders without a VS Code host. No network access.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './command';
import type { ActivityView } from '../core/analysis/activity-view-model';

/** Where the built webview lives: $REAPERSCOPE_WEBVIEW_DIR, next to dist/cli.js, or dist/ when running from source. */
function distDir(): string {
  const candidates = [process.env['REAPERSCOPE_WEBVIEW_DIR'] ?? __dirname, join(__dirname, '..', '..', 'dist')];
  return candidates.find((d) => existsSync(join(d, 'webview.js'))) ?? candidates[0]!;
}

/** Text safe inside a <script> element: no `</script`, no `<!--`. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function htmlReport(view: ActivityView, webviewDir = distDir()): string {
  const jsPath = join(webviewDir, 'webview.js');
  if (!existsSync(jsPath)) throw new InputError(`${jsPath}: the webview bundle is missing; run npm run build first`);
  const js = readFileSync(jsPath, 'utf8');
  const cssPath = join(webviewDir, 'webview.css');
  const css = existsSync(cssPath) ? readFileSync(cssPath, 'utf8') : '';
  // JSON inside <script>: escape '<' so no sequence can close the element.
  const data = JSON.stringify({ view }).replace(/</g, '\\u003c');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:">`,
    `<title>${escapeHtml(view.title)}</title>`,
    css ? `<style>\n${css.replace(/<\/(style)/gi, '<\\/$1')}\n</style>` : '',
    '</head>',
    '<body>',
    `<noscript>${escapeHtml(view.title)}: this report needs JavaScript to draw its charts.</noscript>`,
    `<script type="application/json" id="reaperscope-view">${data}</script>`,
    `<script>\n${scriptSafe(js)}\n</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
