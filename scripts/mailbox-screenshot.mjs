// Writes docs/mailbox.png and docs/mailbox-dark.png: a sandbox with a few sample messages,
// its mailbox opened in headless Chromium. Run with `npm run screenshot` (it builds first).
import { writeFile } from 'node:fs/promises';
import { Message, Sender } from '../dist/index.js';
import { startSandbox } from '../dist/sandbox.js';
import { launchChromium } from '../test/helpers/chromium.mjs';

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32">
  <rect width="32" height="32" rx="7" fill="#2458d6"/>
  <path d="M7 10l9 7 9-7M7 10h18v13H7z" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
  <text x="40" y="22" font-family="DejaVu Sans, Arial, sans-serif" font-size="16" font-weight="bold" fill="#1d2330">Acme</text>
</svg>`;

const WELCOME_HTML = `<!doctype html>
<html><body style="margin:0;background:#f3f5f9;font-family:DejaVu Sans,Arial,sans-serif;color:#1d2330">
  <table width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:28px 12px">
    <table width="520" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:10px;padding:28px">
      <tr><td><img src="cid:logo" alt="Acme" width="120" height="32"></td></tr>
      <tr><td style="padding-top:22px;font-size:22px;font-weight:bold">Welcome aboard, Ada!</td></tr>
      <tr><td style="padding-top:12px;font-size:15px;line-height:1.6">
        Your Acme account is ready. Confirm your address to start sending invoices
        and to invite your team.
      </td></tr>
      <tr><td style="padding-top:22px">
        <a href="https://example.com/confirm?u=42" style="background:#2458d6;color:#fff;text-decoration:none;padding:11px 20px;border-radius:6px;font-weight:bold;display:inline-block">Confirm my address</a>
      </td></tr>
      <tr><td style="padding-top:26px;font-size:12px;color:#6b7280">The guide to your first week is attached.</td></tr>
    </table>
  </td></tr></table>
</body></html>`;

const sandbox = await startSandbox({
  eventDelayMs: 0,
  templates: [
    {
      Name: 'Invoice',
      Alias: 'invoice',
      Subject: 'Invoice {{number}} from Acme',
      HtmlBody: '<p>Hi {{name}}, invoice <b>{{number}}</b> for {{total}} is attached.</p>',
      TextBody: 'Hi {{name}}, invoice {{number}} for {{total}} is attached.',
    },
  ],
});
const mailer = new Sender({
  serverToken: sandbox.token,
  baseUrl: sandbox.url,
  defaults: Message.from('Acme <hello@acme.example>').stream('outbound'),
});
const browser = await launchChromium();
try {
  await mailer.send(
    Message.to('Bob Stone <bob@example.com>')
      .subject('Your weekly digest')
      .text('Three new comments this week.')
      .tag('digest'),
  );
  await mailer.send(
    Message.to('HardBounce@bounce-testing.postmarkapp.com')
      .subject('Your weekly digest')
      .text('Three new comments this week.')
      .tag('digest'),
  );
  await mailer.sendWithTemplate(
    Message.to('carol@example.com')
      .template('invoice', { name: 'Carol', number: 'INV-1042', total: '€ 240.00' })
      .attach({ name: 'INV-1042.pdf', content: '%PDF-1.4 sample', contentType: 'application/pdf' })
      .tag('invoice'),
  );
  await mailer.send(
    Message.to('dan@example.com')
      .subject('Reset your password')
      .text('Someone asked to reset your password. Follow https://example.com/reset?t=abc')
      .html(
        '<p>Someone asked to reset your password.</p><p><a href="https://example.com/reset?t=abc">Reset it</a></p>',
      )
      .tag('password-reset'),
  );
  const welcome = await mailer.send(
    Message.to('Ada Lovelace <ada@example.com>')
      .cc('team@acme.example')
      .subject('Welcome to Acme, Ada')
      .html(WELCOME_HTML)
      .text('Welcome aboard, Ada! Confirm your address: https://example.com/confirm?u=42')
      .attach({
        name: 'logo.svg',
        content: LOGO,
        contentType: 'image/svg+xml',
        contentId: 'cid:logo',
      })
      .attach({
        name: 'first-week.pdf',
        content: '%PDF-1.4 sample',
        contentType: 'application/pdf',
      })
      .tag('welcome')
      .metadata({ userId: '42' })
      .trackOpens(true),
  );
  sandbox.flushEvents();
  sandbox.simulateOpen(welcome.messageId, { Client: { Name: 'Apple Mail' }, Platform: 'Desktop' });

  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  for (const [scheme, file] of [
    ['light', 'docs/mailbox.png'],
    ['dark', 'docs/mailbox-dark.png'],
  ]) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(`${sandbox.mailboxUrl}#${encodeURIComponent(welcome.messageId)}`);
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForSelector('#messages a.message[aria-current="true"]');
    const frame = await page.waitForFrame((candidate) => candidate.url().endsWith('/html'));
    await frame.waitForFunction(
      () => document.images[0]?.complete && document.images[0].naturalWidth > 0,
    );
    await page.evaluate(() => document.activeElement?.blur());
    await writeFile(file, await page.screenshot({ type: 'png' }));
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await sandbox.close();
}
