import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, Sender } from '../../src/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { launchChromium } from '../helpers/chromium.mjs';

// The mailbox in a real headless Chromium, as a developer uses it: messages sent through the
// SDK, the page open beside them. Every wait is on a condition of the page, never a sleep.

const TOKEN = 'browser-secret-token-5d1e8a';
// A 3×2 PNG, sent as an inline image.
const LOGO =
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGNQibgGQQxwFgBLIAftR1lFLwAAAABJRU5ErkJggg==';
// Each way a message could try to run script; each leaves a mark if it runs.
const EVIL_HTML = `<html><head><title>untouched</title></head><body>
<p id="evil">Nothing to see</p>
<script>document.title = 'ran'; document.body.dataset.script = 'ran';
try { parent.document.body.dataset.pwned = 'yes'; } catch {}</script>
<img src="cid:nothing-here" onerror="document.body.dataset.onerror = 'ran'">
</body></html>`;

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let mailer: Sender;
/** What the SDK posted, by subject: the JSON tab must show exactly this. */
const posted = new Map<string, unknown>();
const ids: Record<string, string> = {};
const consoleLines: string[] = [];

/** What Chromium logged about scripts it did not run in the HTML frame of message `id`. */
const blockedScripts = (id: string | undefined) =>
  consoleLines.filter(
    (line) => line.startsWith('Blocked script execution') && line.includes(`/messages/${id}/html`),
  );

/** Resolves once `condition` holds, checking every 10 ms for at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not met within 5 s: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Records each request body the Sender sends, then sends it.
const recordingFetch: typeof fetch = async (input, init) => {
  const body = input instanceof Request ? await input.clone().text() : String(init?.body);
  const json = JSON.parse(body);
  posted.set(json.Subject ?? json.TemplateAlias, json);
  return fetch(input, init);
};

beforeAll(async () => {
  sandbox = await startSandbox({
    token: TOKEN,
    eventDelayMs: 20,
    templates: [
      {
        Name: 'Receipt',
        Alias: 'receipt',
        Subject: 'Receipt {{number}}',
        TextBody: 'Thanks {{name}}, receipt {{number}}.',
      },
    ],
  });
  mailer = new Sender({
    serverToken: TOKEN,
    baseUrl: sandbox.url,
    defaults: Message.from('App <app@example.com>'),
    fetch: recordingFetch,
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (entry) => consoleLines.push(entry.text()));
  await page.setViewport({ width: 1280, height: 800 });

  ids.welcome = (
    await mailer.send(
      Message.to('Ada Lovelace <ada@example.com>')
        .subject('Welcome, Ada')
        .html('<h1>Welcome</h1><img id="logo" src="cid:logo" alt="logo">')
        .text('Welcome, Ada. Your account is ready.')
        .attach({ name: 'logo.png', content: Buffer.from(LOGO, 'base64'), contentId: 'cid:logo' })
        .attach({ name: 'terms.txt', content: 'Be kind.' })
        .header('X-Campaign', 'spring')
        .metadata({ userId: '42' })
        .tag('welcome')
        .trackOpens(true),
    )
  ).messageId;
  ids.evil = (
    await mailer.send(Message.to('bob@example.com').subject('Script inside').html(EVIL_HTML))
  ).messageId;
  ids.bounce = (
    await mailer.send(
      Message.to('HardBounce@bounce-testing.postmarkapp.com').subject('Digest').text('News'),
    )
  ).messageId;
  ids.receipt = (
    await mailer.sendWithTemplate(
      Message.to('carol@example.com').template('receipt', { name: 'Carol', number: 'R-7' }),
    )
  ).messageId;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const subjects = () =>
  page.$$eval('#messages a.message .subject', (nodes) => nodes.map((node) => node.textContent));

/** Opens a message by its link and waits until its detail shows. */
async function open(id: string | undefined) {
  await page.click(`#messages a[data-id="${id}"]`);
  await page.waitForSelector(`#detail[data-id="${id}"] [role="tab"]`);
}

async function showTab(name: string) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#panel-${name}:not([hidden])`);
}

const panelText = (name: string) => page.$eval(`#panel-${name}`, (node) => node.textContent ?? '');

/** The frame showing the HTML of message `id`, loaded. */
async function htmlFrame(id: string | undefined): Promise<Frame> {
  const frame = await page.waitForFrame((candidate) =>
    candidate.url().endsWith(`/mailbox/api/messages/${id}/html`),
  );
  await frame.waitForFunction(() => document.readyState === 'complete');
  return frame;
}

describe('the mailbox in a browser', () => {
  it('lists the messages newest first, and their status as the events happen', async () => {
    await page.goto(sandbox.mailboxUrl as string);
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForFunction(() => document.querySelectorAll('#messages a.message').length === 4);
    expect(await subjects()).toEqual(['Receipt R-7', 'Digest', 'Script inside', 'Welcome, Ada']);
    // Delivery events come 20 ms after each send: the feed brings the new statuses.
    await page.waitForSelector(`#messages a[data-id="${ids.bounce}"][data-status="bounced"]`);
    await page.waitForSelector(`#messages a[data-id="${ids.welcome}"][data-status="sent"]`);
    const welcome = await page.$eval(`#messages a[data-id="${ids.welcome}"]`, (node) =>
      node.textContent?.replace(/\s+/g, ' '),
    );
    for (const part of ['Ada Lovelace <ada@example.com>', 'from App', 'welcome', 'outbound'])
      expect(welcome).toContain(part);
    expect(await page.$eval('#count', (node) => node.textContent)).toBe('4 messages');
  });

  it('shows a message sent while the page is open, at once', async () => {
    ids.late = (
      await mailer.send(Message.to('dan@example.com').subject('Sent later').text('Hi'))
    ).messageId;
    await page.waitForFunction(
      () => document.querySelector('#messages a.message .subject')?.textContent === 'Sent later',
    );
    expect(await subjects()).toHaveLength(5);
  });

  it('is driven by the keyboard: Tab to the list, arrows and Enter to open', async () => {
    await page.focus('#search');
    await page.keyboard.press('Tab'); // the Clear button
    await page.keyboard.press('Tab'); // the newest message
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
      ids.late,
    );
    await page.keyboard.press('ArrowDown'); // moves and opens
    await page.waitForSelector(`#detail[data-id="${ids.receipt}"]`);
    expect(await page.$eval('#subject', (node) => node.textContent)).toBe('Receipt R-7');
    await page.keyboard.press('End');
    await page.waitForSelector(`#detail[data-id="${ids.welcome}"]`);

    await page.focus(`#messages a[data-id="${ids.bounce}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#detail[data-id="${ids.bounce}"]`);
    // The tabs follow the arrow keys too.
    await page.focus('#tab-text');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#tab-headers[aria-selected="true"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-headers');
    expect(await page.$eval('#panel-headers', (node) => (node as HTMLElement).hidden)).toBe(false);
  });

  it('shows the HTML in a sandboxed frame, with its cid: image loaded', async () => {
    await open(ids.welcome);
    await showTab('html');
    const sandboxed = await page.$eval('#panel-html iframe', (node) =>
      node.getAttribute('sandbox'),
    );
    expect(sandboxed).toBe('');
    const frame = await htmlFrame(ids.welcome);
    await frame.waitForFunction(() => {
      const logo = document.getElementById('logo') as HTMLImageElement | null;
      return logo?.complete && logo.naturalWidth > 0;
    });
    const size = await frame.$eval('#logo', (node) => [
      (node as HTMLImageElement).naturalWidth,
      (node as HTMLImageElement).naturalHeight,
    ]);
    expect(size).toEqual([3, 2]);
    expect(await frame.$eval('h1', (node) => node.textContent)).toBe('Welcome');
  });

  it('shows the text, the headers and exactly the JSON the SDK sent', async () => {
    await showTab('text');
    expect(await panelText('text')).toBe('Welcome, Ada. Your account is ready.');

    await showTab('headers');
    const headers = await page.$$eval('#panel-headers tbody tr', (rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)),
    );
    expect(headers).toContainEqual(['X-Campaign', 'spring']);
    expect(headers).toContainEqual(['To', 'Ada Lovelace <ada@example.com>']);
    expect(headers).toContainEqual(['X-PM-Tag', 'welcome']);

    await showTab('json');
    const shown = await page.$eval('#panel-json pre', (node) => node.textContent ?? '');
    expect(JSON.parse(shown)).toEqual(posted.get('Welcome, Ada'));
    // The store never had the token, so no view of it can show it.
    expect(await page.content()).not.toContain(TOKEN);
  });

  it('lists the attachments, each one a download of its bytes', async () => {
    await showTab('attachments');
    const rows = await page.$$eval('#panel-attachments tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ['logo.png', 'image/png', `${Buffer.from(LOGO, 'base64').length} B`, 'cid:logo'],
      ['terms.txt', 'text/plain', '8 B', ''],
    ]);
    const terms = await page.$eval('#panel-attachments a[download="terms.txt"]', async (link) => {
      const response = await fetch((link as HTMLAnchorElement).href);
      return [response.headers.get('content-disposition'), await response.text()];
    });
    expect(terms).toEqual(["attachment; filename*=UTF-8''terms.txt", 'Be kind.']);
  });

  it('shows the events, and an open as it happens', async () => {
    await showTab('events');
    expect(await panelText('events')).toContain('Delivered');
    expect(await panelText('events')).toContain('ada@example.com');
    sandbox.simulateOpen(ids.welcome as string, { Client: { Name: 'Apple Mail' } });
    await page.waitForFunction(() =>
      document.querySelector('#panel-events')?.textContent?.includes('Opened with Apple Mail'),
    );
    expect(await page.$eval('#tab-events', (node) => node.textContent)).toBe('Events (2)');

    await open(ids.bounce);
    await showTab('events');
    const bounce = await panelText('events');
    expect(bounce).toContain('Bounced');
    expect(bounce).toContain('Bounces');
    expect(bounce).toContain('HardBounce@bounce-testing.postmarkapp.com');
  });

  it('shows the template and the model of a templated send', async () => {
    await open(ids.receipt);
    await showTab('template');
    const shown = await panelText('template');
    expect(shown).toContain('receipt');
    expect(shown).toContain('Receipt'); // the template's name
    const model = await page.$eval('#panel-template pre', (node) => node.textContent ?? '');
    expect(JSON.parse(model)).toEqual({ name: 'Carol', number: 'R-7' });
    await showTab('text');
    expect(await panelText('text')).toBe('Thanks Carol, receipt R-7.');
  });

  it("runs no script of a message's HTML", async () => {
    const marks = (frame: Frame) =>
      frame.evaluate(() => ({ title: document.title, ...document.body.dataset }));
    // First, that the marks work: the same HTML in a plain page runs both scripts (and, as it
    // is its own parent there, marks itself `pwned` too).
    const control = await browser.newPage();
    try {
      await control.setContent(EVIL_HTML);
      await control.waitForFunction(() => document.body.dataset.onerror === 'ran');
      expect(await marks(control.mainFrame())).toEqual({
        title: 'ran',
        script: 'ran',
        pwned: 'yes',
        onerror: 'ran',
      });
    } finally {
      await control.close();
    }

    await open(ids.evil);
    await showTab('html');
    const frame = await htmlFrame(ids.evil);
    expect(await frame.$eval('#evil', (node) => node.textContent)).toBe('Nothing to see');
    // Chromium says so for each script it refuses to run: the element and the handler.
    await until(() => blockedScripts(ids.evil).length === 2);
    expect(await marks(frame)).toEqual({ title: 'untouched' });
    expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({});
  });

  it('searches by recipient, subject and tag', async () => {
    const search = async (text: string, expected: string[]) => {
      await page.click('#search', { count: 3 }); // selects what is there
      await page.keyboard.press('Backspace');
      if (text) await page.type('#search', text);
      await page.waitForFunction(
        (wanted) =>
          JSON.stringify(
            Array.from(document.querySelectorAll('#messages a.message .subject')).map(
              (node) => node.textContent,
            ),
          ) === wanted,
        {},
        JSON.stringify(expected),
      );
    };
    await search('carol', ['Receipt R-7']);
    await search('welcome', ['Welcome, Ada']); // subject and tag
    await search('bounce-testing', ['Digest']);
    await search('nobody', []);
    expect(
      await page.$eval('#empty', (node) => [(node as HTMLElement).hidden, node.textContent]),
    ).toEqual([false, 'No message matches “nobody”.']);
    await search('', ['Sent later', 'Receipt R-7', 'Digest', 'Script inside', 'Welcome, Ada']);
  });

  it('clears the mailbox', async () => {
    await page.click('#clear');
    await page.waitForFunction(() => document.querySelectorAll('#messages a.message').length === 0);
    expect(await page.$eval('#empty', (node) => (node as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval('#count', (node) => node.textContent)).toBe('0 messages');
    expect(sandbox.messages()).toEqual([]);
  });
});
