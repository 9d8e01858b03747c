import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../../src/index.js';
import { postmarkTransport } from '../../src/nodemailer/index.js';
import { rejection } from '../api/helpers.js';
import { withTransporter } from './helpers.js';

// What Postmark cannot express, and what the Sender's validation refuses, fails sendMail()
// with a MessageValidationError naming the Nodemailer field, and nothing reaches the server.
const e2e = withTransporter();

async function refused(mail: SendMailOptions | Record<string, unknown>) {
  const error = await rejection(
    e2e.transporter.sendMail({ to: 'ada@example.com', text: 'Hello', ...mail } as SendMailOptions),
  );
  expect(error).toBeInstanceOf(MessageValidationError);
  expect(e2e.sandbox.requests()).toEqual([]);
  return (error as MessageValidationError).issues;
}

// One value for each field that Postmark's API cannot carry.
const UNSUPPORTED: Record<string, unknown> = {
  sender: 'office@example.com',
  date: new Date('2024-01-01T00:00:00Z'),
  watchHtml: '<p>watch</p>',
  amp: '<!doctype html><html ⚡4email></html>',
  icalEvent: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR',
  alternatives: [{ contentType: 'text/x-web-markdown', content: '**Hello**' }],
  list: { unsubscribe: 'https://example.com/unsubscribe' },
  otp: { code: '123456', origin: 'https://example.com' },
  envelope: { from: 'bounces@example.com', to: 'ada@example.com' },
  raw: 'From: app@example.com\r\nTo: ada@example.com\r\n\r\nHello',
  dkim: { domainName: 'example.com', keySelector: 'k1', privateKey: 'not a key' },
  textEncoding: 'base64',
  encoding: 'base64',
  newline: 'unix',
  boundaryPrefix: '----app',
  baseBoundary: 'fixed',
  normalizeHeaderKey: (key: string) => key.toUpperCase(),
  dsn: { id: 'x', return: 'headers', notify: 'never', recipient: 'app@example.com' },
  requireTLSExtensionEnabled: true,
  auth: { user: 'app', pass: 'secret' },
  ses: { ConfigurationSetName: 'app' },
};

describe('fields Postmark cannot express', () => {
  it.each(Object.entries(UNSUPPORTED))('%s is refused, naming the field', async (field, value) => {
    const issues = await refused({ [field]: value });
    expect(issues).toEqual([
      { path: field, code: 'nodemailer.unsupported', message: expect.any(String) },
    ]);
  });

  it('every refused field at once, with the other problems of the message', async () => {
    const issues = await refused({
      amp: '<p>amp</p>',
      list: { help: 'https://example.com/help' },
      cc: 'not an address',
      postmark: { tag: 7, colour: 'blue' },
    });
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      ['amp', 'cc[0]', 'list', 'postmark.colour', 'postmark.tag'].sort(),
    );
  });

  it('a DKIM key on the transporter', async () => {
    const transporter = nodemailer.createTransport(postmarkTransport({ sender: e2e.mailer }));
    (transporter as unknown as { dkim: unknown }).dkim = { keys: [] };
    const error = await rejection(transporter.sendMail({ to: 'ada@example.com', text: 'Hello' }));
    expect((error as MessageValidationError).issues).toEqual([
      {
        path: 'dkim',
        code: 'nodemailer.unsupported',
        message: expect.stringContaining('transporter'),
      },
    ]);
  });

  it('the parts of an attachment Postmark cannot express', async () => {
    const issues = await refused({
      attachments: [
        { filename: 'a.txt', content: 'a', headers: { 'X-Part': '1' } },
        { raw: 'Content-Type: text/plain\r\n\r\nraw' },
        { filename: 'c.txt', content: 'c', contentTransferEncoding: 'quoted-printable' },
        { filename: 'd.png', content: 'd', contentDisposition: 'inline' },
        { filename: 'e.png', content: 'e', cid: 'e@example.com', contentDisposition: 'attachment' },
        { content: 'no name' },
        { filename: 'g.txt' },
      ],
    });
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'attachments[0].headers', code: 'nodemailer.unsupported' },
      { path: 'attachments[1].raw', code: 'nodemailer.unsupported' },
      { path: 'attachments[1].filename', code: 'attachment.name' },
      { path: 'attachments[1]', code: 'attachment.content' },
      { path: 'attachments[2].contentTransferEncoding', code: 'nodemailer.unsupported' },
      { path: 'attachments[3].contentDisposition', code: 'nodemailer.unsupported' },
      { path: 'attachments[4].contentDisposition', code: 'nodemailer.unsupported' },
      { path: 'attachments[5].filename', code: 'attachment.name' },
      { path: 'attachments[6]', code: 'attachment.content' },
    ]);
  });

  it('a raw html part, an address group, and a second From', async () => {
    const issues = await refused({
      from: 'a@example.com, b@example.com',
      html: { raw: 'Content-Type: text/html\r\n\r\n<p>hi</p>' },
      bcc: { name: 'Team', group: [{ address: 'x@example.com' }] },
    });
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'from', code: 'address.count' },
      { path: 'bcc[0]', code: 'nodemailer.unsupported' },
      { path: 'html.raw', code: 'nodemailer.unsupported' },
    ]);
  });
});

describe('what the message itself gets wrong', () => {
  it('addresses that the grammar refuses, in each form, at their place in the list as Nodemailer reads it', async () => {
    const issues = await refused({
      to: [
        'ada@example.com',
        'Bob: <bob@example.com>', // a group, for Nodemailer
        'nobody; cy@localhost', // two: a name without an address, and a one-label domain
        { name: 'Dee\u0007', address: 'dee@example.com' },
        42,
      ],
    });
    expect(issues).toEqual([
      { path: 'to[1]', code: 'nodemailer.unsupported', message: expect.stringContaining('group') },
      {
        path: 'to[2]',
        code: 'address.invalid',
        message: 'Nodemailer reads "nobody" as a display name without an address',
      },
      { path: 'to[3]', code: 'address.invalid', message: expect.stringContaining('cy@localhost') },
      { path: 'to[4]', code: 'address.name', message: expect.any(String) },
      { path: 'to[5]', code: 'address.type', message: expect.any(String) },
    ]);
  });

  it('a message that Nodemailer did not compile: no parser to read its addresses with', async () => {
    const transport = postmarkTransport({ sender: e2e.mailer });
    const error = await new Promise((resolve) =>
      transport.send({ data: { to: 'ada@example.com', text: 'Hi' }, resolveContent() {} }, resolve),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('transporter.sendMail()');
    expect(e2e.sandbox.requests()).toEqual([]);
  });

  it('headers: a list of two values, a name twice (ignoring case), a line break, a bad name, a value that is not text', async () => {
    const issues = await refused({
      headers: {
        'X-Twice': ['one', '', 'two', 'three'],
        'in-reply-to': '<a@example.com>',
        'X-Smuggle': 'a\r\nBcc: evil@example.com',
        'Bad Name': 'x',
        'X-Date': new Date(),
      },
      inReplyTo: 'b@example.com',
      priority: 'urgent',
    });
    expect(issues[0]).toEqual({
      path: 'headers["X-Twice"]',
      code: 'header.duplicate',
      message:
        'Nodemailer would send "X-Twice" once for each of the 3 values of the list; a Postmark message carries one header of each name, so give it one value',
    });
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'headers["X-Twice"]', code: 'header.duplicate' },
      { path: 'priority', code: 'nodemailer.type' },
      { path: 'headers["X-Smuggle"].value', code: 'header.crlf' },
      { path: 'headers["Bad Name"].name', code: 'header.name' },
      { path: 'headers["X-Date"]', code: 'header.value' },
      { path: 'inReplyTo', code: 'header.duplicate' },
    ]);
  });

  it('content that cannot be read: a missing file, file access switched off', async () => {
    const missing = join(tmpdir(), 'postmark-fluent-no-such-file.html');
    const file = join(tmpdir(), `postmark-fluent-${process.pid}.txt`);
    writeFileSync(file, 'secret');
    const issues = await refused({
      html: { path: missing },
      attachments: [{ path: file }],
      disableFileAccess: true,
    });
    expect(issues).toEqual([
      { path: 'html', code: 'nodemailer.content', message: expect.stringContaining('EFILEACCESS') },
      {
        path: 'attachments[0]',
        code: 'nodemailer.content',
        message: expect.stringContaining('EFILEACCESS'),
      },
    ]);
    const offline = await refused({
      attachments: [{ filename: 'a.txt', href: 'http://127.0.0.1:9/a.txt' }],
      disableUrlAccess: true,
    });
    expect(offline).toEqual([
      {
        path: 'attachments[0]',
        code: 'nodemailer.content',
        message: expect.stringContaining('EURLACCESS'),
      },
    ]);
    const unreadable = await refused({ html: { path: missing } });
    expect(unreadable).toEqual([
      { path: 'html', code: 'nodemailer.content', message: expect.stringContaining('ENOENT') },
    ]);
  });

  it('the postmark extension, checked by the builder, with its paths inside postmark', async () => {
    const issues = await refused({
      postmark: { trackLinks: 'Everywhere', metadata: { a: 1 }, templateModel: { x: 1 } },
    });
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'postmark.template', code: 'template.missing' },
      { path: 'postmark.trackLinks', code: 'trackLinks.invalid' },
      { path: 'postmark.metadata.a', code: 'metadata.type' },
    ]);
  });

  it('the rules of validate(): no recipient, a forbidden attachment, a body and a template', async () => {
    const none = await rejection(e2e.transporter.sendMail({ subject: 'Hi', text: 'Hello' }));
    expect((none as MessageValidationError).issues).toEqual([
      expect.objectContaining({ code: expect.stringMatching(/recipient/) }),
    ]);
    const exe = await refused({ attachments: [{ filename: 'setup.exe', content: 'MZ' }] });
    expect(exe).toEqual([expect.objectContaining({ path: 'attachments[0].name' })]);
    const both = await refused({ postmark: { template: 'welcome', templateModel: {} } });
    expect(both).toEqual([expect.objectContaining({ path: 'template' })]);
    expect(e2e.sandbox.requests()).toEqual([]);
  });
});
