import { readFileSync, writeFileSync } from 'node:fs';
import { Message, Sender } from 'postmark-fluent';

const [url, file, warm] = process.argv.slice(2);
const hwm = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1000;
const rss = () => process.memoryUsage().rss / 1e6;
let b = 0;
const log = (s) =>
  console.log(s.padEnd(14), 'rss', (rss() - b).toFixed(1), 'hwm', (hwm() - b).toFixed(1));
const sender = new Sender({
  serverToken: 't',
  baseUrl: url,
  limits: { maxMessageBytes: 15_000_000 },
  defaults: Message.from('app@example.com'),
});
const send = (f) =>
  sender.send(
    Message.to('ada@example.com').subject('s').text('t').attachFile(f, { name: 'report.pdf' }),
  );
await send(warm);
for (let i = 0; i < 3; i++) {
  globalThis.gc();
  globalThis.gc();
  b = rss();
  writeFileSync('/proc/self/clear_refs', '5');
  await send(file);
  log('sent #' + i);
}
