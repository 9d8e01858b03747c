import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { client } from './helpers.js';

let folder: string;
let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sandbox-templates-'));
  await writeFile(
    join(folder, 'welcome.json'),
    JSON.stringify({
      Name: 'Welcome',
      Subject: 'Welcome, {{name}} & co',
      HtmlBody: '<p>Hello {{name}}</p>{{#items}}<li>{{title}}</li>{{/items}}',
      TextBody: 'Hello {{name}}{{#items}} - {{title}}{{/items}}',
    }),
  );
  await writeFile(
    join(folder, 'receipt.json'),
    JSON.stringify({
      Name: 'Receipt',
      Alias: 'receipt-v2',
      Subject: 'Receipt {{number}}',
      TextBody: 'Total {{total}}',
    }),
  );
  await writeFile(join(folder, 'notes.txt'), 'not a template');
  sandbox = await startSandbox({ templates: folder, eventDelayMs: 5 });
  api = client(sandbox);
});
afterAll(async () => {
  await sandbox.close();
  await rm(folder, { recursive: true, force: true });
});

const templated = (overrides: Record<string, unknown>) => ({
  From: 'app@example.com',
  To: 'ada@example.com',
  ...overrides,
});

describe('templates from a folder', () => {
  it('loads every .json file, the alias defaulting to the file name', () => {
    const aliases = sandbox
      .templates()
      .map((template) => template.Alias)
      .sort();
    expect(aliases).toEqual(['receipt-v2', 'welcome']);
    expect(sandbox.templates().every((template) => Number.isInteger(template.TemplateId))).toBe(
      true,
    );
  });
});

describe('POST /email/withTemplate', () => {
  it('renders Subject, HtmlBody and TextBody with mustache and stores the rendered message', async () => {
    const model = { name: 'Ada <3', items: [{ title: 'one' }, { title: 'two' }] };
    const response = await api.post(
      '/email/withTemplate',
      templated({ TemplateAlias: 'welcome', TemplateModel: model }),
    );
    expect(response.status).toBe(200);
    expect(response.body.ErrorCode).toBe(0);
    const stored = sandbox
      .messages()
      .find((message) => message.MessageID === response.body.MessageID);
    expect(stored).toMatchObject({
      TemplateAlias: 'welcome',
      TemplateModel: model,
      // HTML-escaped only where it is HTML.
      Subject: 'Welcome, Ada <3 & co',
      HtmlBody: '<p>Hello Ada &lt;3</p><li>one</li><li>two</li>',
      TextBody: 'Hello Ada <3 - one - two',
    });
  });

  it('finds a template by numeric TemplateId', async () => {
    const receipt = sandbox.getTemplate('receipt-v2');
    expect(receipt).toBeDefined();
    const response = await api.post(
      '/email/withTemplate',
      templated({ TemplateId: receipt?.TemplateId, TemplateModel: { number: 7, total: '$3' } }),
    );
    expect(response.status).toBe(200);
    const stored = sandbox
      .messages()
      .find((message) => message.MessageID === response.body.MessageID);
    expect(stored).toMatchObject({ Subject: 'Receipt 7', TextBody: 'Total $3' });
    expect(stored?.HtmlBody).toBeUndefined();
  });

  it('answers ErrorCode 1101 for an unknown template', async () => {
    const byAlias = await api.post(
      '/email/withTemplate',
      templated({ TemplateAlias: 'missing', TemplateModel: {} }),
    );
    expect(byAlias.status).toBe(422);
    expect(byAlias.body.ErrorCode).toBe(1101);
    const byId = await api.post(
      '/email/withTemplate',
      templated({ TemplateId: 999_999, TemplateModel: {} }),
    );
    expect(byId.body.ErrorCode).toBe(1101);
  });

  it('requires TemplateId or TemplateAlias, not both, and a TemplateModel', async () => {
    expect(
      (await api.post('/email/withTemplate', templated({ TemplateModel: {} }))).body.ErrorCode,
    ).toBe(300);
    expect(
      (await api.post('/email/withTemplate', templated({ TemplateAlias: 'welcome' }))).body
        .ErrorCode,
    ).toBe(300);
    const both = await api.post(
      '/email/withTemplate',
      templated({ TemplateId: 1, TemplateAlias: 'welcome', TemplateModel: {} }),
    );
    expect(both.body.ErrorCode).toBe(300);
    expect(
      (
        await api.post(
          '/email/withTemplate',
          templated({ TemplateAlias: 'welcome', TemplateModel: [] }),
        )
      ).body.ErrorCode,
    ).toBe(403);
  });

  it('applies the message rules to templated messages too', async () => {
    const response = await api.post(
      '/email/withTemplate',
      templated({ To: undefined, TemplateAlias: 'welcome', TemplateModel: {} }),
    );
    expect(response.body.ErrorCode).toBe(300);
  });
});

describe('POST /email/batchWithTemplates', () => {
  it('takes { Messages: [...] } and answers one result per message in order', async () => {
    const response = await api.post('/email/batchWithTemplates', {
      Messages: [
        templated({ TemplateAlias: 'welcome', TemplateModel: { name: 'A' } }),
        templated({ TemplateAlias: 'nope', TemplateModel: {} }),
        templated({ TemplateAlias: 'receipt-v2', TemplateModel: { number: 1 } }),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.map((result: { ErrorCode: number }) => result.ErrorCode)).toEqual([
      0, 1101, 0,
    ]);
  });

  it('answers 403 when the body is a bare array', async () => {
    const response = await api.post('/email/batchWithTemplates', [
      templated({ TemplateAlias: 'welcome', TemplateModel: {} }),
    ]);
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(403);
  });
});

describe('template API', () => {
  it('adds templates on the handle and over HTTP', async () => {
    const added = sandbox.addTemplate({
      Name: 'Reset',
      Alias: 'reset',
      Subject: 'Reset',
      TextBody: 'Code {{code}}',
    });
    expect(sandbox.getTemplate(added.TemplateId)?.Alias).toBe('reset');
    const created = await api.post('/templates', {
      Name: 'Bye',
      Alias: 'bye',
      Subject: 'Bye {{name}}',
      HtmlBody: '<p>Bye</p>',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ Name: 'Bye', Alias: 'bye', Active: true });
    const fetched = await api.get('/templates/bye');
    expect(fetched.body).toMatchObject({
      TemplateId: created.body.TemplateId,
      Subject: 'Bye {{name}}',
    });
    const sent = await api.post(
      '/email/withTemplate',
      templated({ TemplateId: created.body.TemplateId, TemplateModel: { name: 'x' } }),
    );
    expect(sent.status).toBe(200);
    expect((await api.get('/templates/no-such')).body.ErrorCode).toBe(1101);
    expect(sandbox.removeTemplate('reset')).toBe(true);
    expect(sandbox.getTemplate('reset')).toBeUndefined();
  });

  it('refuses invalid templates', async () => {
    expect(() => sandbox.addTemplate({ Name: 'No body', Subject: 'x' })).toThrow(TypeError);
    expect(() =>
      sandbox.addTemplate({ Name: 'Dup', Alias: 'welcome', Subject: 'x', TextBody: 'y' }),
    ).toThrow(/in use/);
    expect(() =>
      sandbox.addTemplate({ Name: 'Broken', Subject: '{{#open}}', TextBody: 'y' }),
    ).toThrow(/parse/);
    const response = await api.post('/templates', { Name: 'x' });
    expect(response.status).toBe(422);
    expect(response.body.ErrorCode).toBe(300);
  });

  it('reports the file of a broken seed template', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'sandbox-broken-'));
    try {
      await writeFile(join(broken, 'bad.json'), '{ not json');
      await expect(startSandbox({ templates: broken })).rejects.toThrow(/bad\.json/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('seeds from an array', async () => {
    const other = await startSandbox({
      templates: [{ Name: 'A', Alias: 'a', Subject: 'S', TextBody: 'T', TemplateId: 42 }],
    });
    try {
      expect(other.getTemplate(42)?.Alias).toBe('a');
      // Templates are per sandbox.
      expect(other.getTemplate('welcome')).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
