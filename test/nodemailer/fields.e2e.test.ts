import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { type PostmarkMailOptions, postmarkTransport } from '../../src/nodemailer/index.js';
import { recordingTransport } from '../../src/testing/index.js';
import { withTransporter } from './helpers.js';

// Real Nodemailer sends through the transport to the sandbox; what the sandbox stored must be
// exactly what the same Sender sends for the message built with the fluent API.
const e2e = withTransporter();
const invoice = fileURLToPath(new URL('../fixtures/invoice.pdf', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'postmark-fluent-nodemailer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function expectSameAs(message: Message) {
  const fluent = await e2e.fluent(message);
  expect(e2e.stored()).toEqual({ MessageStream: 'outbound', ...fluent });
}

describe('addresses in every form Nodemailer takes', () => {
  it('strings, header-style lists, { name, address } objects and nested arrays', async () => {
    const info = await e2e.transporter.sendMail({
      from: 'App <app@example.com>',
      to: 'ada@example.com, "Bob, Jr." <bob@example.com>',
      cc: [{ name: 'Cy Young', address: 'cy@example.com' }, 'Dee <dee@example.com>'],
      bcc: [['audit@example.com'], { name: '', address: 'log@example.com' }],
      replyTo: { name: 'Help, Desk', address: 'help@example.com' },
      subject: 'Addresses',
      text: 'Hello',
    });
    await expectSameAs(
      Message.from({ email: 'app@example.com', name: 'App' })
        .to('ada@example.com', { email: 'bob@example.com', name: 'Bob, Jr.' })
        .cc(
          { email: 'cy@example.com', name: 'Cy Young' },
          { email: 'dee@example.com', name: 'Dee' },
        )
        .bcc('audit@example.com', 'log@example.com')
        .replyTo({ email: 'help@example.com', name: 'Help, Desk' })
        .subject('Addresses')
        .text('Hello'),
    );
    expect(e2e.stored().To).toBe('ada@example.com, "Bob, Jr." <bob@example.com>');
    const everyone = [
      'ada@example.com',
      'bob@example.com',
      'cy@example.com',
      'dee@example.com',
      'audit@example.com',
      'log@example.com',
    ];
    expect(info).toEqual({
      messageId: e2e.sandbox.messages()[0]?.MessageID,
      accepted: everyone,
      rejected: [],
      envelope: { from: 'app@example.com', to: everyone },
      response: '0 OK',
      submittedAt: expect.any(Date),
    });
  });

  it('reads a string as Nodemailer does: ";" separates, "(App)" names, an unquoted comma before <…> stays in the name', async () => {
    await e2e.transporter.sendMail({
      from: 'app@example.com (App)',
      to: 'ada@example.com; bob@example.com',
      cc: 'Smith, John <j@example.com>',
      bcc: 'Ada Lovelace audit@example.com; <log@example.com>',
      replyTo: 'help@example.com (Help Desk)',
      text: 'Hello',
    });
    await expectSameAs(
      Message.from({ email: 'app@example.com', name: 'App' })
        .to('ada@example.com', 'bob@example.com')
        .cc({ email: 'j@example.com', name: 'Smith, John' })
        .bcc({ email: 'audit@example.com', name: 'Ada Lovelace' }, 'log@example.com')
        .replyTo({ email: 'help@example.com', name: 'Help Desk' })
        .text('Hello'),
    );
    expect(e2e.stored()).toMatchObject({
      From: 'App <app@example.com>',
      To: 'ada@example.com, bob@example.com',
      Cc: '"Smith, John" <j@example.com>',
    });
  });

  it('takes the Sender’s default From when the message has none', async () => {
    const info = await e2e.transporter.sendMail({ to: 'ada@example.com', text: 'Hello' });
    expect(e2e.stored().From).toBe('app@example.com');
    expect(info.envelope).toEqual({ from: 'app@example.com', to: ['ada@example.com'] });
  });
});

describe('bodies as a string, a Buffer, a stream, a file path and a data URI', () => {
  it('text as a Buffer, html as a stream', async () => {
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      subject: 'Bodies',
      text: Buffer.from('Grüße'),
      html: Readable.from(['<p>Grüße', ' aus Köln</p>']),
    });
    await expectSameAs(
      Message.to('ada@example.com').subject('Bodies').text('Grüße').html('<p>Grüße aus Köln</p>'),
    );
  });

  it('html from a file path, text as base64 content and as a data URI', async () => {
    const file = join(scratch, 'welcome.html');
    writeFileSync(file, '<h1>Welcome</h1>');
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      html: { path: file },
      text: { content: Buffer.from('Welcome').toString('base64'), encoding: 'base64' },
    });
    await expectSameAs(Message.to('ada@example.com').html('<h1>Welcome</h1>').text('Welcome'));

    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      text: { path: 'data:text/plain;base64,SGk=' },
    });
    await expectSameAs(Message.to('ada@example.com').text('Hi'));
  });
});

describe('attachments', () => {
  it('content as a string, a Buffer, a stream; a path; an encoding; a cid for an inline image', async () => {
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      subject: 'Attachments',
      html: '<p><img src="cid:logo@example.com"></p>',
      attachments: [
        { filename: 'notes.txt', content: 'Be nice.' },
        {
          filename: 'data.dat',
          content: Buffer.from([0, 1, 2]),
          contentType: 'application/x-custom',
        },
        { filename: 'rows.csv', content: Readable.from(['a,b\n', '1,2\n']) },
        { path: invoice },
        { filename: 'hello.txt', content: 'aGVsbG8=', encoding: 'base64' },
        { filename: 'logo.png', content: PNG, cid: 'logo@example.com' },
        { filename: 'hi.txt', path: 'data:text/plain;base64,aGk=' },
      ],
    });
    await expectSameAs(
      Message.to('ada@example.com')
        .subject('Attachments')
        .html('<p><img src="cid:logo@example.com"></p>')
        .attach({ name: 'notes.txt', content: 'Be nice.' })
        .attach({
          name: 'data.dat',
          content: new Uint8Array([0, 1, 2]),
          contentType: 'application/x-custom',
        })
        .attach({ name: 'rows.csv', content: 'a,b\n1,2\n' })
        .attachFile(invoice)
        .attach({ name: 'hello.txt', content: 'hello' })
        .attach({ name: 'logo.png', content: PNG, contentId: 'cid:logo@example.com' })
        .attach({ name: 'hi.txt', content: 'hi' }),
    );
    const logo = (e2e.stored().Attachments as Record<string, unknown>[])[5];
    expect(logo).toEqual({
      Name: 'logo.png',
      Content: PNG.toString('base64'),
      ContentType: 'image/png',
      ContentID: 'cid:logo@example.com',
    });
    expect(readFileSync(invoice).toString('base64')).toBe(
      (e2e.stored().Attachments as Record<string, unknown>[])[3]?.Content,
    );
  });

  it('content fetched from a URL (href), here a local HTTP server', async () => {
    const server = createServer((_, res) => res.end('from the web'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await e2e.transporter.sendMail({
        to: 'ada@example.com',
        text: 'See attached',
        attachments: [{ href: `http://127.0.0.1:${port}/files/remote.txt?v=2` }],
      });
    } finally {
      server.close();
    }
    await expectSameAs(
      Message.to('ada@example.com')
        .text('See attached')
        .attach({ name: 'remote.txt', content: 'from the web' }),
    );
  });

  it('attachDataUrls: Nodemailer turns the data: images of the html into inline attachments', async () => {
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      attachDataUrls: true,
      html: `<img src="data:image/png;base64,${PNG.toString('base64')}">`,
    });
    const stored = e2e.stored();
    const [image] = stored.Attachments as Record<string, string>[];
    expect(image).toMatchObject({
      Name: 'image-1.png',
      ContentType: 'image/png',
      Content: PNG.toString('base64'),
    });
    expect(stored.HtmlBody).toBe(`<img src="${image?.ContentID}">`);
  });
});

describe('headers', () => {
  it('the object form (one-value lists, prepared values, numbers), the list form, and the fields Nodemailer writes as headers', async () => {
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      text: 'Hello',
      headers: {
        'X-Campaign': 'spring',
        'X-Count': 3,
        'X-Prepared': { prepared: true, value: 'kept as is' },
        'X-Listed': ['one'],
        'X-Padded': ['', 'two', ' '],
        'X-Empty': '',
      },
      inReplyTo: 'first@example.com',
      references: ['first@example.com', '<second@example.com>'],
      messageId: '<third@example.com>',
      priority: 'high',
      xMailer: 'App 1.0',
    });
    await expectSameAs(
      Message.to('ada@example.com')
        .text('Hello')
        .header('X-Campaign', 'spring')
        .header('X-Count', '3')
        .header('X-Prepared', 'kept as is')
        .header('X-Listed', 'one')
        .header('X-Padded', 'two')
        .header('Message-ID', '<third@example.com>')
        .header('In-Reply-To', '<first@example.com>')
        .header('References', '<first@example.com> <second@example.com>')
        .header('X-Priority', '1 (Highest)')
        .header('X-MSMail-Priority', 'High')
        .header('Importance', 'High')
        .header('X-Mailer', 'App 1.0'),
    );
  });

  it('[{ key, value }] and a single { key, value }', async () => {
    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      text: 'Hello',
      headers: [
        { key: 'X-A', value: '1' },
        { key: 'X-B', value: '2' },
      ],
    });
    await expectSameAs(
      Message.to('ada@example.com').text('Hello').header('X-A', '1').header('X-B', '2'),
    );

    await e2e.transporter.sendMail({
      to: 'ada@example.com',
      text: 'Hello',
      headers: { key: 'X-Single', value: 'yes' },
      priority: 'low',
    });
    await expectSameAs(
      Message.to('ada@example.com')
        .text('Hello')
        .header('X-Single', 'yes')
        .header('X-Priority', '5 (Lowest)')
        .header('X-MSMail-Priority', 'Low')
        .header('Importance', 'Low'),
    );
  });
});

describe('the postmark extension', () => {
  it('tag, metadata, stream and tracking', async () => {
    // Held in a variable, not written in the call: Nodemailer's types do not know the field.
    const mail = {
      to: 'ada@example.com',
      subject: 'Spring',
      html: '<p>Hi</p>',
      postmark: {
        tag: 'spring',
        metadata: { userId: '42' },
        stream: 'broadcast',
        trackOpens: true,
        trackLinks: 'HtmlOnly',
      } satisfies PostmarkMailOptions,
    };
    await e2e.transporter.sendMail(mail);
    await expectSameAs(
      Message.to('ada@example.com')
        .subject('Spring')
        .html('<p>Hi</p>')
        .tag('spring')
        .metadata({ userId: '42' })
        .stream('broadcast')
        .trackOpens(true)
        .trackLinks('HtmlOnly'),
    );
  });

  it('a template from the server’s store, with its model and inlineCss', async () => {
    e2e.sandbox.addTemplate({
      Name: 'Welcome',
      Alias: 'welcome',
      Subject: 'Hi {{name}}',
      HtmlBody: '<p>Hello {{name}}</p>',
      TextBody: 'Hello {{name}}',
    });
    const postmark: PostmarkMailOptions = {
      template: 'welcome',
      templateModel: { name: 'Ada' },
      inlineCss: false,
      tag: 'welcome',
    };
    await e2e.transporter.sendMail({ to: 'ada@example.com', postmark } as SendMailOptions);
    const fluent = await e2e.fluent(
      Message.to('ada@example.com')
        .template('welcome', { name: 'Ada' }, { inlineCss: false })
        .tag('welcome'),
    );
    expect(e2e.stored()).toEqual({
      MessageStream: 'outbound',
      ...fluent,
      Subject: 'Hi Ada',
      HtmlBody: '<p>Hello Ada</p>',
      TextBody: 'Hello Ada',
    });
    expect(fluent).toMatchObject({
      TemplateAlias: 'welcome',
      TemplateModel: { name: 'Ada' },
      InlineCss: false,
    });
  });
});

describe('defaults', () => {
  it('the transporter’s defaults, then the Sender’s, as the Sender lays them', async () => {
    const mailer = e2e.mailer.with({
      defaults: Message.from('app@example.com').tag('app').header('X-App', 'sender'),
    });
    const transporter = nodemailer.createTransport(postmarkTransport({ sender: mailer }), {
      from: 'Team <team@example.com>',
      headers: { 'X-Team': 'growth' },
    });
    await transporter.sendMail({ to: 'ada@example.com', text: 'Hello' });
    const transport = recordingTransport();
    await mailer
      .with({ transport })
      .send(
        Message.from({ email: 'team@example.com', name: 'Team' })
          .to('ada@example.com')
          .text('Hello')
          .header('X-Team', 'growth'),
      );
    expect(e2e.stored()).toEqual({ MessageStream: 'outbound', ...transport.messages[0] });
    expect(e2e.stored()).toMatchObject({
      From: 'Team <team@example.com>',
      Tag: 'app',
      Headers: [
        { Name: 'X-App', Value: 'sender' },
        { Name: 'X-Team', Value: 'growth' },
      ],
    });
  });
});
