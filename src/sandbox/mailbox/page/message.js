// One message in tabs: HTML, Text, Headers, JSON, Attachments, Events and, for a templated
// send, Template. The tabs follow the WAI-ARIA tabs pattern.
import {
  addressList,
  addressText,
  badge,
  byId,
  chip,
  h,
  messagePath,
  note,
  size,
  table,
  tableHead,
  when,
} from './dom.js';

// The tab last chosen, kept from one message to the next.
let chosen = null;

/** Shows `message`; when it is the one shown already, only what can change (status, events). */
export function showMessage(message) {
  const detail = byId('detail');
  if (detail.dataset.id === message.id) updateDetail(message);
  else renderDetail(message);
}

/** Shows `text` in place of a message. */
export function showNoMessage(text) {
  const detail = byId('detail');
  delete detail.dataset.id;
  detail.replaceChildren(h('p', { class: 'placeholder' }, text));
}

function tabsOf(message) {
  const tabs = [
    { id: 'html', label: 'HTML', panel: htmlPanel },
    { id: 'text', label: 'Text', panel: textPanel },
    { id: 'headers', label: 'Headers', panel: headersPanel },
    { id: 'json', label: 'JSON', panel: jsonPanel },
    {
      id: 'attachments',
      label: `Attachments (${message.attachments.length})`,
      panel: attachmentsPanel,
    },
    { id: 'events', label: eventsLabel(message), panel: eventsPanel },
  ];
  if (message.template) tabs.push({ id: 'template', label: 'Template', panel: templatePanel });
  return tabs;
}

const eventsLabel = (message) => `Events (${message.events.length})`;

function renderDetail(message) {
  const tabs = tabsOf(message);
  if (!tabs.some((tab) => tab.id === chosen)) chosen = message.html === null ? 'text' : 'html';
  const fields = [
    ['From', addressText(message.from)],
    ['To', addressList(message.to)],
    ['Cc', addressList(message.cc)],
    ['Bcc', addressList(message.bcc)],
    ['Reply-To', message.replyTo],
    ['Date', when(message.submittedAt, true)],
    ['Stream', message.stream],
    ['Tag', message.tag],
    ['Message ID', message.id],
  ].filter(([, value]) => value);
  const detail = byId('detail');
  detail.dataset.id = message.id;
  detail.replaceChildren(
    h(
      'header',
      { class: 'message-head' },
      h(
        'div',
        { class: 'title' },
        h('h2', { id: 'subject' }, message.subject || '(no subject)'),
        h('span', { id: 'status' }, badge(message.status)),
      ),
      h(
        'dl',
        { class: 'fields' },
        fields.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
      ),
    ),
    h(
      'div',
      { role: 'tablist', class: 'tabs', 'aria-label': 'Views of the message', onkeydown: onTabKey },
      tabs.map((tab) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${tab.id}`,
            'aria-controls': `panel-${tab.id}`,
            'aria-selected': String(tab.id === chosen),
            tabindex: tab.id === chosen ? '0' : '-1',
            onclick: () => selectTab(tab.id),
          },
          tab.label,
        ),
      ),
    ),
    ...tabs.map((tab) =>
      h(
        'div',
        {
          role: 'tabpanel',
          id: `panel-${tab.id}`,
          class: `panel panel-${tab.id}`,
          'aria-labelledby': `tab-${tab.id}`,
          tabindex: '0',
          hidden: tab.id !== chosen,
        },
        tab.panel(message),
      ),
    ),
  );
}

// Live changes touch only what can change after acceptance: the status and the events. The
// frame with the HTML is left alone, so it does not flicker.
function updateDetail(message) {
  byId('status')?.replaceChildren(badge(message.status));
  byId('tab-events')?.replaceChildren(eventsLabel(message));
  const panel = byId('panel-events');
  if (!panel) return;
  // A payload the reader opened stays open.
  const opened = new Set(Array.from(panel.querySelectorAll('details[open]'), (d) => d.dataset.id));
  panel.replaceChildren(...eventsPanel(message));
  for (const details of panel.querySelectorAll('details[data-id]')) {
    if (opened.has(details.dataset.id)) details.open = true;
  }
}

function selectTab(id, focus = false) {
  chosen = id;
  for (const tab of byId('detail').querySelectorAll('[role="tab"]')) {
    const selected = tab.id === `tab-${id}`;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }
  for (const panel of byId('detail').querySelectorAll('[role="tabpanel"]')) {
    panel.hidden = panel.id !== `panel-${id}`;
  }
}

// ← → move between the tabs, Home and End to either end (the WAI-ARIA tabs pattern).
function onTabKey(event) {
  const tabs = [...byId('detail').querySelectorAll('[role="tab"]')];
  const at = tabs.indexOf(document.activeElement);
  const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
  if (at < 0 || !(event.key in moves)) return;
  event.preventDefault();
  const target = tabs[(moves[event.key] + tabs.length) % tabs.length];
  selectTab(target.id.slice('tab-'.length), true);
}

function htmlPanel(message) {
  if (message.html === null) return note('This message has no HTML body.');
  // No allow-scripts, no allow-same-origin: the HTML runs nothing and reaches nothing of the
  // mailbox. The sandbox serves it with a policy that says the same.
  return h('iframe', {
    class: 'html-frame',
    sandbox: '',
    src: `${messagePath(message.id)}/html`,
    title: 'The HTML body of the message',
    referrerpolicy: 'no-referrer',
  });
}

function textPanel(message) {
  if (message.text === null) return note('This message has no text body.');
  return h('pre', { class: 'text-body' }, message.text);
}

function headersPanel(message) {
  return table(
    ['Name', 'Value'],
    message.headers.map((header) => [header.name, header.value]),
  );
}

function jsonPanel(message) {
  return [
    note('The JSON the client sent, as the sandbox received it.'),
    h('pre', { class: 'json' }, JSON.stringify(message.json, null, 2)),
  ];
}

function attachmentsPanel(message) {
  if (message.attachments.length === 0) return note('This message has no attachments.');
  return table(
    ['Name', 'Type', 'Size', 'Content-ID'],
    message.attachments.map((attachment) => [
      h('a', { href: attachment.url, download: attachment.name }, attachment.name),
      attachment.contentType,
      size(attachment.size),
      attachment.contentId ?? '',
    ]),
  );
}

function eventsPanel(message) {
  const parts = [];
  if (message.events.length === 0) {
    parts.push(note('No events yet: delivery events and bounces follow shortly after a send.'));
  } else {
    parts.push(
      h(
        'ol',
        { class: 'events' },
        message.events.map((event) =>
          h(
            'li',
            { class: `event event-${event.type}` },
            when(event.at, true),
            chip(event.type, `event-type type-${event.type}`),
            h('span', { class: 'recipient' }, event.recipient),
            h(
              'span',
              { class: 'details' },
              Object.entries(event.details)
                .map(([name, value]) => `${name}: ${value}`)
                .join(' · '),
            ),
          ),
        ),
      ),
    );
  }
  if (message.bounces.length > 0) {
    parts.push(
      h('h3', {}, 'Bounces'),
      table(
        ['Address', 'Type', 'Inactive', 'Details'],
        message.bounces.map((bounce) => [
          bounce.email,
          bounce.name,
          bounce.inactive ? 'yes' : 'no',
          bounce.details,
        ]),
      ),
    );
  }
  if (message.webhookDeliveries.length > 0) {
    parts.push(h('h3', {}, 'Webhook deliveries'), deliveriesTable(message.webhookDeliveries));
  }
  return parts;
}

const DELIVERY_HEADS = ['Time', 'Event', 'URL', 'Attempt', 'Status', 'Outcome'];

// A line per attempt with what tells attempts apart; beneath it, across the table, why it
// failed and the JSON posted, folded: a payload is long, and seldom what one looks for. The
// payload holds what the message's sender wrote (metadata, tags), so it is text, as all else.
function deliveriesTable(deliveries) {
  return h(
    'table',
    { class: 'deliveries' },
    tableHead(DELIVERY_HEADS),
    deliveries.map((delivery) =>
      h(
        'tbody',
        {},
        h(
          'tr',
          { class: 'attempt' },
          [
            when(delivery.at),
            delivery.recordType,
            delivery.url,
            delivery.attempt,
            delivery.status ?? (delivery.outcome === 'refused' ? 'not posted' : 'no answer'),
            chip(delivery.outcome, `outcome outcome-${delivery.outcome}`),
          ].map((cell) => h('td', {}, cell)),
        ),
        h(
          'tr',
          { class: 'attempt-more' },
          h(
            'td',
            { colspan: DELIVERY_HEADS.length },
            delivery.error && h('p', { class: 'attempt-error' }, delivery.error),
            delivery.nextRetryAt &&
              h('p', { class: 'attempt-next' }, 'Next attempt ', when(delivery.nextRetryAt, true)),
            h(
              'details',
              { 'data-id': delivery.id },
              h('summary', {}, 'Payload'),
              h('pre', { class: 'json' }, JSON.stringify(delivery.payload, null, 2)),
            ),
          ),
        ),
      ),
    ),
  );
}

function templatePanel(message) {
  const { template } = message;
  const fields = [
    ['Template ID', template.id],
    ['Alias', template.alias],
    ['Name', template.name],
    ['InlineCss', template.inlineCss === null ? null : String(template.inlineCss)],
  ].filter(([, value]) => value !== null && value !== undefined);
  return [
    h(
      'dl',
      { class: 'fields' },
      fields.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
    ),
    h('h3', {}, 'Model'),
    h('pre', { class: 'json model' }, JSON.stringify(template.model, null, 2)),
  ];
}
