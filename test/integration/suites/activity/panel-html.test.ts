/** The panel's page: a strict Content Security Policy with a fresh nonce, the built bundle from dist/, nothing else. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { localResourceRoots, makeNonce, panelHtml } from '../../../../src/extension/activity/panel-html';
import { extensionId } from '../api';

suite('panel html', () => {
  test('scripts only with the page\'s nonce, nothing inline or remote, resources from dist/ only, the title escaped', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const panel = vscode.window.createWebviewPanel('reaperscope.test', 'test', vscode.ViewColumn.One, { localResourceRoots: localResourceRoots(extension.extensionUri) });
    try {
      const html = panelHtml(panel.webview, extension.extensionUri, 'a <b> & "c"');
      const nonce = /script-src 'nonce-([A-Za-z0-9]{32})'/.exec(html)?.[1];
      assert.ok(nonce, 'no script nonce in the CSP');
      assert.match(html, /default-src 'none'/);
      assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      // codicon.css and webview.js.
      assert.equal(urls.length, 2);
      assert.ok(urls.every((u) => /vscode-resource[^/]*\/.*\/dist\/[\w.-]+$/.test(u)), urls.join(' '));
      assert.equal(html.match(/<script /g)?.length, html.match(new RegExp(`<script nonce="${nonce}"`, 'g'))?.length);
      assert.match(html, /<title>a &lt;b&gt; &amp; &quot;c&quot;<\/title>/);
      assert.deepEqual(localResourceRoots(extension.extensionUri).map((u) => u.path.split('/').pop()), ['dist', 'media']);
    } finally {
      panel.dispose();
    }
  });

  test('each page gets a fresh nonce of 32 letters and digits', () => {
    const nonces = Array.from({ length: 20 }, makeNonce);
    assert.ok(nonces.every((n) => /^[A-Za-z0-9]{32}$/.test(n)), nonces.join(' '));
    // 20 draws of 62^32: a repeat means the nonce is not random.
    assert.equal(new Set(nonces).size, 20);
  });
});
