import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlReport } from '../../../src/cli/html-report';
import type { ActivityView } from '../../../src/core/analysis/activity-view-model';
import { withTempDir } from './temp-tree';

const view: ActivityView = { title: 'a <b>', source: 'simulation', runs: [], metrics: [], notes: ['</script>', '<!-- x'] };

/** The JSON of the data element, as the webview reads it. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="reaperscope-view">(.*?)<\/script>/s.exec(html);
  assert.ok(m, 'the data element is there');
  return JSON.parse(m[1]!);
}

test('htmlReport escapes the data and says what is missing', async () => {
  await withTempDir((dir) => {
    assert.throws(() => htmlReport(view, dir), /webview bundle is missing; run npm run build first/);
    writeFileSync(join(dir, 'webview.js'), '');
    const html = htmlReport(view, dir);
    assert.match(html, /<title>a &lt;b&gt;<\/title>/);
    assert.ok(html.includes('"notes":["\\u003c/script>","\\u003c!-- x"]'));
    assert.deepEqual(embedded(html), { view });
  });
});

test('the bundle and its style sheet are inlined so that neither can close its element; no network', async () => {
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'webview.js'), 'const s = "</script><!-- no";\n');
    writeFileSync(join(dir, 'webview.css'), 'body { color: red } /* </style> */\n');
    const html = htmlReport(view, dir);
    // Exactly the data element and the code element close: the code's own `</script` is escaped.
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
    assert.ok(html.includes('const s = "<\\/script><\\!-- no";'));
    assert.equal((html.match(/<\/style>/g) ?? []).length, 1);
    assert.ok(html.includes('/* <\\/style> */'));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.ok(!/https?:\/\//.test(html));
    assert.ok(html.startsWith('<!DOCTYPE html>\n') && html.endsWith('</html>\n'));
  });
});

test('without a style sheet there is no style element; $REAPERSCOPE_WEBVIEW_DIR names where the bundle is', async () => {
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'webview.js'), '/* bundle */');
    const saved = process.env['REAPERSCOPE_WEBVIEW_DIR'];
    process.env['REAPERSCOPE_WEBVIEW_DIR'] = dir;
    try {
      const html = htmlReport(view);
      assert.ok(html.includes('<script>\n/* bundle */\n</script>'));
      assert.ok(!html.includes('<style>'));
    } finally {
      if (saved === undefined) delete process.env['REAPERSCOPE_WEBVIEW_DIR'];
      else process.env['REAPERSCOPE_WEBVIEW_DIR'] = saved;
    }
  });
});
