import { ServerClient } from 'postmark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

// The official `postmark` client against the sandbox: it writes paths and query names in its
// own case (GET /deliveryStats, `count`), as the real API accepts. A sandbox that answers
// only our SDK's spelling would fail code written for the official client.
let sandbox: Sandbox;
let official: ServerClient;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 0 });
  official = new ServerClient(sandbox.token, {
    useHttps: false,
    requestHost: new URL(sandbox.url).host,
    timeout: 5,
  });
});
afterAll(() => sandbox.close());

describe('the official postmark client against the sandbox', () => {
  it('sends, then reads bounces, delivery statistics and messages', async () => {
    const sent = await official.sendEmail({
      From: 'app@example.com',
      To: 'hardbounce@bounce-testing.postmarkapp.com',
      Subject: 'Hi',
      TextBody: 'Hello',
      TrackOpens: true,
    });
    expect(sent.ErrorCode).toBe(0);
    sandbox.flushEvents();
    const stats = await official.getDeliveryStatistics();
    expect(stats.InactiveMails).toBe(1);
    expect(sandbox.requests().map((request) => request.path)).toContain('/deliveryStats');
    const bounces = await official.getBounces({ count: 10, offset: 0 });
    expect(bounces.TotalCount).toBe(1);
    const messages = await official.getOutboundMessages({ count: 10, offset: 0 });
    expect(messages.Messages[0]?.MessageID).toBe(sent.MessageID);
    const details = await official.getOutboundMessageDetails(sent.MessageID);
    expect(details.MessageEvents[0]?.Type).toBe('Bounced');
  });

  it('manages templates and sends with one', async () => {
    const created = await official.createTemplate({
      Name: 'Welcome',
      Alias: 'welcome',
      Subject: 'Hi {{name}}',
      TextBody: 'Hello {{name}}',
    });
    const sent = await official.sendEmailWithTemplate({
      From: 'app@example.com',
      To: 'ada@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: { name: 'Ada' },
    });
    expect(sent.ErrorCode).toBe(0);
    expect(sandbox.messages().at(-1)?.Subject).toBe('Hi Ada');
    expect((await official.getTemplate(created.TemplateId)).Alias).toBe('welcome');
    expect((await official.getTemplates({ count: 10, offset: 0 })).TotalCount).toBe(1);
    const check = await official.validateTemplate({ Subject: '{{x}}', TestRenderModel: { x: 1 } });
    expect(check.Subject.RenderedContent).toBe('1');
    await official.editTemplate('welcome', { Subject: 'Welcome {{name}}' });
    await official.deleteTemplate('welcome');
    await expect(
      official.sendEmailWithTemplate({
        From: 'app@example.com',
        To: 'ada@example.com',
        TemplateAlias: 'welcome',
        TemplateModel: {},
      }),
    ).rejects.toMatchObject({ code: 1101 });
  });

  it('reads the server, opens, clicks and stats', async () => {
    const server = await official.editServer({ Name: 'Official', TrackOpens: true });
    expect(server.Name).toBe('Official');
    expect((await official.getServer()).TrackOpens).toBe(true);
    const { MessageID } = await official.sendEmail({
      From: 'app@example.com',
      To: 'ada@example.com',
      Subject: 'Hi',
      HtmlBody: '<a href="https://example.com/x">x</a>',
      TrackLinks: 'HtmlOnly' as never,
    });
    sandbox.simulateOpen(MessageID, { Platform: 'Desktop' });
    sandbox.simulateClick(MessageID, { OriginalLink: 'https://example.com/x' });
    expect((await official.getMessageOpens({ count: 10, offset: 0 })).TotalCount).toBe(1);
    const opens = await official.getMessageOpensForSingleMessage(MessageID, {
      count: 10,
      offset: 0,
    });
    expect(opens.Opens[0]?.Platform).toBe('Desktop');
    expect((await official.getMessageClicks({ count: 10, offset: 0 })).TotalCount).toBe(1);
    const overview = await official.getOutboundOverview();
    expect(overview).toMatchObject({ Sent: 3, Opens: 1, TotalClicks: 1 });
    expect((await official.getSentCounts()).Sent).toBe(3);
    expect((await official.getEmailOpenPlatformUsage()).Desktop).toBe(1);
    expect((await official.getClickLocation()).HTML).toBe(1);
  });

  it('manages streams, suppressions, webhooks and inbound rules', async () => {
    await official.createMessageStream({
      ID: 'receipts',
      Name: 'Receipts',
      MessageStreamType: 'Transactional',
    });
    expect((await official.getMessageStream('receipts')).Name).toBe('Receipts');
    expect((await official.getMessageStreams()).TotalCount).toBeGreaterThanOrEqual(4);
    const suppressed = await official.createSuppressions('receipts', {
      Suppressions: [{ EmailAddress: 'gone@example.com' }],
    });
    expect(suppressed.Suppressions[0]?.Status).toBe('Suppressed');
    expect((await official.getSuppressions('receipts')).Suppressions).toHaveLength(1);
    await expect(
      official.sendEmail({
        From: 'app@example.com',
        To: 'gone@example.com',
        Subject: 'Hi',
        TextBody: 'x',
        MessageStream: 'receipts',
      }),
    ).rejects.toMatchObject({ code: 406 });
    await official.deleteSuppressions('receipts', {
      Suppressions: [{ EmailAddress: 'gone@example.com' }],
    });
    await official.archiveMessageStream('receipts');
    await official.unarchiveMessageStream('receipts');

    const webhook = await official.createWebhook({
      Url: 'https://example.com/hooks',
      MessageStream: 'receipts',
      Triggers: { Bounce: { Enabled: true, IncludeContent: false } },
    });
    expect((await official.getWebhooks({ messageStream: 'receipts' })).Webhooks).toHaveLength(1);
    await official.deleteWebhook(webhook.ID as number);

    const rule = await official.createInboundRuleTrigger({ Rule: 'spam.example' });
    expect((await official.getInboundRuleTriggers({ count: 10, offset: 0 })).TotalCount).toBe(1);
    await official.deleteInboundRuleTrigger(rule.ID);
    expect((await official.getInboundMessages({ count: 10, offset: 0 })).TotalCount).toBe(0);
  });
});
