// The mailbox page: the sandbox's accepted messages, newest first, kept live by its event
// stream, and one message at a time in tabs. Everything that comes from a message is put in
// the page as text (textContent), never as markup; its HTML is shown only in a sandboxed
// frame that runs no script. No framework, no build step: this file is served as written.

const API = '/mailbox/api';
const state = {
  query: '',
  selected: null,
  tab: null,
  refreshing: null,
  refreshDetail: false,
  searching: null,
};

const byId = (id) => document.getElementById(id);

/** An element with attributes (`on…` adds a listener) and children (strings become text). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

const messagePath = (id) => `${API}/messages/${encodeURIComponent(id)}`;

// ---- formatting --------------------------------------------------------------------------

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function when(iso, full = false) {
  const date = new Date(iso);
  const today = date.toDateString() === new Date().toDateString();
  const text = full ? dateTime.format(date) : today ? timeOnly.format(date) : dateOnly.format(date);
  return h('time', { datetime: iso, title: dateTime.format(date) }, text);
}

const addressText = (address) =>
  address.name ? `${address.name} <${address.email}>` : address.email;

const addressList = (addresses) => addresses.map(addressText).join(', ');

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const badge = (status) => h('span', { class: `badge status-${status}` }, status);
const chip = (text, kind) => h('span', { class: `chip ${kind}` }, text);
const note = (text) => h('p', { class: 'note' }, text);

// ---- the list ----------------------------------------------------------------------------

async function loadList() {
  const params = new URLSearchParams({ count: '200' });
  if (state.query) params.set('q', state.query);
  const query = state.query;
  const list = await getJson(`${API}/messages?${params}`);
  // A newer search may have been typed while this one was on its way.
  if (query === state.query) renderList(list);
}

function renderList({ totalCount, messages }) {
  const list = byId('messages');
  const focused = document.activeElement?.closest?.('#messages a')?.dataset.id;
  list.replaceChildren(...messages.map(listItem));
  const shown = messages.length < totalCount ? ` (newest ${messages.length} shown)` : '';
  byId('count').textContent =
    `${totalCount} message${totalCount === 1 ? '' : 's'}${state.query ? ' found' : ''}${shown}`;
  const empty = byId('empty');
  empty.hidden = totalCount > 0;
  empty.textContent = state.query
    ? `No message matches “${state.query}”.`
    : 'No messages yet. Send one to this sandbox and it shows here at once.';
  if (focused) list.querySelector(`a[data-id="${CSS.escape(focused)}"]`)?.focus();
  markSelected();
}

function listItem(message) {
  const to = [...message.to, ...message.cc, ...message.bcc];
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#${encodeURIComponent(message.id)}`,
        class: 'message',
        'data-id': message.id,
        'data-status': message.status,
      },
      h(
        'span',
        { class: 'row' },
        h('span', { class: 'to', title: addressList(to) }, addressList(to) || '(no recipient)'),
        when(message.submittedAt),
      ),
      h('span', { class: 'subject' }, message.subject || '(no subject)'),
      h(
        'span',
        { class: 'row meta' },
        h(
          'span',
          { class: 'from', title: addressText(message.from) },
          `from ${message.from.name ?? message.from.email}`,
        ),
        h(
          'span',
          { class: 'chips' },
          badge(message.status),
          message.tag && chip(message.tag, 'tag'),
          chip(message.stream, 'stream'),
          message.templated && chip('template', 'template'),
          message.attachmentCount > 0 &&
            chip(
              `${message.attachmentCount} file${message.attachmentCount === 1 ? '' : 's'}`,
              'files',
            ),
        ),
      ),
    ),
  );
}

function markSelected() {
  for (const link of byId('messages').querySelectorAll('a.message')) {
    if (link.dataset.id === state.selected) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

// ↑ ↓ (or k j) move through the list and open the message; Home and End go to either end.
function onListKey(event) {
  const links = [...byId('messages').querySelectorAll('a.message')];
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  const moves = { ArrowDown: at + 1, j: at + 1, ArrowUp: at - 1, k: at - 1, Home: 0 };
  moves.End = links.length - 1;
  const target = links[moves[event.key]];
  if (!(event.key in moves)) return;
  event.preventDefault();
  if (!target) return;
  target.focus();
  location.hash = target.getAttribute('href');
}

// ---- one message -------------------------------------------------------------------------

async function openMessage(id) {
  const changed = id !== state.selected;
  state.selected = id;
  markSelected();
  const message = await getJson(messagePath(id));
  if (state.selected !== id) return;
  const detail = byId('detail');
  if (message === null) {
    delete detail.dataset.id;
    detail.replaceChildren(note('This message is no longer in the mailbox.'));
    return;
  }
  if (!changed && detail.dataset.id === id) updateDetail(message);
  else renderDetail(message);
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
  if (!tabs.some((tab) => tab.id === state.tab))
    state.tab = message.html === null ? 'text' : 'html';
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
            'aria-selected': String(tab.id === state.tab),
            tabindex: tab.id === state.tab ? '0' : '-1',
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
          hidden: tab.id !== state.tab,
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
  byId('panel-events')?.replaceChildren(...eventsPanel(message));
}

function selectTab(id, focus = false) {
  state.tab = id;
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
    const names = [...new Set(message.webhookDeliveries.flatMap((entry) => Object.keys(entry)))];
    parts.push(
      h('h3', {}, 'Webhook deliveries'),
      table(
        names,
        message.webhookDeliveries.map((entry) => names.map((name) => display(entry[name]))),
      ),
    );
  }
  return parts;
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

const display = (value) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

function table(heads, rows) {
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        heads.map((head) => h('th', { scope: 'col' }, head)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

// ---- live updates, search, clear ---------------------------------------------------------

// Notes come in bursts (a batch of 500 is 500 notes): one refresh serves them all.
function refreshSoon(detailToo) {
  state.refreshDetail ||= detailToo;
  if (state.refreshing) return;
  state.refreshing = setTimeout(() => {
    const detail = state.refreshDetail;
    state.refreshing = null;
    state.refreshDetail = false;
    loadList();
    if (detail && state.selected) openMessage(state.selected);
  }, 30);
}

function connect() {
  const live = byId('live');
  const events = new EventSource(`${API}/events`);
  events.onopen = () => {
    live.textContent = 'live';
    live.dataset.state = 'live';
    refreshSoon(true); // what happened while the stream was down
  };
  events.onerror = () => {
    live.textContent = 'reconnecting…';
    live.dataset.state = 'down';
  };
  events.onmessage = (event) => {
    const change = JSON.parse(event.data);
    refreshSoon(change.kind !== 'message');
  };
}

function onSearch() {
  clearTimeout(state.searching);
  state.searching = setTimeout(() => {
    state.query = byId('search').value.trim();
    loadList();
  }, 120);
}

async function clearMailbox() {
  await fetch(`${API}/messages`, { method: 'DELETE' });
  state.selected = null;
  history.replaceState(null, '', location.pathname);
  const detail = byId('detail');
  delete detail.dataset.id;
  detail.replaceChildren(h('p', { class: 'placeholder' }, 'The mailbox is empty.'));
  await loadList();
}

function openFromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id) openMessage(id);
}

byId('messages').addEventListener('keydown', onListKey);
byId('search').addEventListener('input', onSearch);
byId('clear').addEventListener('click', clearMailbox);
window.addEventListener('hashchange', openFromHash);
// `/` jumps to the search box, as in most mail clients.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.target.closest('input, textarea')) return;
  event.preventDefault();
  byId('search').focus();
});

loadList();
openFromHash();
connect();
