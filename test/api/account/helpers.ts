import { Account } from '../../../src/index.js';
import { TOKEN } from '../../helpers/fixtures.js';

/** An Account with the test token, retrying without delay. */
export const account = () =>
  new Account({ accountToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });

/** The headers every account call must carry. */
export const accountHeaders = {
  'x-postmark-account-token': TOKEN,
  accept: 'application/json',
};

/** A domain with its DNS records as Postmark answers it: nulls where nothing is set, a field the SDK does not know. */
export function postmarkDomain(overrides: Record<string, unknown> = {}) {
  return {
    ID: 36735,
    Name: 'example.com',
    SPFVerified: true,
    SPFHost: 'example.com',
    SPFTextValue: 'v=spf1 a mx include:spf.mtasv.net ~all',
    DKIMVerified: false,
    WeakDKIM: false,
    DKIMHost: null,
    DKIMTextValue: null,
    DKIMPendingHost: '20131031155228pm._domainkey.example.com',
    DKIMPendingTextValue: 'k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCFn',
    DKIMRevokedHost: null,
    DKIMRevokedTextValue: null,
    SafeToRemoveRevokedKeyFromDNS: false,
    DKIMUpdateStatus: 'Pending',
    ReturnPathDomain: 'pm-bounces.example.com',
    ReturnPathDomainCNAMEValue: 'pm.mtasv.net',
    ReturnPathDomainVerified: false,
    SomethingNew: { Deep: 1 },
    ...overrides,
  };
}
