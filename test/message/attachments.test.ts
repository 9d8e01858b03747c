import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Message } from '../../src/index.js';
import { validationError } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const to = Message.from('a@example.com').to('b@example.com').text('x');

describe('attachments', () => {
  it('infer ContentType from the file name, falling back to application/octet-stream', () => {
    const types = (name: string) =>
      to.attach({ name, content: 'x' }).data.attachments[0]?.contentType;
    expect(types('notes.txt')).toBe('text/plain');
    expect(types('photo.JPG')).toBe('image/jpeg');
    expect(types('invoice.pdf')).toBe('application/pdf');
    expect(types('README')).toBe('application/octet-stream');
    expect(types('data.unknownext')).toBe('application/octet-stream');
  });

  it('keep an explicit ContentType and refuse one that is not a MIME type', () => {
    expect(
      to.attach({ name: 'a.txt', content: 'x', contentType: 'text/csv; charset=utf-8' }).data
        .attachments[0]?.contentType,
    ).toBe('text/csv; charset=utf-8');
    expect(
      validationError(() => to.attach({ name: 'a.txt', content: 'x', contentType: 'plain text' }))
        .issues[0]?.code,
    ).toBe('attachment.contentType');
  });

  it('accept Uint8Array, ArrayBuffer and string content, strings as UTF-8', () => {
    const m = to
      .attach({ name: 'a.dat', content: new Uint8Array([1, 2]) })
      .attach({ name: 'b.dat', content: new Uint8Array([3, 4]).buffer })
      .attach({ name: 'c.txt', content: 'é' });
    expect(m.toJSON().Attachments?.map((a) => a.Content)).toEqual(['AQI=', 'AwQ=', 'w6k=']);
  });

  it('need a name', () => {
    expect(validationError(() => to.attach({ name: ' ', content: 'x' })).issues[0]?.path).toBe(
      'attachments[0].name',
    );
  });

  it('attachFile reads the file, names it after the file and infers its type', () => {
    const m = to.attachFile(fixture('invoice.pdf'));
    expect(m.data.attachments[0]).toMatchObject({
      name: 'invoice.pdf',
      contentType: 'application/pdf',
    });
    expect(new TextDecoder().decode(m.data.attachments[0]?.content)).toBe('Invoice 42\n');
    expect(
      to.attachFile(fixture('notes.txt'), { name: 'renamed.csv' }).data.attachments[0],
    ).toMatchObject({ name: 'renamed.csv', contentType: 'text/csv' });
  });

  it('refuses a key that is not an attachment field, with the one that was meant', () => {
    const typo = validationError(() =>
      to.attach({ name: 'a.txt', content: 'x', contentTyp: 'text/plain' } as never),
    );
    expect(typo.issues[0]).toMatchObject({
      path: 'attachments[0].contentTyp',
      code: 'attachment.unknownField',
    });
    expect(typo.message).toContain('did you mean "contentType"?');
    const create = validationError(() =>
      Message.create({
        from: 'a@example.com',
        attachments: [{ name: 'a.txt', content: 'x', contentID: 'cid:x' } as never],
      }),
    );
    expect(create.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'attachments[0].contentID attachment.unknownField',
    ]);
    expect(create.message).toContain('did you mean "contentId"?');
    const file = validationError(() =>
      to.attachFile(fixture('notes.txt'), { filename: 'x.txt' } as never),
    );
    expect(file.issues[0]?.code).toBe('attachment.unknownField');
  });

  it('attachFile says clearly when the file is missing', () => {
    const error = validationError(() => to.attachFile('/no/such/file.pdf'));
    expect(error.issues[0]).toMatchObject({ path: 'attachments[0]', code: 'attachment.file' });
    expect(error.message).toContain('no such file');
  });

  it('attachFile names the file as asked; validate() refuses a forbidden type', () => {
    const renamed = to.attachFile(fixture('invoice.pdf'), { name: 'invoice.exe' });
    expect(renamed.data.attachments[0]?.name).toBe('invoice.exe');
    const result = renamed.text('x').from('a@example.com').validate();
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual([
      'attachment.forbiddenExtension',
    ]);
  });

  it('inline images carry a ContentID', () => {
    const m = to
      .html('<img src="cid:logo">')
      .attach({ name: 'logo.png', content: new Uint8Array([1]), contentId: 'cid:logo' });
    expect(m.toJSON().Attachments?.[0]).toEqual({
      Name: 'logo.png',
      Content: 'AQ==',
      ContentType: 'image/png',
      ContentID: 'cid:logo',
    });
  });
});
