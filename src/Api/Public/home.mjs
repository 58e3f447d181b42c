// 首页: jurisdictions, the item lists in force, the filed plans and their tasks' draw states, the commitments still
// waiting for their sources (worded so that anyone can watch the sources), and the newest signed checkpoint.
import { t, beijing } from '/portal/assets/i18n.mjs';
import { main, el, add, link, facts, table, getJson, heading, failure } from '/portal/assets/portal.mjs';

const taskLink = (taskId) => link(taskId, `/tasks/${encodeURIComponent(taskId)}`);

/** A committed source in words a citizen understands, with its Beijing time. */
const sourceText = (source) => source.drandRound != null ? t('drandSource', source, beijing(source.resolvesAt))
  : source.issue != null ? t('lotterySource', source, beijing(source.resolvesAt))
    : t('otherSource', source, beijing(source.resolvesAt));

function pendingSection(commitments) {
  const section = add(el('section', null, { id: 'pending' }), el('h2', t('pending')));
  if (commitments.length === 0) return add(section, el('p', t('noPending')));
  const list = el('ul');
  for (const commitment of commitments) {
    const item = el('li', t('pendingLine', commitment, commitment.sources.map(sourceText).join(` ${t('and')} `)));
    const publication = commitment.publication;
    add(item, el('br'), publication
      ? document.createTextNode(t('publishedWhere', { ...publication, when: beijing(publication.publishedAt) }))
      : document.createTextNode(t('notPublishedYet', beijing(commitment.publishBy))), document.createTextNode(' '),
    taskLink(commitment.taskId));
    add(list, item);
  }
  return add(section, list);
}

function plansSection(plans) {
  const section = add(el('section', null, { id: 'plans' }), el('h2', t('plans')));
  if (plans.length === 0) return add(section, el('p', t('noPlans')));
  for (const plan of plans) {
    add(section, el('h3', t('planHeading', plan)), table(
      [t('task'), t('taskName'), t('round'), t('drawState'), t('verify')],
      plan.tasks.map((task) => [
        taskLink(task.taskId), task.name, task.round ?? '—', t(`state.${task.drawState}`),
        task.round ? link(t('verify'), `/verify/${encodeURIComponent(task.taskId)}`) : '—',
      ])));
  }
  return section;
}

function checkpointSection(checkpoint) {
  const [, size, root] = checkpoint.signedNote.split('\n');
  return add(el('section', null, { id: 'checkpoint' }), el('h2', t('checkpoint')), facts([
    [t('treeSize'), size],
    [t('rootHash'), add(el('code', root, { class: 'hash' }))],
    [t('verifierKey'), add(el('code', checkpoint.verifierKey, { class: 'hash' }))],
  ]), link(t('seeLedger'), '/ledger'));
}

async function render() {
  const [lists, plans, pending, checkpoint] = await Promise.all([
    getJson('/api/item-lists'), getJson('/api/public/plans'), getJson('/api/public/commitments/pending'),
    getJson('/api/ledger/checkpoint'),
  ]);
  const inForce = lists.filter((list) => list.published);
  const jurisdictions = [...new Set([...plans.plans.map((p) => p.jurisdiction), ...inForce.map((l) => l.jurisdiction)])].sort();
  main.replaceChildren(
    heading(t('homeTitle')), el('p', t('homeIntro')),
    add(el('section', null, { id: 'jurisdictions' }), el('h2', t('jurisdictions')),
      add(el('ul'), ...jurisdictions.map((code) => el('li', code)))),
    add(el('section', null, { id: 'item-lists' }), el('h2', t('itemLists')),
      add(el('ul'), ...inForce.map((list) => el('li', t('itemListRow', list))))),
    pendingSection(pending.commitments),
    plansSection(plans.plans),
    checkpointSection(checkpoint));
}

main.replaceChildren(el('p', t('loading')));
render().catch((error) => failure(error, t('homeTitle')));
