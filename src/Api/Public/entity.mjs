// 企业页 (我的企业是否被抽中): every round whose frozen pool held one enterprise, from GET /api/public/entities/{uscc}/draws,
// each checked in this browser by the per-entity proof (verifier/entity-proof.mjs, docs/draw-protocol.md §8.1, §12.5)
// without downloading the pool; then the enterprise's published results. The USCC is written as text wherever shown.
import { verifyEntityDraw } from '/verifier/entity-proof.mjs';
import { t } from '/portal/assets/i18n.mjs';
import { main, el, add, link, facts, table, getJson, heading, lastSegment } from '/portal/assets/portal.mjs';

const uscc = lastSegment();
const key = el('textarea', null, { id: 'key', placeholder: 'name+keyid+base64…' });
const runButton = el('button', t('verifyAgain'), { id: 'run', type: 'button' });
const summary = el('div', null, { id: 'summary', role: 'status' });
const draws = el('div', null, { id: 'draws' });
const results = add(el('section', null, { id: 'entity-results' }), el('h2', t('entityResults')));
const resultList = el('div');

main.replaceChildren(heading(t('entityTitle', uscc)), add(el('p', `${t('entity')}: `), el('code', uscc, { id: 'uscc' })),
  add(el('section', null, { id: 'what-it-proves' }), el('h2', t('entityProves')), el('p', t('entityProvesAlone')),
    el('p', t('entityProvesFull'))),
  add(el('p'), el('label', t('entityTrustedKey'), { for: 'key' }), el('br'), key), el('p', t('entityKeyEmpty')),
  add(el('p'), runButton), summary, draws, add(results, resultList));

/** Whether the entity was drawn, in words: 抽中 / 未抽中 with its rank of N_h and n_h, or not decided yet. */
function fate(checked) {
  if (checked.selected === true) return t('entitySelected', checked.rank, checked.poolSize, checked.sampleSize);
  if (checked.selected === false) return t('entityNotSelected', checked.rank, checked.poolSize, checked.sampleSize);
  return t('entityUndecided');
}

/** One round's section: its facts, the loud verdict, every check and the link to the round's full verification. */
function roundSection(entry, checked) {
  const verify = `/verify/${encodeURIComponent(entry.taskId)}?round=${encodeURIComponent(entry.round)}`;
  const attributes = { class: 'round', 'data-task': entry.taskId, 'data-round': String(entry.round), 'data-outcome': checked.outcome };
  return add(el('section', null, attributes),
    el('h2', t('entityRound', entry.taskId, entry.round)),
    el('p', t(`outcomes.${checked.outcome}`), { class: `verdict ${checked.outcome}` }),
    facts([
      [t('task'), link(entry.taskId, `/tasks/${encodeURIComponent(entry.taskId)}`)],
      [t('round'), String(entry.round)],
      [t('state_'), t(`state.${entry.state}`)],
      [t('stratum'), checked.stratum ?? entry.stratum],
      [t('entityFate'), el('strong', fate(checked), { class: 'fate' })],
    ]),
    table([t('result'), t('check'), t('detail')], checked.checks.map((check) =>
      [el('span', t(`checkOutcomes.${check.outcome}`), { class: check.outcome }), check.name, check.detail])),
    add(el('p'), link(t('verifyRound', entry.round), verify)));
}

async function showDraws() {
  const found = await getJson(`/api/public/entities/${encodeURIComponent(uscc)}/draws`);
  if (found.draws.length === 0) {
    summary.replaceChildren(el('p', t('entityNoPool'), { class: 'notice' }));
    return;
  }
  const trustedKey = key.value.trim() || undefined;
  const checked = [];
  for (const entry of found.draws) checked.push(await verifyEntityDraw(entry, { trustedKey }));
  draws.replaceChildren(...found.draws.map((entry, index) => roundSection(entry, checked[index])));
  const count = (outcome) => checked.filter((c) => c.outcome === outcome).length;
  const [className, verdict] = count('fail') > 0 ? ['fail', t('verdictFail')]
    : count('pending') > 0 ? ['pending', t('verdictPending')] : ['pass', t('verdictPass')];
  summary.replaceChildren(el('span', verdict, { class: className }),
    t('entitySummary', found.draws.length, count('pass'), count('fail'), count('pending')));
}

async function showResults() {
  const found = await getJson(`/api/public/entities/${encodeURIComponent(uscc)}/results`);
  resultList.replaceChildren(found.results.length === 0 ? el('p', t('noResults')) : table(
    [t('task'), t('item'), t('outcome'), t('inspectionDate'), t('publishedOn')],
    found.results.map((result) => [link(result.taskId, `/tasks/${encodeURIComponent(result.taskId)}`), result.itemCode,
      t(`resultOutcome.${result.content.outcome}`), result.content.inspectionDate,
      `${result.publication.publishedOn}${result.publication.late ? ` (${t('late')})` : ''}`])));
}

const run = async () => {
  draws.replaceChildren();
  summary.textContent = t('downloading');
  try {
    await showDraws();
  } catch (error) {
    summary.replaceChildren(el('span', t('verdictCannot'), { class: 'fail' }), `: ${error.message}`);
  }
};

runButton.addEventListener('click', run);
await run();
showResults().catch((error) => resultList.replaceChildren(el('p', t('failed', error.message), { class: 'fail', role: 'alert' })));
