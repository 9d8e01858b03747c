import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../../src/index.js';
import { postmarkTransport } from '../../src/nodemailer/index.js';
import { rejection } from '../api/helpers.js';
import { withTransporter } from './helpers.js';

// The peer range reaches back to Nodemailer 6.9 (what most NestJS and CMS apps still run):
// the same message through 6.x and the latest must reach Postmark as the same JSON.
const e2e = withTransporter();
const notes = fileURLToPath(new URL('../fixtures/notes.txt', import.meta.url));
// Nodemailer 6 ships no types; it is the same API.
const nodemailer6 = createRequire(import.meta.url)('nodemailer-v6') as typeof nodemailer;

const VERSIONS = [
  ['6', nodemailer6],
  ['latest', nodemailer],
] as const;

function mail() {
  return {
    from: 'App <app@example.com>',
    to: ['ada@example.com', { name: 'Bob, Jr.', address: 'bob@example.com' }],
    cc: 'Cy <cy@example.com>',
    subject: 'Versions',
    // Bytes, as a file or socket gives them (Nodemailer 6 reads no object-mode stream).
    text: Readable.from([Buffer.from('Hello '), Buffer.from('there')]),
    html: '<p>Hello <img src="cid:logo@example.com"></p>',
    headers: { 'X-Campaign': 'spring' },
    references: 'first@example.com',
    priority: 'high' as const,
    attachments: [
      { path: notes },
      { filename: 'logo.png', content: Buffer.from('png'), cid: 'logo@example.com' },
    ],
    postmark: { tag: 'versions', metadata: { run: '1' } },
  };
}

describe.each(VERSIONS)('Nodemailer %s', (version, mailer) => {
  it('sends the same JSON as the fluent message', async () => {
    await mailer.createTransport(postmarkTransport({ sender: e2e.mailer })).sendMail(mail());
    const stored = e2e.stored();
    // The latest Nodemailer's result is the reference the other versions are held to.
    await nodemailer.createTransport(postmarkTransport({ sender: e2e.mailer })).sendMail(mail());
    expect({ version, json: stored }).toEqual({ version, json: e2e.stored() });
    expect(stored).toMatchObject({
      To: 'ada@example.com, "Bob, Jr." <bob@example.com>',
      TextBody: 'Hello there',
      Attachments: [{ Name: 'notes.txt' }, { ContentID: 'cid:logo@example.com' }],
    });
  });

  it('holds disableFileAccess, refusing before anything is read or sent', async () => {
    const transporter = mailer.createTransport(postmarkTransport({ sender: e2e.mailer }));
    const error = await rejection(
      transporter.sendMail({
        to: 'ada@example.com',
        text: 'Hi',
        attachments: [{ path: notes }],
        disableFileAccess: true,
      }),
    );
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as MessageValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'attachments[0]',
        message: expect.stringContaining('EFILEACCESS'),
      }),
    ]);
    expect(e2e.sandbox.requests()).toEqual([]);
  });

  it('reads address strings with that version’s own parser', async () => {
    const transporter = mailer.createTransport(postmarkTransport({ sender: e2e.mailer }));
    await transporter.sendMail({
      from: 'app@example.com (App)',
      to: 'ada@example.com; Bob <bob@example.com>',
      text: 'Hi',
    });
    expect(e2e.stored()).toMatchObject({
      From: 'App <app@example.com>',
      To: 'ada@example.com, Bob <bob@example.com>',
    });
    // An unquoted comma before <…>: Nodemailer 10 reads one name, 6 reads two
    // addresses, the first without an address (which it would leave out of the header).
    const sent = transporter.sendMail({ to: 'Smith, John <j@example.com>', text: 'Hi' });
    if (version === '6') {
      const error = await rejection(sent);
      expect((error as MessageValidationError).issues).toEqual([
        {
          path: 'to[0]',
          code: 'address.invalid',
          message: 'Nodemailer reads "Smith" as a display name without an address',
        },
      ]);
    } else {
      await sent;
      expect(e2e.stored().To).toBe('"Smith, John" <j@example.com>');
    }
  });

  it('verify() checks the token', async () => {
    expect(await mailer.createTransport(postmarkTransport({ sender: e2e.mailer })).verify()).toBe(
      true,
    );
  });
});
