import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Account, Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

// The real API answers `Name: null` for a template, stream or server without a name (the
// reference: "answers contain null where a value is absent (template bodies, names)"). The
// SDK's `name` is a string, so it reads as '' (as a bounce's does), never as a failed answer.
const server = () => new Server({ serverToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });

const template = { TemplateId: 7, Name: null, Alias: 'a', Active: true, TemplateType: 'Standard' };
const stream = {
  ID: 'outbound',
  ServerID: 1,
  Name: null,
  MessageStreamType: 'Transactional',
  CreatedAt: '2020-07-02T00:00:00-04:00',
};
const settings = { ID: 1, Name: null, Color: 'red' };

describe('answers with Name: null', () => {
  it('templates.get(), list() and create() read it as an empty name', async () => {
    nock(API)
      .get('/templates/7')
      .reply(200, { ...template, Subject: 'S', TextBody: 'x', HtmlBody: null })
      .get('/templates')
      .query(true)
      .reply(200, { TotalCount: 1, Templates: [template], SomethingNew: 1 })
      .post('/templates')
      .reply(200, template);
    expect(await server().templates.get(7)).toMatchObject({ templateId: 7, name: '' });
    expect(await server().templates.list()).toEqual({
      totalCount: 1,
      templates: [{ templateId: 7, name: '', alias: 'a', active: true, templateType: 'Standard' }],
      somethingNew: 1,
    });
    const created = await server().templates.create({ name: 'N', subject: 'S', textBody: 'x' });
    expect(created.name).toBe('');
  });

  it('streams.get() and list(), info() and account servers.list() too', async () => {
    nock(API)
      .get('/message-streams/outbound')
      .reply(200, stream)
      .get('/message-streams')
      .query(true)
      .reply(200, { TotalCount: 1, MessageStreams: [stream] })
      .get('/server')
      .reply(200, settings)
      .get('/servers')
      .query(true)
      .reply(200, { TotalCount: 1, Servers: [settings] });
    expect(await server().streams.get('outbound')).toMatchObject({ id: 'outbound', name: '' });
    expect((await server().streams.list()).messageStreams[0]?.name).toBe('');
    expect(await server().info()).toEqual({ id: 1, name: '', color: 'red' });
    const account = new Account({ accountToken: TOKEN, retry: { baseDelay: 0 } });
    expect((await account.servers.list()).servers).toEqual([{ id: 1, name: '', color: 'red' }]);
  });
});
