import { describe, expect, it } from 'vitest';
import {
  Account,
  isApiError,
  isInvalidTokenError,
  Message,
  Sender,
  Server,
} from '../../src/index.js';
import { onSandbox, rejection } from './helpers.js';

// Every account call through the SDK against the sandbox: what the SDK sends is what the
// sandbox takes, and what the sandbox answers is what the SDK reads.
const e2e = onSandbox({ eventDelayMs: 0 });

describe('account.servers against the sandbox', () => {
  it('creates a server that sends at once with its own token, then edits and deletes it', async () => {
    const { account, sandbox } = e2e;
    const created = await account.servers.create({
      name: 'E2E staging',
      color: 'green',
      trackOpens: true,
    });
    expect(created).toMatchObject({
      name: 'E2E staging',
      color: 'green',
      trackOpens: true,
      deliveryType: 'Live',
    });
    const token = created.apiTokens?.[0] as string;

    const mailer = new Sender({
      serverToken: token,
      baseUrl: sandbox.url,
      defaults: Message.from('app@example.com'),
    });
    const { messageId } = await mailer.send({
      to: 'ada@example.com',
      subject: 'Hi',
      text: 'Hello',
    });
    const server = Server.of(mailer);
    expect((await server.info()).name).toBe('E2E staging');
    expect((await server.messages.details(messageId)).trackOpens).toBe(true);
    await expect(e2e.server.messages.details(messageId)).rejects.toThrow(/701/);

    expect((await account.servers.get(created.id)).id).toBe(created.id);
    expect((await account.servers.list({ name: 'E2E' })).servers.map((s) => s.name)).toEqual([
      'E2E staging',
    ]);
    const names: string[] = [];
    for await (const s of account.servers.all()) names.push(s.name);
    expect(names).toContain('Sandbox');
    expect((await account.servers.edit(created.id, { name: 'E2E renamed' })).name).toBe(
      'E2E renamed',
    );
    expect((await account.servers.delete(created.id)).message).toBe('Server E2E renamed removed.');
    const gone = await rejection(account.servers.get(created.id));
    expect(isApiError(gone) && gone.errorCode).toBe(601);
  });
});

describe('account.domains against the sandbox', () => {
  it('walks a domain through its verifications and a DKIM rotation', async () => {
    const { domains } = e2e.account;
    const domain = await domains.create({
      name: 'e2e.example',
      returnPathDomain: 'pm-bounces.e2e.example',
    });
    expect(domain).toMatchObject({
      name: 'e2e.example',
      dkimVerified: false,
      dkimUpdateStatus: 'Pending',
    });
    expect(domain.dkimPendingHost).toMatch(/pm\._domainkey\.e2e\.example$/);
    const refused = await rejection(domains.rotateDkim(domain.id));
    expect(isApiError(refused) && refused.errorCode).toBe(505);

    expect((await domains.verifyDkim(domain.id)).dkimVerified).toBe(true);
    expect((await domains.verifyReturnPath(domain.id)).returnPathDomainVerified).toBe(true);
    expect((await domains.verifySpf(domain.id)).spfVerified).toBe(true);
    expect((await domains.rotateDkim(domain.id)).dkimUpdateStatus).toBe('Pending');
    expect((await domains.get(domain.id)).dkimPendingHost).toBeDefined();
    expect(
      (await domains.edit(domain.id, { returnPathDomain: 'b.e2e.example' })).returnPathDomain,
    ).toBe('b.e2e.example');
    expect((await domains.list()).domains.map((d) => d.name)).toContain('e2e.example');
    const all = [];
    for await (const d of domains.all()) all.push(d.id);
    expect(all).toContain(domain.id);
    expect((await domains.delete(domain.id)).message).toBe('Domain e2e.example removed.');
  });
});

describe('account.senders against the sandbox', () => {
  it('creates, confirms (as the sandbox lets you), verifies and removes a signature', async () => {
    const { senders } = e2e.account;
    const sender = await senders.create({
      fromEmail: 'news@e2e.example',
      name: 'News',
      replyToEmail: 'help@e2e.example',
    });
    expect(sender).toMatchObject({
      emailAddress: 'news@e2e.example',
      domain: 'e2e.example',
      confirmed: false,
    });
    expect((await senders.resendConfirmation(sender.id)).message).toMatch(/re-sent/);
    e2e.sandbox.confirmSender(sender.id);
    expect((await senders.get(sender.id)).confirmed).toBe(true);
    const again = await rejection(senders.resendConfirmation(sender.id));
    expect(isApiError(again) && again.errorCode).toBe(506);
    expect((await senders.verifySpf(sender.id)).spfVerified).toBe(true);
    expect((await senders.edit(sender.id, { name: 'Newsletter' })).name).toBe('Newsletter');
    expect((await senders.list()).senderSignatures.map((s) => s.emailAddress)).toContain(
      'news@e2e.example',
    );
    for await (const s of senders.all()) expect(s.id).toBeGreaterThan(0);
    expect((await senders.delete(sender.id)).message).toBe('Signature news@e2e.example removed.');
  });

  it('requests a new DKIM key, and is refused a second while the first waits', async () => {
    const { senders } = e2e.account;
    const sender = await senders.create({ fromEmail: 'dkim@e2e.example', name: 'DKIM' });
    const requested = await senders.requestNewDkim(sender.id);
    expect(requested).toMatchObject({ id: sender.id, dkimUpdateStatus: 'Pending' });
    const refused = await rejection(senders.requestNewDkim(sender.id));
    expect(isApiError(refused) && refused.errorCode).toBe(505);
  });
});

describe('account.templates.push against the sandbox', () => {
  it('previews and performs a push between two servers', async () => {
    const { account, sandbox } = e2e;
    const target = await account.servers.create({ name: 'E2E push target' });
    sandbox.addTemplate({
      Name: 'Receipt',
      Alias: 'receipt',
      Subject: 'Receipt {{n}}',
      TextBody: 'Total {{total}}',
    });
    const input = { sourceServerId: 1, destinationServerId: target.id, performChanges: false };
    const preview = await account.templates.push(input);
    expect(preview.templates).toEqual([
      { action: 'Create', alias: 'receipt', name: 'Receipt', templateType: 'Standard' },
    ]);
    const done = await account.templates.push({ ...input, performChanges: true });
    expect(done.templates[0]).toMatchObject({ action: 'Create', templateId: expect.any(Number) });
    const server = new Server({
      serverToken: target.apiTokens?.[0] as string,
      baseUrl: sandbox.url,
    });
    expect((await server.templates.get('receipt')).subject).toBe('Receipt {{n}}');
    expect(
      (await account.templates.push({ ...input, performChanges: true })).templates[0]?.action,
    ).toBe('Edit');
  });
});

describe('account.dataRemovals against the sandbox', () => {
  it('requests a removal and reads its status', async () => {
    const { dataRemovals } = e2e.account;
    const removal = await dataRemovals.request({
      requestedBy: 'privacy@example.com',
      requestedFor: 'ada@example.com',
      notifyWhenCompleted: true,
    });
    expect(removal.id).toBeGreaterThan(0);
    expect((await dataRemovals.status(removal.id)).status).toBe('Done'); // eventDelayMs 0
    await expect(dataRemovals.status(9999)).rejects.toThrow(/404/);
  });
});

describe('the wrong token', () => {
  it('an Account given a server token is refused with an error saying an account token is needed', async () => {
    const { sandbox } = e2e;
    const account = new Account({ accountToken: sandbox.token, baseUrl: sandbox.url });
    const error = await rejection(account.servers.list());
    expect(isInvalidTokenError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /this endpoint needs an account token \(X-Postmark-Account-Token/,
    );
    // The server token is not the account token, and never shows in the error.
    expect((error as Error).message).not.toContain(sandbox.token);
  });

  it('a Server given the account token is refused with an error saying a server token is needed', async () => {
    const { sandbox } = e2e;
    const server = new Server({ serverToken: sandbox.accountToken, baseUrl: sandbox.url });
    const error = await rejection(server.info());
    expect(isInvalidTokenError(error)).toBe(true);
    expect((error as Error).message).toMatch(/this endpoint needs a server token/);
  });
});
