import { AccountClient, ServerClient } from 'postmark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

// The official client's AccountClient and bulk calls against the sandbox, in the official
// client's own spelling (PUT /domains/{id}/verifyDKIM, POST /domains/, SourceServerID).
let sandbox: Sandbox;
let account: AccountClient;
let official: ServerClient;

beforeAll(async () => {
  sandbox = await startSandbox({ eventDelayMs: 0 });
  const options = { useHttps: false, requestHost: new URL(sandbox.url).host, timeout: 5 };
  account = new AccountClient(sandbox.accountToken, options);
  official = new ServerClient(sandbox.token, options);
});
afterAll(() => sandbox.close());

describe('the official AccountClient against the sandbox', () => {
  it('manages servers, and pushes templates between them', async () => {
    const created = await account.createServer({ Name: 'Official staging' });
    expect((await account.getServer(created.ID)).Name).toBe('Official staging');
    expect((await account.getServers({ count: 10, offset: 0 })).TotalCount).toBe(2);
    await account.editServer(created.ID, { Color: 'red' });
    sandbox.addTemplate({ Name: 'T', Alias: 'official-t', Subject: 'S', TextBody: 'B' });
    const push = await account.pushTemplates({
      SourceServerID: 1,
      DestinationServerID: created.ID,
      PerformChanges: true,
    });
    expect(push.Templates.map((t) => t.Action)).toEqual(['Create']);
    expect((await account.deleteServer(created.ID)).ErrorCode).toBe(0);
  });

  it('manages domains and sender signatures', async () => {
    const domain = await account.createDomain({ Name: 'official.example' });
    expect((await account.verifyDomainDKIM(domain.ID)).DKIMVerified).toBe(true);
    expect((await account.verifyDomainSPF(domain.ID)).SPFVerified).toBe(true);
    await account.verifyDomainReturnPath(domain.ID);
    expect((await account.rotateDomainDKIM(domain.ID)).DKIMUpdateStatus).toBe('Pending');
    expect((await account.getDomains({ count: 10, offset: 0 })).Domains).toHaveLength(1);
    await account.editDomain(domain.ID, { ReturnPathDomain: 'pm.official.example' });
    expect((await account.deleteDomain(domain.ID)).ErrorCode).toBe(0);

    const sender = await account.createSenderSignature({
      FromEmail: 'o@official.example',
      Name: 'O',
    });
    expect((await account.getSenderSignature(sender.ID)).EmailAddress).toBe('o@official.example');
    expect((await account.getSenderSignatures({ count: 10, offset: 0 })).TotalCount).toBe(1);
    await account.editSenderSignature(sender.ID, { Name: 'Official' });
    expect((await account.resendSenderSignatureConfirmation(sender.ID)).ErrorCode).toBe(0);
    expect((await account.verifySenderSignatureSPF(sender.ID)).SPFVerified).toBe(true);
    expect((await account.requestNewDKIMForSenderSignature(sender.ID)).DKIMUpdateStatus).toBe(
      'Pending',
    );
    expect((await account.deleteSenderSignature(sender.ID)).ErrorCode).toBe(0);
  });

  it('requests a data removal and reads its status', async () => {
    const removal = await account.requestDataRemoval({
      RequestedBy: 'privacy@example.com',
      RequestedFor: 'ada@example.com',
      NotifyWhenCompleted: false,
    });
    expect((await account.getDataRemovalStatus(removal.ID)).Status).toBe('Done');
  });

  it('sends a bulk email and reads its status', async () => {
    const bulk = await official.sendBulkEmail({
      From: 'news@example.com',
      Subject: 'Hi {{name}}',
      TextBody: 'Hello {{name}}',
      MessageStream: 'broadcast',
      Messages: [{ To: 'ada@example.com', TemplateModel: { name: 'Ada' } }],
    });
    const id = (bulk as unknown as { ID: string }).ID ?? bulk.Id;
    const status = await official.getBulkEmailStatus(id);
    expect(status).toMatchObject({ Id: id, Status: 'Completed', TotalMessages: 1 });
    expect(sandbox.messages().at(-1)?.Subject).toBe('Hi Ada');
  });
});
