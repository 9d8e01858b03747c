// The mailbox page: the sandbox's accepted messages, newest first, kept live by its event
// stream, and one message at a time in tabs (message.js). Everything that comes from a
// message is put in the page as text, never as markup; its HTML is shown only in a sandboxed
// frame that runs no script. No framework, no build step: these files are served as written.
import {
  API,
  addressList,
  addressText,
  badge,
  byId,
  chip,
  getJson,
  h,
  messagePath,
  when,
} from './dom.js';
import { showMessage, showNoMessage } from './message.js';

const state = {
  query: '',
  selected: null,
  refreshing: null,
  refreshList: false,
  refreshDetail: false,
  searching: null,
};

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
  // Not a new history entry per arrow press, as Enter or a click makes.
  history.replaceState(null, '', target.getAttribute('href'));
  openMessage(target.dataset.id);
}

// ---- one message -------------------------------------------------------------------------

async function openMessage(id) {
  state.selected = id;
  markSelected();
  const message = await getJson(messagePath(id));
  if (state.selected !== id) return; // another was opened meanwhile
  if (message === null) showNoMessage('This message is no longer in the mailbox.');
  else showMessage(message);
}

// ---- live updates, search, clear ---------------------------------------------------------

// Notes come in bursts (a batch of 500 is 500 notes): one refresh serves them all.
function refreshSoon({ list, detail }) {
  state.refreshList ||= list;
  state.refreshDetail ||= detail;
  if (state.refreshing) return;
  state.refreshing = setTimeout(() => {
    const { refreshList, refreshDetail } = state;
    state.refreshing = null;
    state.refreshList = false;
    state.refreshDetail = false;
    if (refreshList) loadList();
    if (refreshDetail && state.selected) openMessage(state.selected);
  }, 30);
}

// What a note changes: a new message, the list; events, the list (statuses) and the open
// message; a webhook post, only the open message's deliveries, if it is that message's.
function refreshFor(change) {
  if (change.kind === 'message') refreshSoon({ list: true, detail: false });
  else if (change.kind !== 'delivery') refreshSoon({ list: true, detail: true });
  else if (change.id === state.selected) refreshSoon({ list: false, detail: true });
}

function connect() {
  const live = byId('live');
  const events = new EventSource(`${API}/events`);
  events.onopen = () => {
    live.textContent = 'live';
    live.dataset.state = 'live';
    refreshSoon({ list: true, detail: true }); // what happened while the stream was down
  };
  events.onerror = () => {
    live.textContent = 'reconnecting…';
    live.dataset.state = 'down';
  };
  events.onmessage = (event) => {
    refreshFor(JSON.parse(event.data));
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
  showNoMessage('The mailbox is empty.');
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
