// 任务页: every round of one task from GET /api/tasks/{taskId}/draw, as recorded: pools, commitment and where it was
// published, party secrets, randomness, the selection and assignments (paged in the browser), every adjustment with its
// reason and approver, a set-aside or lapsed round marked as such, a round in progress shown as in progress.
import { t, beijing } from '/portal/assets/i18n.mjs';
import { main, el, add, link, facts, table, pagedTable, getJson, heading, failure, lastSegment } from '/portal/assets/portal.mjs';

const hash = (text) => el('code', text, { class: 'hash' });
const FINISHED = new Set(['executed', 'assigned', 'set-aside', 'superseded']);

function poolFacts(pool) {
  return add(el('div'), el('h3', t('pool')), facts([
    [t('frozenAt'), `${beijing(pool.frozenAt)} · ${pool.frozenBy}`],
    ...(pool.reason ? [[t('redrawReason'), pool.reason]] : []),
    [t('entityPool'), t('countRoot', pool.entityCount, pool.entityRoot)],
    [t('inspectorPool'), t('countRoot', pool.inspectors.length, pool.inspectorRoot)],
    [t('conflictPool'), t('countRoot', pool.conflicts.length, pool.conflictRoot)],
  ]), table([t('stratum'), t('poolSize')], pool.strata.map((s) => [s.stratum, s.count])));
}

function commitmentFacts(commitment, publication) {
  return add(el('div'), el('h3', t('commitment')), facts([
    [t('commitHash'), hash(commitment.commitHash)],
    [t('committedAt'), `${beijing(commitment.committedAt)} · ${commitment.committedBy}`],
    [t('sources'), add(el('ul'), ...commitment.sources.map((s) => el('li', `${s.label}: ${s.reference} (${beijing(s.resolvesAt)})`)))],
    [t('publication'), publication ? t('publishedIn', publication, beijing(publication.publishedAt)) : t('notPublished')],
  ]));
}

function selectionTable(execution) {
  const strata = execution.strata.map((s) => s.stratum);
  return add(el('div'), el('h3', t('selection')),
    table([t('stratum'), t('poolSize'), t('sampleSize')], execution.strata.map((s) => [s.stratum, s.poolSize, s.sampleSize])),
    pagedTable([t('stratum'), t('rank'), t('entity'), t('ticket')],
      execution.selected.map((s) => [s.stratum, s.rank, s.entityId, s.ticket]),
      { choices: strata, matches: (row, text, stratum) => (!stratum || row[0] === stratum) && (!text || row[2].includes(text.toUpperCase())) }));
}

function assignmentTable(assignment) {
  const rows = assignment.assignments.map((a) => [a.stratum, a.entityId,
    a.candidates.filter((c) => c.decision === 'assigned').map((c) => c.inspectorId).join('、')]);
  return add(el('div'), el('h3', t('assignments')),
    pagedTable([t('stratum'), t('entity'), t('inspectors')], rows, {
      matches: (row, text) => !text || row[1].includes(text.toUpperCase()) || row[2].includes(text.toUpperCase()),
    }),
    assignment.infeasible.length > 0 ? add(el('ul'), ...assignment.infeasible.map((i) => el('li', t('infeasible', i)))) : null);
}

function adjustmentList(adjustments) {
  const items = adjustments.map((a) => add(el('li'),
    el('strong', a.kind === 'substitution' ? t('substitution', a) : t('reassignment', a)), el('br'),
    document.createTextNode(`${t('reasonApprover', a)} · ${beijing(a.substitutedAt ?? a.reassignedAt)} · ${a.substitutedBy ?? a.reassignedBy}`)));
  return add(el('div'), el('h3', t('adjustments')), items.length > 0 ? add(el('ul'), ...items) : el('p', t('none')));
}

function roundSection(taskId, round, state) {
  const number = round.pool.round;
  const section = add(el('section', null, { class: 'round', id: `round-${number}`, 'data-state': state }),
    el('h2', t('roundHeading', number, t(`state.${state}`))));
  if (state === 'lapsed') add(section, el('p', t('lapsedNote'), { class: 'notice attention' }));
  else if (round.setAside) add(section, el('p', t('setAsideNote', round.setAside), { class: 'notice attention' }));
  else if (!FINISHED.has(state)) add(section, el('p', t('inProgress'), { class: 'notice pending' }));
  if (round.commitment) add(section, el('p').appendChild(link(t('verifyRound', number), `/verify/${encodeURIComponent(taskId)}?round=${number}`)).parentNode);
  add(section, poolFacts(round.pool));
  if (round.commitment) add(section, commitmentFacts(round.commitment, round.publication));
  if (round.commitment) {
    add(section, el('h3', t('secrets')), round.secrets.length > 0
      ? add(el('ul'), ...round.secrets.map((s) => add(el('li', `#${s.index} · ${beijing(s.revealedAt)} · `), hash(s.secret))))
      : el('p', round.commitment.partyCommitments.length > 0 ? t('notPublished') : t('none')));
  }
  const values = round.randomness?.values ?? round.lapsedValues?.values;
  if (values) {
    add(section, el('h3', t('randomness')), table([t('sources'), ''], values.map((v) => [v.label, hash(v.value)])));
  }
  if (round.execution) add(section, selectionTable(round.execution));
  if (round.assignment) add(section, assignmentTable(round.assignment));
  if (round.execution) add(section, adjustmentList(round.adjustments));
  return section;
}

async function render(taskId) {
  const draw = await getJson(`/api/tasks/${encodeURIComponent(taskId)}/draw`);
  main.replaceChildren(heading(t('taskTitle', taskId)),
    ...draw.rounds.map((round, index) => roundSection(taskId, round, draw.states[index])).reverse());
}

const taskId = lastSegment();
main.replaceChildren(el('p', t('loading')));
render(taskId).catch((error) => failure(error, t('taskTitle', taskId)));
