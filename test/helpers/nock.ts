// Import nock from here: the polyfill must run before nock's interceptors load.
import './promise-with-resolvers.js';
import nock from 'nock';

export default nock;

export const API = 'https://api.postmarkapp.com';

/** No real network: only nock's interceptors answer. Call in beforeEach; `resetNock` in afterEach. */
export function isolateNetwork(): void {
  nock.disableNetConnect();
}

export function resetNock(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  if (pending.length > 0) throw new Error(`unused nock interceptors: ${pending.join(', ')}`);
}
