// What the mailbox's modules share: building elements from data (text only, never markup),
// reading the API, and formatting.

export const API = '/mailbox/api';

export const byId = (id) => document.getElementById(id);

export const messagePath = (id) => `${API}/messages/${encodeURIComponent(id)}`;

/** An element with attributes (`on…` adds a listener) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
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

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function when(iso, full = false) {
  const date = new Date(iso);
  const today = date.toDateString() === new Date().toDateString();
  const text = full ? dateTime.format(date) : today ? timeOnly.format(date) : dateOnly.format(date);
  return h('time', { datetime: iso, title: dateTime.format(date) }, text);
}

export const addressText = (address) =>
  address.name ? `${address.name} <${address.email}>` : address.email;

export const addressList = (addresses) => addresses.map(addressText).join(', ');

export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const badge = (status) => h('span', { class: `badge status-${status}` }, status);
export const chip = (text, kind) => h('span', { class: `chip ${kind}` }, text);
export const note = (text) => h('p', { class: 'note' }, text);

export const tableHead = (heads) =>
  h(
    'thead',
    {},
    h(
      'tr',
      {},
      heads.map((head) => h('th', { scope: 'col' }, head)),
    ),
  );

export function table(heads, rows) {
  return h(
    'table',
    {},
    tableHead(heads),
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
