import type { Browser } from 'playwright-core';
export const chromiumPath: string;
export const chromiumArgs: string[];
export class ChromiumMissingError extends Error {}
export function requireChromium(): void;
export function launchChromium(): Promise<Browser>;
