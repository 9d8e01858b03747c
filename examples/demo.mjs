// The README's main job. Builds messages through the public API only, validates them and
// prints the Postmark JSON they become. (It grows into the full sandbox demo.)
import { Message } from 'postmark-fluent';

const line = (text = '') => console.log(text);

const welcome = Message.from('Team <team@example.com>')
  .to('ada@example.com', { email: 'bob@example.com', name: 'Bob, Jr.' })
  .subject('Welcome')
  .text('Hello')
  .html('<p>Hello</p>')
  .tag('welcome')
  .metadata({ userId: '42' })
  .attach({ name: 'terms.txt', content: 'Be nice.' });

line('1. A message, validated and serialized:');
line(`   validate() → ${JSON.stringify(welcome.validate())}`);
line(JSON.stringify(welcome.toJSON(), null, 2).replace(/^/gm, '   '));

const templated = Message.from('team@example.com')
  .to('ada@example.com')
  .template('welcome', { name: 'Ada' });
line('\n2. A templated message (POST /email/withTemplate):');
line(JSON.stringify(templated.toJSON(), null, 2).replace(/^/gm, '   '));

line('\n3. Bad input is caught before anything leaves:');
try {
  welcome.attach({ name: 'setup.EXE', content: 'MZ' });
} catch (error) {
  line(`   ${error.name}: ${error.message}`);
}
const draft = Message.to('ada@example.com').tag('draft').validate();
for (const issue of draft.issues ?? []) line(`   ${issue.path}: ${issue.message} (${issue.code})`);
