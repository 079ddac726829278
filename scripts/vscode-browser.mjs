// Headless Debian Chromium driven by playwright-core (no browser download). When Chromium is
// missing, fail with the command that installs it.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; REAPERSCOPE_CHROMIUM overrides it. */
export const chromiumPath = process.env.REAPERSCOPE_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export class ChromiumMissingError extends Error {}

/** Throws ChromiumMissingError (with install instructions) when the browser is not there. */
export function requireChromium() {
  if (!existsSync(chromiumPath)) {
    throw new ChromiumMissingError(
      `Chromium not found at ${chromiumPath}. The webview, integration and UI tests need it.\n` +
      'Install it with:  sudo apt-get install -y chromium libkrb5-dev\n' +
      '(or set REAPERSCOPE_CHROMIUM to a Chromium/Chrome binary).');
  }
}

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchChromium() {
  requireChromium();
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
