// The portal's shared layout and helpers. Everything the server or the visitor supplied is written with textContent
// and createElement, never as markup; the site's Content-Security-Policy refuses inline code and HTML from strings.
import { t, language, setLanguage } from '/portal/assets/i18n.mjs';

/** Fills the layout's texts, the language switch and the enterprise search of the header. */
function layout() {
  document.documentElement.lang = language();
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  document.querySelector('nav').setAttribute('aria-label', t('navHome'));
  const switcher = document.getElementById('language');
  switcher.textContent = t('switchTo');
  switcher.lang = language() === 'en' ? 'zh-CN' : 'en';
  switcher.addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    location.reload();
  });
  document.getElementById('entity-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const code = document.getElementById('entity-code').value.trim().toUpperCase();
    if (code) location.assign(`/entities/${encodeURIComponent(code)}`);
  });
}

layout();

export const main = document.getElementById('main');

/** A new element with text content (never markup) and attributes. */
export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** Appends children to a parent and returns the parent. */
export const add = (parent, ...children) => {
  for (const child of children) if (child) parent.append(child);
  return parent;
};

/** A link whose address is built by the caller from encoded parts. */
export const link = (text, href) => el('a', text, { href });

/** A description list of [term, value] pairs; a value may be a node. */
export function facts(pairs) {
  const list = el('dl');
  for (const [term, value] of pairs) add(list, el('dt', term), value instanceof Node ? add(el('dd'), value) : el('dd', value));
  return list;
}

/** A table with a header row; each row is a list of cell values (text or nodes). */
export function table(headers, rows) {
  const wrap = el('div', null, { class: 'table-wrap' });
  const grid = add(wrap, el('table')).firstChild;
  const head = grid.createTHead().insertRow();
  for (const header of headers) add(head, el('th', header, { scope: 'col' }));
  const body = grid.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const value of row) {
      const cell = line.insertCell();
      if (value instanceof Node) cell.append(value);
      else cell.textContent = value ?? '';
    }
  }
  return wrap;
}

/**
 * A table paged and filtered in the browser (a city round selects thousands): `rows` as for `table`, `matches(row,
 * text, choice)` decides the filter; `choices` (optional) fills a select beside the text filter.
 */
export function pagedTable(headers, rows, { size = 50, choices, matches }) {
  const box = el('div', null, { class: 'paged' });
  const controls = el('div', null, { class: 'pager' });
  const filterId = `filter-${Math.random().toString(36).slice(2)}`;
  const text = el('input', null, { id: filterId, type: 'search' });
  add(controls, el('label', t('filter'), { for: filterId }), text);
  let select;
  if (choices) {
    select = el('select', null, { 'aria-label': t('stratum') });
    add(select, el('option', t('allStrata'), { value: '' }), ...choices.map((choice) => el('option', choice, { value: choice })));
    add(controls, select);
  }
  const previous = el('button', t('previous'), { type: 'button' });
  const next = el('button', t('next'), { type: 'button' });
  const where = el('span', null, { 'aria-live': 'polite' });
  const pager = add(el('div', null, { class: 'pager' }), previous, where, next);
  let page = 0;
  let shown = rows;
  const holder = el('div');
  const render = () => {
    const pages = Math.max(1, Math.ceil(shown.length / size));
    page = Math.min(page, pages - 1);
    holder.replaceChildren(table(headers, shown.slice(page * size, (page + 1) * size)));
    where.textContent = t('pageOf', page + 1, pages, shown.length);
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  const refilter = () => {
    const typed = text.value.trim();
    shown = rows.filter((row) => matches(row, typed, select?.value ?? ''));
    page = 0;
    render();
  };
  text.addEventListener('input', refilter);
  select?.addEventListener('change', refilter);
  previous.addEventListener('click', () => { page--; render(); });
  next.addEventListener('click', () => { page++; render(); });
  render();
  return add(box, controls, holder, pager);
}

/** The problem details' title and detail of a refused request, or its status and text. */
export async function refusal(response) {
  const text = await response.text();
  try {
    const problem = JSON.parse(text);
    return `HTTP ${response.status}: ${problem.title ?? ''} ${problem.detail ?? ''}`.trim();
  } catch {
    return `HTTP ${response.status}: ${text}`;
  }
}

/** GETs JSON from the public API; throws the refusal's text. */
export async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(await refusal(response));
  return response.json();
}

/** The last segment of the address, decoded (shown as typed when it is not valid percent-encoding). */
export function lastSegment() {
  const segment = location.pathname.split('/').pop();
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Replaces the page's content by a title and a failure in words. */
export function failure(error, title) {
  document.title = `${title} · ${t('siteName')}`;
  main.replaceChildren(el('h1', title), el('p', t('failed', error.message), { class: 'fail', role: 'alert' }));
}

/** Sets the document's title and the page's heading. */
export function heading(title) {
  document.title = `${title} · ${t('siteName')}`;
  return el('h1', title);
}
