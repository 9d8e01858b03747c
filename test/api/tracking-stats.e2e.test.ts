import { beforeEach, describe, expect, it } from 'vitest';
import { Message, SearchWindowError } from '../../src/index.js';
import { onSandbox } from './helpers.js';

// Real HTTP against the sandbox: settings changed through Server decide what is tracked;
// opens and clicks are simulated; opens, clicks and stats are read back through the SDK.
const e2e = onSandbox({
  eventDelayMs: 0,
  defaults: Message.from('app@example.com').tag('welcome'),
});
beforeEach(() => e2e.sandbox.reset());

const html = '<p>Hi <a href="https://example.com/start">start</a></p>';

describe('e2e.server settings against the sandbox', () => {
  it('info() and edit() round-trip, and the settings apply to sends', async () => {
    const before = await e2e.server.info();
    expect(before).toMatchObject({ id: 1, trackOpens: false, trackLinks: 'None' });
    expect(before.apiTokens).toEqual(['[redacted]']);
    expect(before.inboundAddress).toMatch(/@inbound\.postmarkapp\.com$/);

    const after = await e2e.server.edit({ name: 'Demo', color: 'Green', trackOpens: true });
    expect(after).toMatchObject({ name: 'Demo', color: 'green', trackOpens: true });
    expect(await e2e.server.info()).toEqual(after);

    // A message that does not say takes the server's tracking.
    const { messageId } = await e2e.mailer.send(
      Message.to('ada@example.com').subject('S').html(html),
    );
    expect((await e2e.server.messages.details(messageId)).trackOpens).toBe(true);
    expect(e2e.sandbox.simulateOpen(messageId)).toMatchObject({ FirstOpen: true });

    await e2e.server.edit({ trackOpens: false, name: 'Sandbox', color: 'purple' });
  });
});

describe('opens and clicks against the sandbox', () => {
  it('simulated opens and clicks are searched, listed per message and shown as events', async () => {
    const message = Message.to('ada@example.com')
      .cc('bo@example.com')
      .subject('Welcome')
      .html(html)
      .text('Start at https://example.com/text-start')
      .metadata({ OrderID: 'A-1' })
      .trackOpens(true)
      .trackLinks('HtmlAndText');
    const { messageId } = await e2e.mailer.send(message);

    e2e.sandbox.simulateOpen(messageId, {
      Platform: 'Mobile',
      Client: { Name: 'Gmail', Family: 'Gmail', Company: 'Google' },
      ReadSeconds: 12,
    });
    e2e.sandbox.simulateOpen(messageId, { Recipient: 'bo@example.com', Platform: 'Desktop' });
    e2e.sandbox.simulateOpen(messageId, { Platform: 'Mobile' });
    e2e.sandbox.simulateClick(messageId, { OriginalLink: 'https://example.com/start' });
    e2e.sandbox.simulateClick(messageId, {
      OriginalLink: 'https://example.com/text-start',
      Recipient: 'bo@example.com',
    });

    const all = await e2e.server.opens.search();
    expect(all.totalCount).toBe(3);
    expect(all.opens.map((open) => [open.recipient, open.firstOpen])).toEqual([
      ['ada@example.com', false],
      ['bo@example.com', true],
      ['ada@example.com', true],
    ]);
    expect(all.opens[2]).toMatchObject({
      messageId,
      tag: 'welcome',
      platform: 'Mobile',
      readSeconds: 12,
      client: { name: 'Gmail' },
      metadata: { OrderID: 'A-1' },
      receivedAt: expect.any(Date),
    });
    const gmail = await e2e.server.opens.search({ clientName: 'gmail', platform: 'Mobile' });
    expect(gmail.totalCount).toBe(1);
    expect((await e2e.server.opens.forMessage(messageId, { count: 2 })).opens).toHaveLength(2);

    const { clicks } = await e2e.server.clicks.forMessage(messageId);
    expect(clicks.map((click) => [click.originalLink, click.clickLocation])).toEqual([
      ['https://example.com/text-start', 'Text'],
      ['https://example.com/start', 'HTML'],
    ]);
    const ids = [];
    for await (const click of e2e.server.clicks.all({ recipient: 'bo@example.com' }))
      ids.push(click.recipient);
    expect(ids).toEqual(['bo@example.com']);

    const { events } = await e2e.server.messages.details(messageId);
    expect(events.map((event) => event.type).sort()).toEqual([
      'Delivered',
      'Delivered',
      'LinkClicked',
      'LinkClicked',
      'Opened',
      'Opened',
      'Opened',
    ]);
  });

  it('refuses an open or click that could not have happened', async () => {
    const plain = await e2e.mailer.send(Message.to('ada@example.com').subject('S').html(html));
    expect(() => e2e.sandbox.simulateOpen(plain.messageId)).toThrow(/without open tracking/);
    expect(() =>
      e2e.sandbox.simulateClick(plain.messageId, { OriginalLink: 'https://example.com/start' }),
    ).toThrow(/without link tracking/);
    const bounced = await e2e.mailer.send(
      Message.to('hardbounce@bounce-testing.postmarkapp.com')
        .subject('S')
        .html(html)
        .trackOpens(true),
    );
    expect(() => e2e.sandbox.simulateOpen(bounced.messageId)).toThrow(/was not delivered/);
    const tracked = await e2e.mailer.send(
      Message.to('ada@example.com').subject('S').html(html).trackLinks('HtmlOnly'),
    );
    expect(() =>
      e2e.sandbox.simulateClick(tracked.messageId, { OriginalLink: 'https://elsewhere.example' }),
    ).toThrow(/is not a tracked link of the message's HTML body/);
    expect(() =>
      e2e.sandbox.simulateClick(tracked.messageId, {
        OriginalLink: 'https://example.com/start',
        ClickLocation: 'Text',
      }),
    ).toThrow(/text body/);
    expect(() => e2e.sandbox.simulateOpen('no-such-id')).toThrow(/was not found/);
    expect(() =>
      e2e.sandbox.simulateOpen(plain.messageId, { Recipient: 'eve@example.com' } as never),
    ).toThrow(/not a recipient/);
  });
});

describe('all() past the 10,000 window of a search, against the sandbox', () => {
  it('yields the 10,000 clicks Postmark shows, then says the rest were not reached', async () => {
    // Clicks, not opens, to fill the window: the sandbox records a click without looking for
    // an earlier one, so 10,001 of them take a second rather than several.
    const { messageId } = await e2e.mailer.send(
      Message.to('ada@example.com').subject('S').html(html).trackLinks('HtmlOnly'),
    );
    const link = { OriginalLink: 'https://example.com/start' };
    for (let i = 0; i < 10_001; i++) e2e.sandbox.simulateClick(messageId, link);
    let seen = 0;
    let thrown: unknown;
    try {
      for await (const _ of e2e.server.clicks.all({ recipient: 'ada@example.com' })) seen++;
    } catch (error) {
      thrown = error;
    }
    expect(seen).toBe(10_000);
    expect(thrown).toBeInstanceOf(SearchWindowError);
    expect(thrown).toMatchObject({ totalCount: 10_001, yielded: 10_000 });
    expect((thrown as Error).message).toContain('the 1 past the 10000th were not reached');
    expect((thrown as Error).message).toContain('clicks.all() takes no date filter');
    expect((thrown as Error).message).not.toContain('fromDate');
  }, 30_000);
});

describe('stats against the sandbox', () => {
  it('counts what was stored: sends, bounces, spam, tracking, opens and clicks', async () => {
    const tracked = (to: string) =>
      Message.to(to).subject('S').html(html).trackOpens(true).trackLinks('HtmlOnly');
    const a = await e2e.mailer.send(tracked('ada@example.com'));
    const b = await e2e.mailer.send(tracked('bo@example.com'));
    await e2e.mailer.send(
      Message.to('hardbounce@bounce-testing.postmarkapp.com').subject('S').text('x'),
    );
    await e2e.mailer.send(
      Message.to('spamcomplaint@bounce-testing.postmarkapp.com').subject('S').text('x'),
    );
    await e2e.mailer.send(Message.to('cy@example.com').subject('S').text('x').tag('other'));
    e2e.sandbox.flushEvents();
    e2e.sandbox.simulateOpen(a.messageId, {
      Platform: 'Mobile',
      Client: { Family: 'Gmail' },
      ReadSeconds: 3,
    });
    e2e.sandbox.simulateOpen(a.messageId, { Platform: 'Mobile', Client: { Family: 'Gmail' } });
    e2e.sandbox.simulateOpen(b.messageId, { Platform: 'Desktop', Client: { Name: 'Apple Mail' } });
    e2e.sandbox.simulateClick(a.messageId, {
      OriginalLink: 'https://example.com/start',
      Platform: 'Mobile',
    });
    e2e.sandbox.simulateClick(a.messageId, {
      OriginalLink: 'https://example.com/start',
      Platform: 'Mobile',
    });

    const overview = await e2e.server.stats.overview({ tag: 'welcome' });
    expect(overview).toMatchObject({
      sent: 4,
      bounced: 1,
      spamComplaints: 1,
      bounceRate: 25,
      spamComplaintsRate: 25,
      opens: 3,
      uniqueOpens: 2,
      tracked: 2,
      withOpenTracking: 2,
      withLinkTracking: 2,
      withClientRecorded: 2,
      withReadTimeRecorded: 1,
      totalClicks: 2,
      uniqueLinksClicked: 1,
      totalTrackedLinksSent: 2,
    });
    expect((await e2e.server.stats.overview()).sent).toBe(5);
    expect((await e2e.server.stats.overview({ tag: 'nothing' })).sent).toBe(0);

    const sends = await e2e.server.stats.sends({ tag: 'welcome' });
    expect(sends.sent).toBe(4);
    expect(sends.days).toHaveLength(1);
    expect(sends.days[0]?.sent).toBe(4);
    expect(sends.days[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await e2e.server.stats.bounces()).toMatchObject({ hardBounce: 1, softBounce: 0 });
    expect((await e2e.server.stats.spam()).spamComplaint).toBe(1);
    expect((await e2e.server.stats.tracked()).tracked).toBe(2);
    expect(await e2e.server.stats.opens()).toMatchObject({ opens: 3, unique: 2 });
    expect(await e2e.server.stats.openPlatforms()).toMatchObject({
      mobile: 2,
      desktop: 1,
      webMail: 0,
    });
    expect((await e2e.server.stats.openClients()).counts).toEqual({ Gmail: 2, 'Apple Mail': 1 });
    expect((await e2e.server.stats.readTimes()).counts).toEqual({ '3s': 1 });
    expect(await e2e.server.stats.clicks()).toMatchObject({ clicks: 2, unique: 1 });
    expect((await e2e.server.stats.clickBrowsers()).counts).toEqual({ Unknown: 2 });
    expect(await e2e.server.stats.clickPlatforms()).toMatchObject({ mobile: 2, desktop: 0 });
    expect(await e2e.server.stats.clickLocations()).toMatchObject({ html: 2, text: 0 });

    // The dates count by Eastern day: a range that ends before today counts nothing.
    const today = sends.days[0]?.date as string;
    expect((await e2e.server.stats.sends({ toDate: '2000-01-01' })).sent).toBe(0);
    expect((await e2e.server.stats.sends({ fromDate: today, toDate: today })).sent).toBe(5);
  });
});
