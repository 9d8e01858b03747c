// The smoke suite every runtime runs against a local sandbox, importing the BUILT package as
// a user of that runtime would. It uses nothing but `fetch`-era globals: no node: imports.
import { isInactiveRecipientError, Message, Sender, Server } from 'postmark-fluent';
import { parseWebhook, webhookHandler } from 'postmark-fluent/webhooks';

/**
 * Runs every check and returns what each found; the matrix test asserts on it, so a check
 * that throws is reported with its error instead of ending the run.
 * `readFixture` is a path to a small file for attachFile(), or undefined on runtimes without a
 * file system.
 */
export async function smoke({ url, token, fixturePath }) {
  const results = {};
  const check = async (name, run) => {
    try {
      results[name] = await run();
    } catch (error) {
      results[name] = { error: `${error?.name}: ${error?.message}` };
    }
  };
  const mailer = new Sender({
    serverToken: token,
    baseUrl: url,
    defaults: Message.from('Team <team@example.com>').stream('outbound'),
    retry: { limit: 0 },
  });
  const welcome = Message.to('ada@example.com')
    .subject('Welcome')
    .text('Hello')
    .attach({ name: 'report.pdf', content: new Uint8Array([37, 80, 68, 70]) });

  await check('build', () => ({
    valid: welcome.withDefaults(mailer.defaults).validate().ok,
    contentType: welcome.data.attachments[0].contentType,
    // Not in the compact table: the full mime database where the runtime has one.
    rareContentType: Message.to('a@example.com').attach({ name: 'scene.glb', content: 'x' }).data
      .attachments[0].contentType,
    frozen: Object.isFrozen(welcome),
  }));
  await check('attachFile', () => {
    try {
      const m = Message.to('a@example.com').attachFile(fixturePath ?? './invoice.pdf');
      return {
        read: m.data.attachments[0].content.byteLength > 0,
        contentType: m.data.attachments[0].contentType,
      };
    } catch (error) {
      return { code: error.issues?.[0]?.code };
    }
  });
  await check('send', async () => {
    const result = await mailer.send(welcome);
    return {
      messageId: typeof result.messageId === 'string' && result.messageId.length > 0,
      submittedAt: result.submittedAt instanceof Date,
    };
  });
  // Requests with attachments go out as bytes (streamed where fetch can): the matrix test
  // finds this message in the sandbox by its subject and checks every byte arrived.
  await check('largeAttachment', async () => {
    const subject = `large attachment ${crypto.randomUUID()}`;
    await mailer.send(
      Message.to('ada@example.com')
        .subject(subject)
        .text('See the attachment.')
        .attach({ name: 'large.pdf', content: largeAttachmentContent() }),
    );
    return { subject };
  });
  await check('sendBatch', async () => {
    const batch = await mailer.sendBatch([
      Message.to('a@example.com').subject('1').text('one'),
      { to: 'not an address@', subject: '2', text: 'two' }, // invalid: failed without being sent
      { to: 'c@example.com', subject: '3', text: 'three' },
    ]);
    return {
      statuses: batch.results.map((r) => r.status),
      sent: batch.sent.length,
      failed: batch.failed.length,
    };
  });
  await check('sendWithTemplate', async () => {
    const result = await mailer.sendWithTemplate(
      Message.to('ada@example.com').template('welcome', { name: 'Ada' }),
    );
    return { messageId: typeof result.messageId === 'string' };
  });
  await check('inactiveRecipient', async () => {
    try {
      await mailer.send(
        Message.to('hardbounce@bounce-testing.postmarkapp.com').subject('x').text('x'),
      );
      return { thrown: false };
    } catch (error) {
      return {
        thrown: true,
        inactive: isInactiveRecipientError(error),
        errorCode: error.errorCode,
        recipients: error.recipients,
      };
    }
  });
  await check('bounces', async () => {
    const page = await Server.of(mailer).bounces.list({ count: 10 });
    return {
      totalCount: page.totalCount,
      first: page.bounces[0]?.email,
      bouncedAt: page.bounces[0]?.bouncedAt instanceof Date,
    };
  });
  await check('webhooks', () => receiveWebhooks());
  return results;
}

// The webhooks entry on this runtime: its handler answers Requests as Postmark expects.
async function receiveWebhooks() {
  const seen = [];
  const handler = webhookHandler({
    auth: { username: 'postmark', password: 's3cret' },
    maxBodyBytes: 4096,
    on: { bounce: (event) => seen.push(event) },
  });
  const bounce = {
    RecordType: 'Bounce',
    ID: 42,
    Type: 'HardBounce',
    TypeCode: 1,
    MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
    Email: 'john@example.com',
    BouncedAt: '2019-11-05T16:33:54.9070259Z',
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Metadata: { userId: '42' },
  };
  const post = (body, password = 's3cret') =>
    handler(
      new Request('https://app.example.com/webhooks/postmark', {
        method: 'POST',
        headers: {
          Authorization: `Basic ${btoa(`postmark:${password}`)}`,
          'Content-Type': 'application/json',
        },
        body,
      }),
    );
  const ok = await post(JSON.stringify(bounce));
  const unauthorized = await post(JSON.stringify(bounce), 'wrong');
  const tooLarge = await post(JSON.stringify({ ...bounce, Details: 'x'.repeat(5000) }));
  const notAnEvent = await post('{"Nope":true}');
  const inbound = parseWebhook({
    MessageID: 'm-1',
    From: 'Ada <ada@example.com>',
    Attachments: [{ Name: 'a.txt', Content: btoa('hi') }],
  });
  return {
    statuses: [ok.status, unauthorized.status, tooLarge.status, notAnEvent.status],
    bounce: {
      email: seen[0]?.email,
      bouncedAt: seen[0]?.bouncedAt instanceof Date,
      metadata: seen[0]?.metadata,
    },
    received: seen.length,
    attachment: new TextDecoder().decode(inbound.attachments[0].bytes()),
  };
}

/** 300,001 bytes in a pattern the matrix test can rebuild: several base64 slices, padded. */
export function largeAttachmentContent() {
  return Uint8Array.from({ length: 300_001 }, (_, i) => (i * 7 + (i >> 9)) % 256);
}
