import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { account, accountHeaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

describe('account.templates.push', () => {
  const answer = {
    TotalCount: 2,
    Templates: [
      {
        Action: 'Create',
        TemplateId: null,
        Alias: 'welcome',
        Name: 'Welcome',
        TemplateType: 'Standard',
      },
      { Action: 'Edit', TemplateId: 7270, Alias: 'receipt', Name: 'Receipt', New: true },
    ],
  };

  it('previews a push (retried as a read) and performs one (never repeated)', async () => {
    nock(API, { reqheaders: accountHeaders })
      .put('/templates/push', { SourceServerID: 1, DestinationServerID: 2, PerformChanges: false })
      .reply(503)
      .put('/templates/push', { SourceServerID: 1, DestinationServerID: 2, PerformChanges: false })
      .reply(200, answer)
      .put('/templates/push', { SourceServerID: 1, DestinationServerID: 2, PerformChanges: true })
      .reply(500);
    const preview = await account().templates.push({
      sourceServerId: 1,
      destinationServerId: 2,
      performChanges: false,
    });
    expect(preview).toEqual({
      totalCount: 2,
      templates: [
        { action: 'Create', alias: 'welcome', name: 'Welcome', templateType: 'Standard' },
        { action: 'Edit', templateId: 7270, alias: 'receipt', name: 'Receipt', new: true },
      ],
    });
    await expect(
      account().templates.push({ sourceServerId: 1, destinationServerId: 2, performChanges: true }),
    ).rejects.toThrow(/500/);
  });

  it('checks the input before any request', async () => {
    const { templates } = account();
    await expect(
      templates.push({ sourceServerId: 1, destinationServerId: 2 } as never),
    ).rejects.toThrow('templates.push(): performChanges is required');
    await expect(
      templates.push({
        sourceServerId: '1',
        destinationServerId: 2,
        performChanges: true,
      } as never),
    ).rejects.toThrow(/sourceServerId must be a whole number/);
  });
});
