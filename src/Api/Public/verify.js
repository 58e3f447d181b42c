// 验证页: downloads every round's evidence bundle (or the one ?round= names) and recomputes it with the independent
// JavaScript verifier, showing progress, each check's result and each bundle's size. A round that is not committed yet
// (409) is pending and never hides the rounds before it. Everything that did not come from this file is written as text.
import { verifyBundle } from '/verifier/draw-verifier.mjs';
import { t } from '/portal/assets/i18n.mjs';
import { main, el, add, table, pagedTable, refusal, heading, lastSegment } from '/portal/assets/portal.mjs';

const task = lastSegment();
const only = Number.parseInt(new URLSearchParams(location.search).get('round') ?? '', 10);
const draw = `/api/tasks/${encodeURIComponent(task)}/draw`;

const field = (id, label, control) => add(el('p'), el('label', label, { for: id }), el('br'), control);
const key = el('textarea', null, { id: 'key', placeholder: 'name+keyid+base64…' });
const witnesses = el('textarea', null, { id: 'witnesses', placeholder: 'name+keyid+base64…' });
const quorum = el('input', null, { id: 'quorum', type: 'number', min: '1' });
const runButton = el('button', t('verifyAgain'), { id: 'run', type: 'button' });
const progress = el('progress', null, { id: 'progress', max: '1', value: '0', 'aria-labelledby': 'progress-label' });
const progressLabel = el('p', null, { id: 'progress-label', 'aria-live': 'polite' });
const sizes = el('ul', null, { id: 'sizes' });
const summary = el('div', null, { id: 'summary', role: 'status' });
const rounds = el('div', null, { id: 'rounds-box' });
const shown = el('h2', null, { id: 'shown' });
const witnessing = el('p', null, { id: 'witnessing' });
const sample = el('div', null, { id: 'sample' });
const checks = el('div', null, { id: 'checks-box' });

main.replaceChildren(heading(t('verifyTitle')), add(el('p', `${t('task')}: `), el('code', task, { id: 'task' })),
  el('p', t('verifyIntro')), field('key', t('trustedKey'), key), field('witnesses', t('witnessKeys'), witnesses),
  field('quorum', t('quorum'), quorum),
  add(el('p'), runButton, document.createTextNode(' '), el('a', t('download'), { id: 'download', href: `${draw}/evidence` })),
  progressLabel, progress, summary, sizes, rounds, shown, witnessing, sample, checks);

const STATE = (state) => t(`state.${state}`);
const OUTCOME = (outcome) => t(`outcomes.${outcome}`);

/** Why a round needs attention, or what it waits for, as one line of text. */
const noteOf = (result) => result.setAside ? t('setAsideNote', result.setAside)
  : result.note ?? (result.outcome === 'fail' ? result.firstMismatch ?? '' : '');

/** Replaces the summary by a coloured verdict and a plain-text explanation. */
const report = (className, verdict, explanation) => summary.replaceChildren(el('span', verdict, { class: className }), explanation);

/** The witness keys the visitor gave, or else those this server publishes, with where they came from. */
const witnessPolicy = async () => {
  const given = witnesses.value.split('\n').map((line) => line.trim()).filter((line) => line);
  const quorumText = quorum.value.trim();
  if (given.length > 0) return { witnesses: given, quorum: quorumText ? Number(quorumText) : undefined, source: t('yourWitnesses') };
  const response = await fetch('/api/ledger/checkpoint');
  const published = response.ok ? await response.json() : { witnessKeys: [] };
  return {
    witnesses: published.witnessKeys ?? [],
    quorum: quorumText ? Number(quorumText) : published.witnessQuorum ?? undefined,
    source: t('serverWitnesses'),
  };
};

const showWitnessing = (check, source) => {
  const verdict = { pass: t('witnessMet'), fail: t('witnessNotMet'), 'not-run': t('witnessNotRun') }[check.outcome];
  witnessing.replaceChildren(el('span', verdict, { class: check.outcome }),
    ` (${check.detail}) — ${source === null ? t('witnessNone') : t('witnessFrom', source)}`);
};

/** Shows one round's checks, witnessing and sample (the entities its execution selected, or would have). */
const show = (result, source) => {
  shown.textContent = t('shownRound', result.round, STATE(result.state), OUTCOME(result.outcome));
  witnessing.replaceChildren();
  if (result.witnessing) showWitnessing(result.witnessing, source);
  checks.replaceChildren(table([t('result'), t('check'), t('detail')], result.checks.map((check) => {
    const cell = el('span', t(`checkOutcomes.${check.outcome}`), { class: check.outcome });
    return [cell, check.name, check.detail ?? ''];
  })));
  const drawn = result.bundle?.outputs.selected ?? [];
  const [selected, label] = drawn.length > 0 ? [drawn, t('selectedEntities', drawn.length)]
    : [result.wouldBe ?? [], t('wouldBe', (result.wouldBe ?? []).length)];
  sample.replaceChildren();
  if (selected.length > 0) {
    add(sample, el('p', label), pagedTable([t('stratum'), t('entity')], selected.map((entity) => [entity.stratum, entity.entityId]), {
      choices: [...new Set(selected.map((entity) => entity.stratum))],
      matches: (row, text, stratum) => (!stratum || row[0] === stratum) && (!text || row[1].includes(text.toUpperCase())),
    }));
  }
};

const listRounds = (results, source) => {
  rounds.replaceChildren(table([t('round'), t('state_'), t('result'), t('note'), ''], results.map((result) => {
    const button = el('button', t('show'), { type: 'button' });
    button.addEventListener('click', () => show(result, source));
    return [String(result.round), STATE(result.state), el('span', OUTCOME(result.outcome), { class: result.outcome }), noteOf(result), button];
  })));
};

/** Bytes as the visitor's language writes them. */
const bytes = (n) => (Number.isFinite(n) && n > 0 ? t('bytes', n) : t('unknownSize'));

/** Verifies one round from its evidence bundle; a round not committed yet has no bundle (409) and is pending. */
const verifyRound = async (round, options) => {
  const url = `${draw}/evidence?round=${round}`;
  progressLabel.textContent = t('progressLine', round, t('step.download'), 0, 1);
  const response = await fetch(url);
  if (response.status === 409) return { round, state: 'frozen', outcome: 'pending', note: t('notCommitted'), checks: [] };
  if (!response.ok) throw new Error(await refusal(response));
  const text = await response.text();
  const timing = performance.getEntriesByName(new URL(url, location.href).href).at(-1);
  add(sizes, el('li', t('bundleSize', round, bytes(timing?.encodedBodySize), bytes(new TextEncoder().encode(text).length))));
  const bundle = JSON.parse(text);
  // onProgress is honoured by verifiers that report steps; one that does not still verifies, and the bar moves per round.
  const onProgress = ({ step, done, total }) => {
    progress.max = total || 1;
    progress.value = done;
    progressLabel.textContent = t('progressLine', round, t(`step.${step}`), done, total);
  };
  return { round, bundle, ...(await verifyBundle(bundle, { ...options, onProgress })) };
};

const run = async () => {
  for (const box of [rounds, shown, witnessing, sample, checks, sizes]) box.replaceChildren();
  summary.textContent = t('downloading');
  progress.value = 0;
  try {
    const response = await fetch(draw);
    if (!response.ok) throw new Error(await refusal(response));
    const { rounds: recorded } = await response.json();
    const trusted = key.value.trim();
    const policy = await witnessPolicy();
    const source = policy.witnesses.length > 0 ? policy.source : null;
    const options = { ...(trusted ? { trustedKey: trusted } : {}), witnesses: policy.witnesses, quorum: policy.quorum };
    const numbers = recorded.map((_, index) => index + 1).filter((n) => !Number.isInteger(only) || n === only);
    const started = performance.now();
    const results = [];
    for (const [index, round] of numbers.entries()) {
      results.push(await verifyRound(round, options));
      progress.max = numbers.length;
      progress.value = index + 1;
    }
    progressLabel.textContent = '';
    listRounds(results, source);
    const failed = results.find((r) => r.outcome === 'fail');
    const executed = results.findLast((r) => r.checks.length > 0);
    show(failed ?? executed ?? results.at(-1), source);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const which = (outcome) => results.filter((r) => r.outcome === outcome).map((r) => r.round).join(', ');
    if (failed) {
      report('fail', t('verdictFail'), results.length > 1 ? t('failDetail', failed.round, failed.firstMismatch ?? '')
        : t('failDetailOne', failed.firstMismatch ?? ''));
    } else if (results.some((r) => r.outcome === 'attention')) report('attention', t('verdictAttention'), t('attentionDetail', which('attention'), seconds));
    else if (results.some((r) => r.outcome === 'pending')) report('pending', t('verdictPending'), t('pendingDetail', which('pending'), seconds));
    else report('pass', t('verdictPass'), t('passDetail', results.reduce((n, r) => n + r.checks.length, 0), seconds));
  } catch (error) {
    report('fail', t('verdictCannot'), `: ${error.message}`);
  }
};

runButton.addEventListener('click', run);
run();
