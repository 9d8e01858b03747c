// The README's main job (`npm run demo`): a tour of postmark-fluent against the local
// sandbox, through the public entry points only. It is also a smoke test: any step that
// does something unexpected ends the demo with exit status 1.
import {
  describeErrorCode,
  InactiveRecipientError,
  Message,
  Sender,
  Server,
} from 'postmark-fluent';
import { startSandbox } from 'postmark-fluent/sandbox';

const BATCH_SIZE = 3000;
const HARD_BOUNCE = 'hardbounce@bounce-testing.postmarkapp.com';

const heading = (n, text) => console.log(`\n${n}. ${text}`);
const fact = (text) => console.log(`   ${text}`);
const count = (n, word) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Stops the demo when the SDK or the sandbox does something the tour does not expect. */
function check(condition, what) {
  if (!condition) throw new Error(`unexpected: ${what}`);
}

async function main(sandbox) {
  const retries = [];
  const mailer = new Sender({
    serverToken: sandbox.token,
    baseUrl: sandbox.url,
    defaults: Message.from('Acme <app@example.com>').tag('demo').stream('outbound'),
    hooks: { onRetry: ({ path, error }) => retries.push(`${path} after ${error.name}`) },
  });
  // Everything else the token reaches (status, bounces, templates...) is on a Server.
  const server = Server.of(mailer);
  heading(2, 'A Sender pointed at the sandbox, with defaults every message is laid over');
  fact(`${mailer}, tag "demo"`);
  fact(`retries: ${mailer.retry.limit} at most, and only what certainly was not taken`);

  heading(3, 'One message with an attachment (the sandbox answers 503 first)');
  sandbox.failNext(1, 503);
  const receipt = Message.to('ada@example.com')
    .subject('Your report')
    .text('The report is attached.')
    .attach({ name: 'report.csv', content: 'month,total\nMay,42\n' });
  const sent = await mailer.send(receipt);
  const stored = sandbox.messages().filter((m) => m.MessageID === sent.messageId);
  const attachment = stored[0]?.Attachments?.[0];
  check(retries.length === 1 && stored.length === 1, 'one retry and one stored copy');
  check(attachment?.ContentType === 'text/csv', 'the attachment type inferred from its name');
  fact(`503 → retried (${retries[0]}) → sent once, MessageID ${sent.messageId}`);
  fact(`attachment ${attachment.Name} (${attachment.ContentType}), From ${stored[0].From}`);

  heading(4, 'A templated message, rendered by the sandbox, then its status');
  const welcome = await mailer.send(
    Message.to('bob@example.com').template('welcome', { name: 'Bob' }),
  );
  const rendered = sandbox.messages().find((m) => m.MessageID === welcome.messageId);
  const details = await server.messages.waitFor(welcome.messageId, { interval: 20, timeout: 5000 });
  check(rendered?.Subject === 'Welcome, Bob!', `the rendered subject, got ${rendered?.Subject}`);
  check(
    details.events.some((e) => e.type === 'Delivered'),
    'a Delivered event',
  );
  fact(`template "welcome" → subject "${rendered.Subject}"`);
  fact(`waitFor → ${details.events.map((e) => `${e.type} to ${e.recipient}`).join(', ')}`);

  heading(5, `A batch of ${count(BATCH_SIZE, 'message')}, some invalid, some refused`);
  const before = sandbox.requests().length;
  sandbox.failNext(1, 429);
  const messages = Array.from({ length: BATCH_SIZE }, (_, i) => {
    const message = Message.to(`user${i}@example.com`).subject(`Update #${i}`);
    if (i % 150 === 7) return message; // no body: caught before anything is sent
    if (i % 300 === 11) return message.text('Hi').stream('newsletters'); // unknown stream
    if (i % 600 === 13) return message.text('Hi').from('promo@elsewhere.test'); // not a signature
    return message.text(`Hello, user ${i}`);
  });
  const batch = await mailer.sendBatch(messages);
  const byCode = {};
  for (const failure of batch.failed) {
    const key =
      failure.errorCode === undefined
        ? 'invalid (caught before sending)'
        : `ErrorCode ${failure.errorCode} (${describeErrorCode(failure.errorCode)})`;
    byCode[key] = (byCode[key] ?? 0) + 1;
  }
  const requests = sandbox.requests().slice(before);
  const answered = requests.filter((r) => r.path === '/email/batch');
  const accepted = sandbox.messages().filter((m) => m.Subject?.startsWith('Update #'));
  check(batch.results.length === BATCH_SIZE, 'one result per message');
  const counted = (code) => Object.entries(byCode).find(([key]) => key.startsWith(code))?.[1];
  check(counted('invalid') === 20, `20 invalid, got ${counted('invalid')}`);
  check(counted('ErrorCode 1235') === 10 && counted('ErrorCode 400') === 5, 'refusals by code');
  check(accepted.length === batch.sent.length, 'the sandbox stored exactly what was sent');
  check(answered.filter((r) => r.status === 200).length === 6, 'six chunks answered 200');
  check(retries.length === 2, `one retry for the 429, got ${retries.length - 1}`);
  fact(`sent ${count(batch.sent.length, 'message')}, failed ${batch.failed.length}`);
  fact('failed by cause:');
  for (const [cause, n] of Object.entries(byCode)) fact(`  ${cause} ×${n}`);
  const statuses = answered.map((r) => r.status).join(', ');
  fact(`${count(answered.length, 'request')} to /email/batch (${statuses}): 6 chunks of ≤500`);
  fact(`the 429 was retried safely: ${retries.at(-1)}`);

  heading(6, `A hard bounce: send to ${HARD_BOUNCE}`);
  const bounced = await mailer.send(Message.to(HARD_BOUNCE).subject('Your order').text('Shipped'));
  const status = await server.messages.waitFor(bounced.messageId, { interval: 20, timeout: 5000 });
  const { bounces } = await server.bounces.list({
    type: 'HardBounce',
    messageId: bounced.messageId,
  });
  const [bounce] = bounces;
  check(
    status.events.some((e) => e.type === 'Bounced'),
    'a Bounced event',
  );
  check(bounce?.inactive === true, 'the bounce deactivated the address');
  fact(`waitFor → status ${status.status}, event ${status.events.map((e) => e.type).join(', ')}`);
  fact(
    `bounces.list → #${bounce.id} ${bounce.type} (${bounce.name}), inactive: ${bounce.inactive}`,
  );

  heading(7, 'Sending to the inactive address again, then reactivating it');
  const refusal = await mailer.send(Message.to(HARD_BOUNCE).subject('Again').text('Hi')).then(
    () => undefined,
    (error) => error,
  );
  check(refusal instanceof InactiveRecipientError, `an InactiveRecipientError, got ${refusal}`);
  fact(
    `${refusal.name} (ErrorCode ${refusal.errorCode}, ${describeErrorCode(refusal.errorCode)}): ${refusal.recipients.join(', ')}`,
  );
  await server.bounces.activate(bounce.id);
  const resent = await mailer.send(Message.to(HARD_BOUNCE).subject('Again').text('Hi'));
  fact(`bounces.activate(${bounce.id}) → sent again, MessageID ${resent.messageId}`);

  heading(8, 'The rest of the server API: a template, a stream, a suppression, opens, stats');
  await server.templates.create({
    name: 'Receipt',
    alias: 'receipt',
    subject: 'Receipt {{number}}',
    htmlBody: '<p>Total: {{total}}</p> <a href="https://example.com/orders">Your orders</a>',
  });
  await server.streams.create({
    id: 'receipts',
    name: 'Receipts',
    messageStreamType: 'Transactional',
  });
  await server.suppressions.add('receipts', ['opted-out@example.com']);
  const toReceipts = (to) =>
    Message.to(to)
      .template('receipt', { number: 7, total: '$42' })
      .stream('receipts')
      .trackOpens(true);
  const paid = await mailer.send(toReceipts('ada@example.com'));
  const suppressed = await mailer.send(toReceipts('opted-out@example.com')).catch((e) => e);
  check(
    suppressed instanceof InactiveRecipientError,
    `a suppressed address refused, got ${suppressed}`,
  );
  fact(
    `templates.create + streams.create → "${sandbox.messages().at(-1)?.Subject}" on stream receipts`,
  );
  fact(
    `suppressions.add → opted-out@example.com refused (ErrorCode ${suppressed.errorCode}, ${describeErrorCode(suppressed.errorCode)})`,
  );
  await server.messages.waitFor(paid.messageId, { interval: 20, timeout: 5000 });
  sandbox.simulateOpen(paid.messageId, { Platform: 'Mobile', Client: { Name: 'Gmail' } });
  const { opens } = await server.opens.forMessage(paid.messageId);
  const overview = await server.stats.overview({ stream: 'receipts' });
  check(opens.length === 1 && overview.sent === 1 && overview.uniqueOpens === 1, 'opens and stats');
  fact(`opens.forMessage → ${opens[0].platform} with ${opens[0].client?.name} (simulated)`);
  fact(
    `stats.overview({ stream: 'receipts' }) → sent ${overview.sent}, unique opens ${overview.uniqueOpens}`,
  );
}

heading(1, 'Start the sandbox: a local server that answers like Postmark');
const sandbox = await startSandbox({ eventDelayMs: 10, senderSignatures: ['example.com'] });
sandbox.addTemplate({
  Name: 'Welcome',
  Alias: 'welcome',
  Subject: 'Welcome, {{name}}!',
  TextBody: 'Hi {{name}}, glad you are here.',
});
fact(`${sandbox.url}, token "${sandbox.token}"`);
fact(
  `fault seed ${sandbox.seed}: startSandbox({ seed: ${sandbox.seed} }) replays the same random faults`,
);
fact('template "welcome"; sender signatures: example.com');
try {
  await main(sandbox);
  heading(9, 'Close the sandbox');
  fact(
    `${count(sandbox.messages().length, 'message')} accepted in ${count(sandbox.requests().length, 'request')}; ` +
      `${count(sandbox.bounces().length, 'bounce')}`,
  );
  console.log('\nDemo finished: every step did what it should.');
} catch (error) {
  console.error(`\n✗ The demo stopped: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await sandbox.close();
}
