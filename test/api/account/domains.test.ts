import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { account, accountHeaders, postmarkDomain } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

describe('account.domains', () => {
  it('reads a domain with its DNS records in camelCase, without nulls, keeping new fields', async () => {
    nock(API, { reqheaders: accountHeaders }).get('/domains/36735').reply(200, postmarkDomain());
    const domain = await account().domains.get(36735);
    expect(domain).toEqual({
      id: 36735,
      name: 'example.com',
      spfVerified: true,
      spfHost: 'example.com',
      spfTextValue: 'v=spf1 a mx include:spf.mtasv.net ~all',
      dkimVerified: false,
      weakDkim: false,
      dkimPendingHost: '20131031155228pm._domainkey.example.com',
      dkimPendingTextValue: 'k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCFn',
      safeToRemoveRevokedKeyFromDns: false,
      dkimUpdateStatus: 'Pending',
      returnPathDomain: 'pm-bounces.example.com',
      returnPathDomainCnameValue: 'pm.mtasv.net',
      returnPathDomainVerified: false,
      somethingNew: { deep: 1 },
    });
  });

  it('lists a page and every page', async () => {
    const summary = (id: number) => ({
      ID: id,
      Name: `d${id}.example.com`,
      SPFVerified: null,
      DKIMVerified: true,
      WeakDKIM: false,
      ReturnPathDomainVerified: false,
    });
    nock(API, { reqheaders: accountHeaders })
      .get('/domains')
      .query({ count: 100, offset: 0 })
      .reply(200, { TotalCount: 1, Domains: [summary(1)] })
      .get('/domains')
      .query({ count: 500, offset: 0 })
      .reply(200, { TotalCount: 2, Domains: [summary(1), summary(2)] });
    const list = await account().domains.list();
    expect(list.domains).toEqual([
      {
        id: 1,
        name: 'd1.example.com',
        dkimVerified: true,
        weakDkim: false,
        returnPathDomainVerified: false,
      },
    ]);
    const names: string[] = [];
    for await (const domain of account().domains.all()) names.push(domain.name);
    expect(names).toEqual(['d1.example.com', 'd2.example.com']);
  });

  it('creates, edits and deletes', async () => {
    nock(API, { reqheaders: accountHeaders })
      .post('/domains', { Name: 'example.com', ReturnPathDomain: 'pm-bounces.example.com' })
      .reply(200, postmarkDomain())
      .put('/domains/36735', { ReturnPathDomain: 'bounces.example.com' })
      .reply(200, postmarkDomain({ ReturnPathDomain: 'bounces.example.com' }))
      .delete('/domains/36735')
      .reply(200, { ErrorCode: 0, Message: 'Domain example.com removed.' });
    const domains = account().domains;
    const created = await domains.create({
      name: ' example.com ',
      returnPathDomain: 'pm-bounces.example.com',
    });
    expect(created.id).toBe(36735);
    const edited = await domains.edit(36735, { returnPathDomain: 'bounces.example.com' });
    expect(edited.returnPathDomain).toBe('bounces.example.com');
    expect(await domains.delete(36735)).toEqual({ message: 'Domain example.com removed.' });
  });

  it('verifies DKIM, the Return-Path and SPF, and rotates the DKIM key', async () => {
    nock(API, { reqheaders: accountHeaders })
      .put('/domains/1/verifyDkim')
      .reply(200, postmarkDomain({ ID: 1, DKIMVerified: true }))
      .put('/domains/1/verifyReturnPath')
      .reply(200, postmarkDomain({ ID: 1, ReturnPathDomainVerified: true }))
      .post('/domains/1/verifyspf')
      .reply(200, { SPFHost: 'example.com', SPFVerified: true, SPFTextValue: null })
      .post('/domains/1/rotatedkim')
      .reply(200, {
        ID: 1,
        Name: 'example.com',
        DKIMVerified: true,
        WeakDKIM: false,
        DKIMHost: 'old._domainkey.example.com',
        DKIMTextValue: 'k=rsa;p=OLD',
        DKIMPendingHost: 'new._domainkey.example.com',
        DKIMPendingTextValue: 'k=rsa;p=NEW',
        DKIMRevokedHost: null,
        DKIMRevokedTextValue: null,
        SafeToRemoveRevokedKeyFromDNS: false,
        DKIMUpdateStatus: 'Pending',
      });
    const domains = account().domains;
    expect((await domains.verifyDkim(1)).dkimVerified).toBe(true);
    expect((await domains.verifyReturnPath(1)).returnPathDomainVerified).toBe(true);
    expect(await domains.verifySpf(1)).toEqual({ spfHost: 'example.com', spfVerified: true });
    expect(await domains.rotateDkim(1)).toMatchObject({
      dkimPendingHost: 'new._domainkey.example.com',
      dkimUpdateStatus: 'Pending',
    });
  });

  it('retries a verification (safe to repeat) but never a rotation that may have happened', async () => {
    nock(API)
      .put('/domains/1/verifyDkim')
      .reply(500)
      .put('/domains/1/verifyDkim')
      .reply(200, postmarkDomain({ ID: 1 }))
      .post('/domains/1/rotatedkim')
      .reply(500);
    expect((await account().domains.verifyDkim(1)).id).toBe(1);
    await expect(account().domains.rotateDkim(1)).rejects.toThrow(/500/);
  });

  it('checks names and ids before any request', async () => {
    const domains = account().domains;
    await expect(domains.create({ name: 'localhost' })).rejects.toThrow(
      "domains.create(): name 'localhost' is not a domain name",
    );
    await expect(domains.create({} as never)).rejects.toThrow(/name is required/);
    await expect(domains.edit(1, { returnPathDomain: 'a b.com' })).rejects.toThrow(RangeError);
    await expect(domains.verifySpf(1.5)).rejects.toThrow(/whole number/);
    await expect(domains.list({ tag: 'x' } as never)).rejects.toThrow(
      /unknown filter 'tag'; known filters: count, offset/,
    );
  });

  it('reports an answer of the wrong shape as an ApiError naming the field', async () => {
    // A read retries a broken answer (twice by default) before reporting it.
    nock(API).get('/domains/1').times(3).reply(200, { ID: '1', Name: 'example.com' });
    await expect(account().domains.get(1)).rejects.toThrow(/ID: /);
  });
});
