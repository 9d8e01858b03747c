import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const server = () => new Server({ serverToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });

// As the real API answers: nulls where a value is absent, fields the SDK does not know yet.
const template = {
  TemplateId: 1234,
  Name: 'Welcome',
  Alias: null,
  Subject: 'Hi {{name}}',
  HtmlBody: null,
  TextBody: 'Hello {{name}}',
  AssociatedServerId: 17,
  Active: true,
  TemplateType: 'Standard',
  LayoutTemplate: null,
  SomethingNew: { Deep: 1 },
};

describe('server.templates', () => {
  it('reads a template in camelCase, leaving out nulls and keeping new fields', async () => {
    nock(API, { reqheaders }).get('/templates/1234').reply(200, template);
    const found = await server().templates.get(1234);
    expect(found).toEqual({
      templateId: 1234,
      name: 'Welcome',
      subject: 'Hi {{name}}',
      textBody: 'Hello {{name}}',
      associatedServerId: 17,
      active: true,
      templateType: 'Standard',
      somethingNew: { deep: 1 },
    });
    expect(Object.isFrozen(found)).toBe(true);
  });

  it('lists a page, and every page with all(), URL-encoding an alias', async () => {
    const page = (offset: number, n: number) => ({
      TotalCount: 3,
      Templates: Array.from({ length: n }, (_, i) => ({
        TemplateId: offset + i,
        Name: `T${offset + i}`,
        Alias: null,
        Active: true,
        TemplateType: 'Standard',
        LayoutTemplate: null,
      })),
    });
    nock(API)
      .get('/templates')
      .query({ count: 2, offset: 0, TemplateType: 'Standard' })
      .reply(200, page(0, 2))
      .get('/templates')
      .query({ count: 2, offset: 2, TemplateType: 'Standard' })
      .reply(200, page(2, 1))
      .get('/templates/a%2Fb')
      .reply(200, template);
    const ids: number[] = [];
    for await (const t of server().templates.all({ count: 2, templateType: 'Standard' }))
      ids.push(t.templateId);
    expect(ids).toEqual([0, 1, 2]);
    await server().templates.get('a/b');
  });

  it('sends creations, edits and validations as Postmark names them', async () => {
    const created = {
      TemplateId: 1,
      Name: 'Receipt',
      Alias: 'receipt',
      Active: true,
      TemplateType: 'Standard',
      LayoutTemplate: null,
    };
    nock(API, { reqheaders })
      .post('/templates', {
        Name: 'Receipt',
        Alias: 'receipt',
        Subject: 'Receipt',
        HtmlBody: '<p>{{total}}</p>',
        TemplateType: 'Standard',
      })
      .reply(200, created)
      .put('/templates/receipt', { Subject: 'Your receipt', LayoutTemplate: null })
      .reply(200, created)
      .post('/templates/validate', { Subject: 'Hi {{name}}', TestRenderModel: { name: 'Ada' } })
      .reply(200, {
        AllContentIsValid: true,
        Subject: { ContentIsValid: true, ValidationErrors: [], RenderedContent: 'Hi Ada' },
        HtmlBody: null,
        TextBody: null,
        SuggestedTemplateModel: { name: 'name_Value' },
      })
      .delete('/templates/receipt')
      .reply(200, { ErrorCode: 0, Message: 'Template 1 removed.' });
    const templates = server().templates;
    const input = {
      name: 'Receipt',
      alias: 'receipt',
      subject: 'Receipt',
      htmlBody: '<p>{{total}}</p>',
      templateType: 'Standard',
    } as const;
    const copy = structuredClone(input);
    expect(await templates.create(input)).toMatchObject({ templateId: 1, alias: 'receipt' });
    expect(input).toEqual(copy); // the caller's object is only read
    await templates.edit('receipt', { subject: 'Your receipt', layoutTemplate: null });
    expect(
      await templates.validate({ subject: 'Hi {{name}}', testRenderModel: { name: 'Ada' } }),
    ).toEqual({
      allContentIsValid: true,
      subject: { contentIsValid: true, validationErrors: [], renderedContent: 'Hi Ada' },
      suggestedTemplateModel: { name: 'name_Value' },
    });
    expect(await templates.delete('receipt')).toEqual({ message: 'Template 1 removed.' });
  });

  it('checks input before any request, naming the field', async () => {
    const templates = server().templates;
    await expect(templates.create({ name: 'x', subjct: 'typo' } as never)).rejects.toThrow(
      /templates.create\(\): unknown field 'subjct' \(did you mean "subject"\?\)/,
    );
    await expect(templates.create({ subject: 'no name' } as never)).rejects.toThrow(
      /name is required/,
    );
    await expect(templates.create({ name: 'x', templateType: 'layout' as never })).rejects.toThrow(
      /'layout' is not one of Standard, Layout \(did you mean "Layout"\?\)/,
    );
    // A filter that is no object is told the filters templates take, not another search's.
    await expect(templates.list('welcome' as never)).rejects.toThrow(
      new TypeError(
        'templates.list(): the filter must be an object of count, offset, templateType, layoutTemplate',
      ),
    );
    // Postmark's content rules (src/postmark/templates.ts), before the request too.
    await expect(templates.create({ name: 'x', textBody: 'Hi' })).rejects.toThrow(
      new TypeError('templates.create(): subject is required for a Standard template'),
    );
    await expect(
      templates.create({ name: 'x', templateType: 'Layout', htmlBody: '<main></main>' }),
    ).rejects.toThrow(RangeError);
    await expect(templates.edit('welcome', { alias: 'new alias' })).rejects.toThrow(
      /templates.edit\(\): alias 'new alias' must start with a letter/,
    );
    await expect(templates.list({ templateType: 'Layouts' as never })).rejects.toThrow(RangeError);
    await expect(templates.list({ count: 501 })).rejects.toThrow(
      /count must be a whole number from 1 to 500/,
    );
    await expect(templates.get('')).rejects.toThrow(/the id is empty/);
    await expect(templates.validate({ testRenderModel: { total: 10n } as never })).rejects.toThrow(
      /testRenderModel.total: a BigInt has no JSON form/,
    );
    // nock answers nothing: no request was made.
  });

  it('retries reads, and never a write that may have been carried out', async () => {
    nock(API).get('/templates/1').reply(500).get('/templates/1').reply(200, template);
    expect((await server().templates.get(1)).templateId).toBe(1234);
    nock(API).post('/templates').reply(500);
    const error = await rejection(
      server().templates.create({ name: 'x', subject: 's', textBody: 't' }),
    );
    expect(error).toMatchObject({ name: 'ServerError', status: 500 });
    nock(API)
      .post('/templates')
      .reply(503)
      .post('/templates')
      .reply(200, { TemplateId: 2, Name: 'x' });
    expect(
      (await server().templates.create({ name: 'x', subject: 's', textBody: 't' })).templateId,
    ).toBe(2);
  });

  it('reports an answer that is not a template', async () => {
    nock(API).get('/templates/1').times(3).reply(200, { TemplateId: 'one', Name: 'x' });
    expect(await rejection(server().templates.get(1))).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/TemplateId: expected a /),
    });
  });
});
