import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock, { API, isolateNetwork, resetNock } from '../../helpers/nock.js';
import { account, accountHeaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

describe('account.dataRemovals', () => {
  it('requests a removal and reads its status', async () => {
    nock(API, { reqheaders: accountHeaders })
      .post('/data-removals', {
        RequestedBy: 'privacy@example.com',
        RequestedFor: 'ada@example.com',
        NotifyWhenCompleted: true,
      })
      .reply(200, { ID: 12, Status: 'Pending', Extra: null })
      .get('/data-removals/12')
      .reply(200, { ID: 12, Status: 'Done' });
    const { dataRemovals } = account();
    const requested = await dataRemovals.request({
      requestedBy: 'privacy@example.com',
      requestedFor: 'ada@example.com',
      notifyWhenCompleted: true,
    });
    expect(requested).toEqual({ id: 12, status: 'Pending' });
    expect(await dataRemovals.status(12)).toEqual({ id: 12, status: 'Done' });
  });

  it('checks the input before any request', async () => {
    const { dataRemovals } = account();
    await expect(
      dataRemovals.request({ requestedBy: 'privacy@example.com', requestedFor: 'ada' } as never),
    ).rejects.toThrow("dataRemovals.request(): requestedFor 'ada' is not an email address");
    await expect(
      dataRemovals.request({
        requestedBy: 'privacy@example.com',
        requestedFor: 'ada@example.com',
      } as never),
    ).rejects.toThrow('notifyWhenCompleted is required');
    await expect(dataRemovals.status('12' as never)).rejects.toThrow(/the id must be a number/);
  });
});
