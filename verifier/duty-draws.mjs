// `verify-duty --draws DIR` (docs/duty-report.md §7 step 7) in JavaScript: each executed round a duty bundle names is
// verified from its evidence bundle ("fair-draw-evidence/1") by the DRAW-v1 verifier of draw-verifier.mjs, trusting
// only the given ledger key, and tied to the duty bundle by the report's roots and by the canonical bytes of every event
// both carry. A named round without evidence fails: never pass on nothing. No file access here (browser and Node alike).
import { BUNDLE_FORMAT, verifyBundle } from './draw-verifier.mjs';

const kind = (type) => String(type).replace(/_/g, '').toLowerCase();
const json = (bytes) => JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
const roundName = (draw) => `task ${draw.taskId} round ${draw.round}`;

/** The executed rounds the duty bundle's events show, as its report's `draws` lists them: by task id, then round. */
function executedRounds(events) {
  const rounds = new Map();
  for (const { record } of events) {
    const data = record.data ?? {};
    const step = kind(record.type);
    if (!String(record.stream).startsWith('task:') || !['poolfrozen', 'drawexecuted'].includes(step)) continue;
    const name = `${data.TaskId}\u0000${data.Round}`;
    const round = rounds.get(name) ?? { taskId: data.TaskId, round: data.Round, entityRoot: null, selectionRoot: null };
    if (step === 'poolfrozen') round.entityRoot = data.EntityRoot;
    else round.selectionRoot = data.SelectionRoot;
    rounds.set(name, round);
  }
  const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rounds.values()].filter((r) => r.selectionRoot !== null)
    .sort((a, b) => ordinal(a.taskId, b.taskId) || a.round - b.round);
}

/** A `fair-draw-evidence/1` document, or null for any other file (the duty bundle, notes), which is passed over. */
function evidenceOf(bytes) {
  try {
    const doc = json(bytes);
    return doc !== null && typeof doc === 'object' && doc.format === BUNDLE_FORMAT ? doc : null;
  } catch {
    return null;
  }
}

/** The evidence's events with their receipts' records parsed; throws when the bundle cannot be read as a round. */
function receiptsOf(evidence) {
  if (typeof evidence.taskId !== 'string' || !Number.isInteger(evidence.round)) {
    throw new Error('it names no task and round');
  }
  const events = [...(Array.isArray(evidence.events) ? evidence.events : []),
    ...(evidence.successor ? [evidence.successor] : [])];
  if (events.length === 0) throw new Error('the evidence bundle has no events');
  return events.map((event) => {
    if (typeof event?.receipt?.canonical !== 'string') {
      throw new Error(`${event?.type} #${event?.sequence} has no receipt`);
    }
    return { receipt: event.receipt, record: JSON.parse(event.receipt.canonical) };
  });
}

/**
 * Verifies the rounds of `dutyBundle` (its bytes or text) from `files` ([{ name, bytes }], the folder's files) under
 * `trustedKey`. Returns { rounds: [{ taskId, round, file, state, outcome }], failures: [detail] }; each detail is what
 * the .NET verb prints after `draws: `.
 */
export async function verifyDutyDraws(dutyBundle, files, { trustedKey }) {
  const failures = [];
  let doc = null;
  try {
    doc = json(dutyBundle);
  } catch { /* reported below */ }
  if (!Array.isArray(doc?.report?.draws) || !Array.isArray(doc.events)) {
    return { rounds: [], failures: ['履职证据包无可读报告 / the duty bundle has no readable report to name its rounds'] };
  }
  const carried = new Map();
  const events = [];
  for (const event of doc.events) {
    let record = null;
    try {
      record = JSON.parse(event?.canonical);
    } catch { /* an event that is not JSON fails the duty bundle's own steps */ }
    if (record === null || typeof record !== 'object') continue;
    events.push({ record });
    carried.set(event.sequence, event.canonical);
  }
  // The report's list of rounds must be the one its events show: a round left out of it would go unverified.
  const named = doc.report.draws;
  const shown = executedRounds(events);
  if (JSON.stringify(shown.map(roundName)) !== JSON.stringify(named.map(roundName))) {
    failures.push(`报告所列轮次与事件不符 / the report names ${named.map(roundName).join(', ') || 'no round'}, `
      + `its events show ${shown.map(roundName).join(', ') || 'no executed round'}`);
  }

  const rounds = [];
  const ordered = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, bytes } of ordered) {
    const evidence = evidenceOf(bytes);
    if (evidence === null) continue;
    let receipts;
    try {
      receipts = receiptsOf(evidence);
    } catch (error) {
      failures.push(`${name}: 证据包无法读取 / the evidence bundle cannot be read: ${error.message}`);
      continue;
    }
    // A round the report does not name (another task, an older round) proves nothing here.
    const draw = named.find((d) => d.taskId === evidence.taskId && d.round === evidence.round);
    if (draw === undefined) continue;

    const verified = await verifyBundle(evidence, { trustedKey });
    const { state, outcome } = verified;
    rounds.push({ draw, taskId: draw.taskId, round: draw.round, file: name, state, outcome });
    const round = `${roundName(draw)} (${name})`;
    if (verified.outcome === 'fail' || verified.outcome === 'pending') {
      failures.push(`${round}: DRAW-v1 ${verified.outcome}: ${verified.firstMismatch ?? verified.note}`);
    }
    const recorded = (type) => receipts
      .find((r) => kind(r.record.type) === type && r.record.data?.Round === draw.round)?.record.data;
    const outputs = evidence.outputs ?? {};
    for (const [root, reported, fromLedger, output] of [
      ['entity root', draw.entityRoot, recorded('poolfrozen')?.EntityRoot, outputs.entityRoot],
      ['selection root', draw.selectionRoot, recorded('drawexecuted')?.SelectionRoot, outputs.selectionRoot],
    ]) {
      if (fromLedger !== reported || output !== reported) {
        failures.push(`${round}: ${root} ${fromLedger ?? '—'} (outputs ${output}), the report's ${reported}`);
      }
    }
    for (const { receipt } of receipts) {
      if (carried.has(receipt.sequence) && carried.get(receipt.sequence) !== receipt.canonical) {
        failures.push(`${round}: 序号${receipt.sequence}的事件与履职证据包不同 / `
          + `the event at sequence ${receipt.sequence} differs from the duty bundle's bytes`);
      }
    }
  }
  for (const missing of named.filter((d) => !rounds.some((r) => r.draw === d))) {
    failures.push(`no evidence for ${roundName(missing)}`);
  }
  return { rounds: rounds.map(({ draw: _, ...r }) => r), failures };
}
