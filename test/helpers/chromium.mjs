// A real headless Chromium for the browser tests and the mailbox screenshot. The browser is
// the one @sparticuz/chromium ships inside its npm package, so nothing is downloaded.
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';

// Its default flags are for serverless hosts; these two would switch off the very web
// security the mailbox tests rely on (the same-origin policy, mixed-content blocking).
const WEAKENING = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/** Launches headless Chromium; close it with `browser.close()`. */
export async function launchChromium() {
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((flag) => !WEAKENING.has(flag)),
    headless: true,
  });
}
