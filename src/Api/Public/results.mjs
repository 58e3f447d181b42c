// 结果公示: the published results, searched by code or enterprise name (partial match) through
// GET /api/public/results, paged by the server; the query and page are kept in the address so a search can be shared.
import { t } from '/portal/assets/i18n.mjs';
import { main, el, add, link, table, getJson, heading, failure } from '/portal/assets/portal.mjs';

const SIZE = 20;

function searchForm(query) {
  const form = el('form', null, { role: 'search', id: 'results-search' });
  const input = el('input', null, { id: 'q', name: 'q', type: 'search', maxlength: '100' });
  input.value = query;
  add(form, el('label', t('searchLabel'), { for: 'q' }), el('br'), input, el('button', t('search'), { type: 'submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    location.assign(`/results${params.size > 0 ? `?${params}` : ''}`);
  });
  return form;
}

function pager(query, page, total) {
  const pages = Math.max(1, Math.ceil(total / SIZE));
  const go = (to) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    params.set('page', String(to));
    return `/results?${params}`;
  };
  return add(el('nav', null, { class: 'pager', 'aria-label': t('pageOf', page, pages, total) }),
    page > 1 ? link(t('previous'), go(page - 1)) : null, el('span', t('pageOf', page, pages, total)),
    page < pages ? link(t('next'), go(page + 1)) : null);
}

async function render() {
  const params = new URLSearchParams(location.search);
  const query = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  main.replaceChildren(heading(t('resultsTitle')), searchForm(query), el('p', t('loading')));
  const api = new URLSearchParams({ page: String(page), pageSize: String(SIZE) });
  if (query) api.set('q', query);
  const found = await getJson(`/api/public/results?${api}`);
  const rows = found.results.map(({ result, entityName }) => [
    entityName ?? '—', result.entityId, link(result.taskId, `/tasks/${encodeURIComponent(result.taskId)}`), result.itemCode,
    t(`resultOutcome.${result.content.outcome}`), result.content.inspectionDate,
    `${result.publication.publishedOn}${result.publication.late ? ` (${t('late')})` : ''}`,
  ]);
  main.replaceChildren(heading(t('resultsTitle')), searchForm(query), el('p', t('resultCount', found.total), { id: 'result-count' }),
    rows.length > 0
      ? table([t('enterpriseName'), t('entity'), t('task'), t('item'), t('outcome'), t('inspectionDate'), t('publishedOn')], rows)
      : el('p', t('noResults')),
    pager(query, page, found.total));
}

render().catch((error) => failure(error, t('resultsTitle')));
