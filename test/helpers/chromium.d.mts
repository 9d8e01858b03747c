import type { Browser } from 'puppeteer-core';

/** Launches headless Chromium; close it with `browser.close()`. */
export function launchChromium(): Promise<Browser>;
