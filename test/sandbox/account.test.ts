import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORDING } from '../../src/postmark/error-codes.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { accountClient, client, message } from './helpers.js';

let sandbox: Sandbox;
let account: ReturnType<typeof accountClient>;
let server: ReturnType<typeof client>;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 0, accountToken: 'test-account-token' });
  account = accountClient(sandbox);
  server = client(sandbox);
});
afterAll(() => sandbox.close());

describe('the account token', () => {
  it('reaches the account endpoints, and a server token does not (401 / ErrorCode 10)', async () => {
    expect(sandbox.accountToken).toBe('test-account-token');
    expect((await account.get('/servers?count=10&offset=0')).status).toBe(200);
    // Case does not matter, as for server tokens.
    const upper = { ...sandbox, accountToken: sandbox.accountToken.toUpperCase() };
    expect((await accountClient(upper).get('/domains?count=1&offset=0')).status).toBe(200);

    const withServerToken = await server.get('/servers?count=10&offset=0');
    expect(withServerToken.status).toBe(401);
    expect(withServerToken.body).toEqual({
      ErrorCode: 10,
      Message: WORDING.accountTokenRequired,
    });
    const wrong = await accountClient({ ...sandbox, accountToken: 'not-the-account-token' }).get(
      '/senders?count=1&offset=0',
    );
    expect(wrong.body).toEqual({ ErrorCode: 10, Message: WORDING.invalidAccountToken });
    const none = await server.get('/servers?count=10&offset=0', { token: null });
    expect(none.body).toEqual({ ErrorCode: 10, Message: WORDING.missingToken });
  });

  it('does not reach a server endpoint', async () => {
    const answer = await account.post('/email', message());
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ ErrorCode: 10, Message: WORDING.serverTokenRequired });
  });

  it('must be a token the SDK would take, and differ from the server token', async () => {
    await expect(startSandbox({ accountToken: 'short' })).rejects.toThrow(
      'startSandbox: accountToken must be at least 8 characters',
    );
    await expect(startSandbox({ token: 'same-token', accountToken: 'SAME-TOKEN' })).rejects.toThrow(
      /must differ/,
    );
  });
});

describe('/servers', () => {
  it('starts with the sandbox server, and creates servers that send with their own token at once', async () => {
    const first = await account.get('/servers?count=10&offset=0');
    expect(first.body.Servers.map((s: { ID: number }) => s.ID)).toEqual([1]);
    expect(first.body.Servers[0].ApiTokens).toEqual([sandbox.token]);

    const created = await account.post('/servers', {
      Name: 'Staging',
      Color: 'Yellow',
      TrackOpens: true,
      DeliveryType: 'Sandbox',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      ID: 2,
      Name: 'Staging',
      Color: 'yellow',
      TrackOpens: true,
      DeliveryType: 'Sandbox',
    });
    const [token] = created.body.ApiTokens;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);

    // Its own state: a message sent with its token is its own, not the first server's.
    const staging = client({ url: sandbox.url, token });
    const before = sandbox.messages().length;
    expect((await staging.post('/email', message({ Subject: 'From staging' }))).status).toBe(200);
    expect(sandbox.messages().length).toBe(before);
    expect(
      sandbox
        .server(token)
        ?.messages()
        .map((m) => m.Subject),
    ).toEqual(['From staging']);
    expect((await staging.get('/server')).body.Name).toBe('Staging');
    const streams = await staging.get('/message-streams');
    expect(streams.body.MessageStreams.map((s: { ServerID: number }) => s.ServerID)).toEqual([
      2, 2, 2,
    ]);
    expect((await staging.get('/templates?count=10&offset=0')).body.TotalCount).toBe(0);
    expect(sandbox.servers().map((s) => s.id)).toEqual([1, 2]);
  });

  it('gets, lists by name, edits and deletes; keeps the sandbox server', async () => {
    const created = await account.post('/servers', { Name: 'Production EU' });
    const id = created.body.ID;
    expect((await account.get(`/servers/${id}`)).body.Name).toBe('Production EU');
    const byName = await account.get('/servers?count=10&offset=0&name=production');
    expect(byName.body.Servers.map((s: { Name: string }) => s.Name)).toEqual(['Production EU']);
    const edited = await account.putJson(`/servers/${id}`, { Name: 'Production', Color: 'red' });
    expect(edited.body).toMatchObject({ ID: id, Name: 'Production', Color: 'red' });
    const deleted = await account.delete(`/servers/${id}`);
    expect(deleted.body).toEqual({ ErrorCode: 0, Message: 'Server Production removed.' });
    expect((await account.get(`/servers/${id}`)).body.ErrorCode).toBe(601);
    // Its token no longer reaches anything.
    const gone = client({ url: sandbox.url, token: created.body.ApiTokens[0] });
    expect((await gone.get('/server')).status).toBe(401);
    expect((await account.delete('/servers/1')).body.ErrorCode).toBe(605);
  });

  it('refuses what Postmark refuses', async () => {
    const refusals: [unknown, number][] = [
      [{}, 608],
      [{ Name: ' ' }, 608],
      [{ Name: 'sandbox' }, 603],
      [{ Name: 'X', Color: 'pink' }, 300],
      [{ Name: 'X', InboundSpamThreshold: 99 }, 300],
      [{ Name: 'X', DeliveryType: 'Test' }, 300],
    ];
    for (const [json, code] of refusals) {
      const answer = await account.post('/servers', json);
      expect({ json, status: answer.status, code: answer.body.ErrorCode }).toEqual({
        json,
        status: 422,
        code,
      });
    }
    expect((await account.putJson('/servers/1', { Name: 'Staging' })).body.ErrorCode).toBe(603);
    expect((await account.get('/servers/999')).body.ErrorCode).toBe(601);
    expect((await account.get('/servers?count=0&offset=0')).status).toBe(422);
  });
});

describe('/domains', () => {
  it('gives plausible DNS records, and each verification flips its own flag', async () => {
    const created = await account.post('/domains', {
      Name: 'example.com',
      ReturnPathDomain: 'pm-bounces.example.com',
    });
    expect(created.status).toBe(200);
    const domain = created.body;
    expect(domain).toMatchObject({
      Name: 'example.com',
      SPFVerified: false,
      SPFHost: 'example.com',
      SPFTextValue: 'v=spf1 a mx include:spf.mtasv.net ~all',
      DKIMVerified: false,
      DKIMHost: '',
      DKIMUpdateStatus: 'Pending',
      ReturnPathDomain: 'pm-bounces.example.com',
      ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
      ReturnPathDomainVerified: false,
    });
    expect(domain.DKIMPendingHost).toMatch(/^\d{14}pm\._domainkey\.example\.com$/);
    expect(domain.DKIMPendingTextValue).toMatch(/^k=rsa;p=[A-Za-z0-9+/=]{200,}$/);

    const id = domain.ID;
    // A rotation while the first key is pending is refused (505).
    const early = await account.post(`/domains/${id}/rotatedkim`, {});
    expect(early.body).toEqual({ ErrorCode: 505, Message: 'This DKIM is already being renewed.' });

    const dkim = await account.put(`/domains/${id}/verifyDkim`);
    expect(dkim.body).toMatchObject({
      DKIMVerified: true,
      DKIMHost: domain.DKIMPendingHost,
      DKIMPendingHost: '',
      DKIMUpdateStatus: 'Verified',
    });
    expect(
      (await account.put(`/domains/${id}/verifyReturnPath`)).body.ReturnPathDomainVerified,
    ).toBe(true);
    expect((await account.post(`/domains/${id}/verifyspf`, {})).body.SPFVerified).toBe(true);

    const rotated = await account.post(`/domains/${id}/rotatedkim`, {});
    expect(rotated.body.DKIMUpdateStatus).toBe('Pending');
    expect(rotated.body.DKIMPendingTextValue).not.toBe(dkim.body.DKIMTextValue);
    const after = await account.put(`/domains/${id}/verifyDkim`);
    expect(after.body).toMatchObject({
      DKIMRevokedHost: dkim.body.DKIMHost,
      SafeToRemoveRevokedKeyFromDNS: true,
    });

    const list = await account.get('/domains?count=10&offset=0');
    expect(list.body).toEqual({
      TotalCount: 1,
      Domains: [
        {
          ID: id,
          Name: 'example.com',
          SPFVerified: true,
          DKIMVerified: true,
          WeakDKIM: false,
          ReturnPathDomainVerified: true,
        },
      ],
    });
    // A new Return-Path domain must be verified again.
    const edited = await account.putJson(`/domains/${id}`, {
      ReturnPathDomain: 'bounces.example.com',
    });
    expect(edited.body).toMatchObject({
      ReturnPathDomain: 'bounces.example.com',
      ReturnPathDomainVerified: false,
    });
    expect((await account.delete(`/domains/${id}`)).body.Message).toBe(
      'Domain example.com removed.',
    );
    expect((await account.get(`/domains/${id}`)).body.ErrorCode).toBe(510);
  });

  it('refuses what Postmark refuses', async () => {
    await account.post('/domains', { Name: 'taken.example' });
    for (const [json, code] of [
      [{}, 514],
      [{ Name: 'localhost' }, 516],
      [{ Name: 'TAKEN.example' }, 512],
      [{ Name: 'other.example', ReturnPathDomain: 'bounces.elsewhere.com' }, 511],
    ] as const) {
      expect({ json, code: (await account.post('/domains', json)).body.ErrorCode }).toEqual({
        json,
        code,
      });
    }
  });
});

describe('/senders', () => {
  it('creates signatures that a confirmation lets send, and verifies their SPF', async () => {
    const strict = await startSandbox({
      eventDelayMs: 0,
      senderSignatures: ['app@example.com'],
    });
    try {
      const admin = accountClient(strict);
      const mail = client(strict);
      const created = await admin.post('/senders', {
        FromEmail: 'news@example.org',
        Name: 'News',
        ReplyToEmail: 'help@example.org',
        ConfirmationPersonalNote: 'Please confirm',
      });
      expect(created.body).toMatchObject({
        ID: 1,
        Name: 'News',
        EmailAddress: 'news@example.org',
        Domain: 'example.org',
        ReplyToEmailAddress: 'help@example.org',
        Confirmed: false,
        ConfirmationPersonalNote: 'Please confirm',
        SPFVerified: false,
      });
      const from = message({ From: 'news@example.org' });
      expect((await mail.post('/email', from)).body.ErrorCode).toBe(400);
      expect((await admin.post('/senders/1/resend', {})).body.Message).toMatch(/re-sent/);
      // What following the emailed link does, through the sandbox's own endpoint.
      expect((await admin.post('/sandbox/senders/1/confirm', {})).body.Confirmed).toBe(true);
      expect((await mail.post('/email', from)).body.ErrorCode).toBe(0);
      expect((await admin.post('/senders/1/resend', {})).body.ErrorCode).toBe(506);

      expect((await admin.post('/senders/1/verifyspf', {})).body.SPFVerified).toBe(true);
      // A signature's first key is taken as found; a new one waits, and a second request is refused.
      expect(created.body.DKIMVerified).toBe(true);
      const dkim = await admin.post('/senders/1/requestnewdkim', {});
      expect(dkim.body).toMatchObject({ DKIMUpdateStatus: 'Pending', DKIMVerified: true });
      expect((await admin.post('/senders/1/requestnewdkim', {})).body.ErrorCode).toBe(505);
      expect((await admin.get('/senders?count=10&offset=0')).body.SenderSignatures).toEqual([
        {
          ID: 1,
          Name: 'News',
          EmailAddress: 'news@example.org',
          Domain: 'example.org',
          ReplyToEmailAddress: 'help@example.org',
          Confirmed: true,
        },
      ]);
      const edited = await admin.putJson('/senders/1', { Name: 'Newsletter' });
      expect(edited.body.Name).toBe('Newsletter');
      expect((await admin.delete('/senders/1')).body.Message).toBe(
        'Signature news@example.org removed.',
      );
      expect((await admin.get('/senders/1')).body.ErrorCode).toBe(501);

      // A domain whose DKIM key is verified covers every address at it.
      const domain = await admin.post('/domains', { Name: 'example.net' });
      expect((await mail.post('/email', message({ From: 'any@example.net' }))).body.ErrorCode).toBe(
        400,
      );
      await admin.put(`/domains/${domain.body.ID}/verifyDkim`);
      expect((await mail.post('/email', message({ From: 'any@example.net' }))).body.ErrorCode).toBe(
        0,
      );
    } finally {
      await strict.close();
    }
  });

  it('refuses what Postmark refuses', async () => {
    await account.post('/senders', { FromEmail: 'taken@example.com', Name: 'Taken' });
    for (const [json, code] of [
      [{ Name: 'No address' }, 520],
      [{ FromEmail: 'x@example.com' }, 520],
      [{ FromEmail: 'not an address', Name: 'X' }, 522],
      [{ FromEmail: 'TAKEN@example.com', Name: 'X' }, 504],
      [{ FromEmail: 'y@example.com', Name: 'Y', ReplyToEmail: 'nope' }, 522],
    ] as const) {
      expect({ json, code: (await account.post('/senders', json)).body.ErrorCode }).toEqual({
        json,
        code,
      });
    }
  });
});

describe('PUT /templates/push', () => {
  it('copies templates between servers by alias, reporting Create and Edit', async () => {
    const target = (await account.post('/servers', { Name: 'Push target' })).body;
    const targetApi = client({ url: sandbox.url, token: target.ApiTokens[0] });
    sandbox.addTemplate({
      Name: 'Layout',
      Alias: 'base',
      TemplateType: 'Layout',
      HtmlBody: '<b>{{{@content}}}</b>',
    });
    sandbox.addTemplate({
      Name: 'Welcome',
      Alias: 'welcome',
      Subject: 'Hi {{name}}',
      HtmlBody: 'Hello {{name}}',
      LayoutTemplate: 'base',
    });
    sandbox.addTemplate({ Name: 'No alias', Subject: 'x', TextBody: 'x' });
    await targetApi.post('/templates', {
      Name: 'Old welcome',
      Alias: 'welcome',
      Subject: 'Old',
      TextBody: 'Old',
    });

    const body = { SourceServerID: 1, DestinationServerID: target.ID, PerformChanges: false };
    const preview = await account.putJson('/templates/push', body);
    expect(preview.body).toEqual({
      TotalCount: 2,
      Templates: [
        {
          Action: 'Create',
          TemplateId: null,
          Alias: 'base',
          Name: 'Layout',
          TemplateType: 'Layout',
        },
        {
          Action: 'Edit',
          TemplateId: 1,
          Alias: 'welcome',
          Name: 'Welcome',
          TemplateType: 'Standard',
        },
      ],
    });
    expect((await targetApi.get('/templates/welcome')).body.Subject).toBe('Old');

    const pushed = await account.putJson('/templates/push', { ...body, PerformChanges: true });
    expect(pushed.body.Templates.map((t: { Action: string }) => t.Action)).toEqual([
      'Create',
      'Edit',
    ]);
    expect(pushed.body.Templates[0].TemplateId).toEqual(expect.any(Number));
    const copied = await targetApi.get('/templates/welcome');
    expect(copied.body).toMatchObject({
      Subject: 'Hi {{name}}',
      LayoutTemplate: 'base',
      AssociatedServerId: target.ID,
    });
    // The copy sends, wrapped in its copied layout.
    const sent = await targetApi.post('/email/withTemplate', {
      From: 'app@example.com',
      To: 'ada@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: { name: 'Ada' },
    });
    expect(sent.body.ErrorCode).toBe(0);
    expect(sandbox.server(target.ID)?.messages()[0]?.HtmlBody).toBe('<b>Hello Ada</b>');

    expect(
      (await account.putJson('/templates/push', { ...body, SourceServerID: 99 })).body.ErrorCode,
    ).toBe(601);
    expect(
      (
        await account.putJson('/templates/push', {
          SourceServerId: 1,
          DestinationServerId: target.ID,
        })
      ).body.ErrorCode,
    ).toBe(300);
  });
});

describe('/data-removals', () => {
  it('answers a request Pending, then Done once the sandbox has "removed" the data', async () => {
    const slow = await startSandbox({ eventDelayMs: 60_000 });
    try {
      const admin = accountClient(slow);
      const requested = await admin.post('/data-removals', {
        RequestedBy: 'privacy@example.com',
        RequestedFor: 'ada@example.com',
        NotifyWhenCompleted: true,
      });
      expect(requested.body).toEqual({ ID: 1, Status: 'Pending' });
      expect((await admin.get('/data-removals/1')).body.Status).toBe('Pending');
    } finally {
      await slow.close();
    }
    const done = await account.post('/data-removals', {
      RequestedBy: 'privacy@example.com',
      RequestedFor: 'ada@example.com',
      NotifyWhenCompleted: false,
    });
    expect((await account.get(`/data-removals/${done.body.ID}`)).body).toEqual({
      ID: done.body.ID,
      Status: 'Done',
    });
    expect((await account.get('/data-removals/999')).status).toBe(404);
    expect(
      (await account.post('/data-removals', { RequestedBy: 'x', RequestedFor: 'ada@example.com' }))
        .body.ErrorCode,
    ).toBe(300);
  });
});
