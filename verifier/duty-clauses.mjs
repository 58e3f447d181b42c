// The seven clauses of a DUTY-v2 report (docs/duty-report.md §4–§5) recomputed from the events alone, written from the
// spec. Deadlines rest on the witnessed bounds (witnessed-time.mjs), never on an event's own time; dates are Beijing
// dates and working days are working-days.mjs's. Where the spec leaves a finding's subject or cited events open, they
// follow src/Ledger/Duty, so that the two verifiers can be compared finding by finding.
import {
  commitmentFromInputs, compareBytes, computePools, fromHex, hex, hkdfExtract, ikmOf, jcs, parseVerifierKey, sampleSize, sha256, ticketMaker,
} from './draw-verifier.mjs';
import { addWorkingDays, CalendarYearMissing } from './working-days.mjs';
import { boundsAt, instantOf, judge, nothingBy } from './witnessed-time.mjs';

export const DUTY_REPORT_FORMAT = 'fairdraw-duty-report/v2';
const DAY = 86400;
const GRACE = 72 * 3600;
const FOLLOW_UP_DAYS = 90;
const utf8 = new TextEncoder();
const dayNumber = (date) => Date.parse(`${date}T00:00:00Z`) / 1000 / DAY;
const plusDays = (date, days) => new Date((dayNumber(date) + days) * DAY * 1000).toISOString().slice(0, 10);
/** The end of a Beijing date d: the instant d+1 00:00 +08:00, in POSIX seconds. */
export const endOf = (date) => (dayNumber(date) + 1) * DAY - 8 * 3600;
const startOf = (date) => endOf(plusDays(date, -1));
const seconds = (instant) => Date.parse(instant) / 1000;
const kind = (type) => String(type).replace(/_/g, '').toLowerCase();
/** Source values as the ledger's SourceValue holds them: a label and a value, nothing else. */
const pairs = (values) => (values ?? []).map((v) => ({ Label: v.Label, Value: v.Value }));
// Blank: absent, or only Unicode White_Space (spec §4), as .NET's char.IsWhiteSpace; String.trim differs on U+0085, U+FEFF.
const blank = (text) => typeof text !== 'string' || /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(text);
/** A sampling ratio as the ledger accepts one (RatioText): "p/q", 0 < p ≤ q, 1 to 18 digits each, no leading zero. */
const validRatio = (text) => {
  const match = /^([1-9][0-9]{0,17})\/([1-9][0-9]{0,17})$/.exec(String(text));
  return match !== null && BigInt(match[1]) <= BigInt(match[2]);
};
const HAND_OVER = ['CaseReferral', 'TransferToAuthority', 'JudicialReferral'];
const STATES = ['frozen', 'committed', 'published', 'resolved', 'executed', 'assigned'];

/** The kinds of follow-up a result's content calls for (FollowUpKinds.For, docs/events.md "Follow-up stream"). */
export function followUpKinds(content) {
  switch (content?.Outcome) {
    case 'CorrectedOnOrder': return ['CorrectedOnSpot'];
    case 'FollowUpPending': return {
      UndisclosedInformation: ['AbnormalOperationsList'],
      UnreachableAtAddress: ['AbnormalOperationsList'],
      FalseDisclosure: ['AbnormalOperationsList', 'CaseReferral', 'JudicialReferral'],
      OtherMarketRegulationBreach: ['CaseReferral', 'JudicialReferral'],
      OtherDepartmentBreach: ['TransferToAuthority', 'JudicialReferral'],
    }[content.SubReason] ?? [];
    case 'SeriousNonCooperation': return ['AbnormalOperationsList', 'CaseReferral', 'TransferToAuthority', 'JudicialReferral'];
    default: return [];
  }
}

/** The end of the 20th working day after a date, or null when the calendar lacks a year it needs. */
function publicationDeadline(date) {
  try {
    return endOf(addWorkingDays(date, 20));
  } catch (error) {
    if (error instanceof CalendarYearMissing) return null;
    throw error;
  }
}

/** A clause's accumulator: the items it checked, the events it read and its findings (§4). */
function clause(number, name) {
  const read = new Set();
  const findings = [];
  let checked = 0;
  const add = (events) => events.forEach((e) => read.add(e.sequence));
  return {
    check: (events = []) => { checked += 1; add(events); },
    read: add,
    find: (verdict, code, subject, events, detail) => {
      if (verdict === 'fulfilled') return;
      const sequences = [...new Set(events.map((e) => e.sequence))].sort((a, b) => a - b);
      add(events);
      findings.push({ verdict, code, subject, sequences, detail });
    },
    result: () => ({
      clause: number, name, sequences: [...read].sort((a, b) => a - b), findings,
      verdict: checked === 0 ? 'not-applicable'
        : ['not-fulfilled', 'undetermined', 'pending'].find((v) => findings.some((f) => f.verdict === v)) ?? 'fulfilled',
    }),
  };
}

/** The scope's streams folded: the plan's contents and filings, its item lists, tasks with their rounds, results, follow-ups. */
function fold(scope, events) {
  const streams = new Map();
  for (const e of [...events].sort((a, b) => a.leafIndex - b.leafIndex)) {
    if (!streams.has(e.record.stream)) streams.set(e.record.stream, []);
    streams.get(e.record.stream).push({ ...e, kind: kind(e.record.type), data: e.record.data });
  }
  const planId = `${scope.year}-${scope.jurisdiction}-${scope.department}`;
  const plan = streams.get(`plan:${planId}`) ?? [];
  const versions = [];
  const filings = [];
  for (const e of plan) {
    if (['plandrafted', 'planrevised', 'planadjusted'].includes(e.kind)) versions.push({ source: e, ...e.data });
    if (e.kind === 'planfiled' && versions.length > 0) filings.push({ filed: e, content: versions.at(-1) });
  }
  const tasks = new Map();
  for (const code of new Set(versions.flatMap((v) => v.Tasks.map((t) => t.Code)))) {
    const taskId = `${planId}-${code}`;
    const list = streams.get(`task:${taskId}`);
    if (list) tasks.set(taskId, { taskId, events: list, rounds: rounds(list) });
  }
  return { planId, jurisdiction: String(scope.jurisdiction), plan, versions, filings, filed: filings.at(-1)?.content ?? null, streams, tasks };
}

/** A task's rounds, each with its events by kind and its sample (DrawExecuted.Selected with every substitution applied). */
function rounds(events) {
  const numbers = [...new Set(events.map((e) => e.data.Round))].sort((a, b) => a - b);
  return numbers.map((number) => {
    const own = events.filter((e) => e.data.Round === number);
    // Where a round holds more than one event of a kind (a valid ledger does not), the newest counts (spec §5).
    const one = (k) => own.findLast((e) => e.kind === k);
    const executed = one('drawexecuted');
    const sample = (executed?.data.Selected ?? []).map((s) => own.filter((e) => e.kind === 'entitysubstituted')
      .reduce((id, e) => (e.data.ReplacedId === id ? e.data.ReplacementId : id), s.EntityId));
    return {
      number, events: own, frozen: one('poolfrozen'), committed: one('drawcommitted'), published: one('commitmentpublished'),
      randomness: one('randomnessrecorded'), confirmed: one('lotteryvaluesconfirmed'), executed, assigned: one('inspectorsassigned'),
      setAside: one('roundsetaside'), secrets: own.filter((e) => e.kind === 'partysecretrevealed'), sample,
      adjustments: own.filter((e) => e.kind === 'entitysubstituted' || e.kind === 'inspectorreassigned'),
    };
  });
}

/** RoundStates.LapsedAt: when an unexecuted committed round's fallback ended it, in POSIX seconds; null otherwise. */
function lapsedAt(round) {
  const c = round.committed?.data;
  if (round.executed || !c) return null;
  const revealed = round.secrets.filter((s) => seconds(s.data.RevealedAt) < seconds(c.PublishBy)).length;
  return !round.published || revealed < (c.PartyCommitments ?? []).length ? seconds(c.PublishBy)
    : Math.max(...c.Sources.map((s) => seconds(s.ResolvesAt))) + GRACE;
}

/** RoundStates.Of (draw-protocol.md §13.1) of a task's newest round as of `now` (null: never lapsed by the clock). */
function newestState(round, now) {
  if (round.setAside) return 'set-aside';
  const lapse = lapsedAt(round);
  if (lapse !== null && now !== null && now >= lapse) return 'lapsed';
  return STATES[[round.frozen, round.committed, round.published, round.randomness, round.executed, round.assigned].findLastIndex(Boolean)];
}

/**
 * The assignment book (draw-protocol.md §10.1): each object's inspectors by the round's (newest) InspectorsAssigned, then
 * after every substitution and reassignment in order.
 */
function book(round) {
  const assigned = new Map();
  const walk = (candidates) => (candidates ?? []).filter((c) => c.Decision === 'assigned').map((c) => c.InspectorId);
  for (const a of round.assigned?.data.Assignments ?? []) assigned.set(a.EntityId, walk(a.Candidates));
  for (const e of round.adjustments) {
    if (e.kind === 'entitysubstituted') {
      assigned.delete(e.data.ReplacedId);
      assigned.set(e.data.ReplacementId, walk(e.data.Assignment?.Candidates));
    }
    if (e.kind === 'inspectorreassigned') {
      // As AssignmentBook: the removed inspector's first place only.
      const list = [...(assigned.get(e.data.EntityId) ?? [])];
      if (list.includes(e.data.RemovedInspectorId)) list.splice(list.indexOf(e.data.RemovedInspectorId), 1);
      assigned.set(e.data.EntityId, e.data.ReplacementInspectorId ? [...list, e.data.ReplacementInspectorId] : list);
    }
  }
  return assigned;
}

/**
 * Recomputes the report's parts for `scope` ({ year, jurisdiction, department, official, asOf }) from `events`
 * ([{ sequence, leafIndex, record }] with the parsed canonical record) and the checked `bounds` (witnessed-time.mjs),
 * trusting `trustedKeyText` for draw commitments. Returns { asOfTime, clauses, draws, bounds, performed, missing }.
 */
export async function recomputeClauses(scope, events, bounds, { trustedKeyText } = {}) {
  const ledger = fold(scope, events.filter((e) => e.leafIndex < scope.asOf));
  const now = boundsAt(scope.asOf, bounds).lower;
  const consulted = new Map();
  const bound = (e) => {
    const b = boundsAt(e.leafIndex, bounds);
    consulted.set(e.sequence, { sequence: e.sequence, leafIndex: e.leafIndex, serverTime: e.record.time,
      lower: b.lower === null ? null : instantOf(b.lower), upper: b.upper === null ? null : instantOf(b.upper) });
    return b;
  };
  const timing = {
    judge: (e, deadline) => judge(bound(e), deadline),
    verdict: (judged) => ({ 'in-time': 'fulfilled', late: 'not-fulfilled', undetermined: 'undetermined' })[judged],
    nothingBy: (deadline) => ({ holds: 'not-fulfilled', pending: 'pending', undetermined: 'undetermined' })[nothingBy(now, deadline)],
    atOrAfter: (e, moment) => {
      const b = bound(e);
      return b.lower !== null && b.lower >= moment ? true : b.upper !== null && b.upper < moment ? false : null;
    },
  };
  const clauses = !ledger.plan.some((e) => e.kind === 'plandrafted') ? noPlan(ledger)
    : [itemsCovered(ledger), planFiled(ledger, timing), await draws(ledger, timing, now, trustedKeyText), assignments(ledger),
      ...results(ledger, timing)];
  const executed = [...ledger.tasks.values()].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0))
    .flatMap((task) => task.rounds.filter((r) => r.executed).map((r) => ({
      taskId: task.taskId, round: r.number, entityRoot: r.frozen.data.EntityRoot, selectionRoot: r.executed.data.SelectionRoot })));
  const report = {
    asOfTime: now === null ? null : instantOf(now), clauses, draws: executed,
    bounds: [...consulted.values()].sort((a, b) => a.sequence - b.sequence), performed: null, missing: null,
  };
  return scope.official ? { ...report, ...official(ledger, scope.official, clauses) } : report;
}

/**
 * What §7 step 5 asks of the scope's events below `scope.asOf` (as DutyCompleteness): each list the plan's contents name
 * (with the content's sequence), and each result in scope with the task and round its recording names and whether the
 * plan's task has that round.
 */
export function scopeNeeds(scope, events) {
  const ledger = fold(scope, events.filter((e) => e.leafIndex < scope.asOf));
  return {
    lists: ledger.versions.map((v) => ({ stream: `item-list:${v.ItemListJurisdiction}:${v.ItemListVersion}`, sequence: v.source.sequence })),
    results: expectedResults(ledger).filter((x) => x.events.length > 0).map(({ subject, events: [recorded] }) => ({
      stream: `result:${subject}`, taskId: recorded.data.TaskId, round: recorded.data.Round,
      drawn: ledger.tasks.get(recorded.data.TaskId)?.rounds.some((r) => r.number === recorded.data.Round) ?? false,
    })),
  };
}

/** Every sequence a report cites, in the order of spec §6's `cited`: clauses', findings', bounds', the official's. */
export const citedSequences = (report) => [
  ...(report.clauses ?? []).flatMap((c) => [...(c.sequences ?? []), ...(c.findings ?? []).flatMap((f) => f.sequences ?? [])]),
  ...(report.bounds ?? []).map((b) => b.sequence),
  ...(report.performed ?? []).map((p) => p.sequence),
  ...(report.missing ?? []).flatMap((f) => f.sequences ?? []),
];

/** The whole report (spec §6) of `scope` under `witnesses` from recomputeClauses' parts, `cited` derived last. */
export function dutyReport(scope, witnesses, parts) {
  const report = {
    format: DUTY_REPORT_FORMAT, year: scope.year, jurisdiction: scope.jurisdiction, department: scope.department,
    official: scope.official ?? null, asOf: scope.asOf, asOfTime: parts.asOfTime, witnesses, clauses: parts.clauses,
    draws: parts.draws, bounds: parts.bounds, performed: parts.performed, missing: parts.missing,
  };
  return { ...report, cited: citedSequences(report) };
}

const NAMES = ['items-covered', 'plan-filed', 'draws', 'assignments', 'inspected', 'published', 'follow-ups'];

function noPlan(ledger) {
  return NAMES.map((name, i) => {
    const c = clause(i + 1, name);
    if (i < 2) {
      c.check();
      c.find('not-fulfilled', 'no-plan', ledger.planId, [], `没有计划${ledger.planId} / there is no plan ${ledger.planId}`);
    }
    return c.result();
  });
}

/** Clause 1: every item the plan's level must cover is in a task of the filed content. */
function itemsCovered(ledger) {
  const c = clause(1, 'items-covered');
  const { filed } = ledger;
  if (filed === null) {
    c.check(ledger.plan);
    c.find('not-fulfilled', 'not-filed', ledger.planId, ledger.plan, '计划尚未备案 / the plan was never filed');
    return c.result();
  }
  const key = `item-list:${filed.ItemListJurisdiction}:${filed.ItemListVersion}`;
  const list = ledger.streams.get(key) ?? [];
  c.read([filed.source, ledger.filings.at(-1).filed]);
  if (list.length === 0) {
    c.check([filed.source]);
    c.find('not-fulfilled', 'no-item-list', key, [filed.source], `the list ${key} the plan names does not exist`);
    return c.result();
  }
  // The list's entries in order (spec §5, clause 1): an addition is appended, an amendment replaces the item of its code
  // in place and keeps its status (it never brings a retired item back), a retirement takes it out of force.
  const entries = [];
  for (const e of list) {
    if (e.kind === 'itemlistdrafted') for (const item of e.data.Items ?? []) entries.push({ item, active: true });
    if (e.kind === 'inspectionitemadded') entries.push({ item: e.data.Item, active: true });
    for (const entry of entries.filter((x) => x.item.Code === (e.data.Item?.Code ?? e.data.Code))) {
      if (e.kind === 'inspectionitemamended') entry.item = e.data.Item;
      if (e.kind === 'inspectionitemretired') entry.active = false;
    }
  }
  // The plan's level is the scope's: a city's division code ends in 00 but not 0000.
  const city = /00$/.test(ledger.jurisdiction) && !/0000$/.test(ledger.jurisdiction);
  const covered = new Set(filed.Tasks.flatMap((task) => task.ItemCodes));
  for (const item of entries.filter((x) => x.active).map((x) => x.item)) {
    if (!city && item.Level !== 'District') continue;
    c.check(list);
    if (!covered.has(item.Code)) {
      c.find('not-fulfilled', 'uncovered-item', item.Code, [...list, filed.source], `item ${item.Code} is in no task of the filed plan`);
    }
  }
  return c.result();
}

/** Clause 2: filed before the first task starts, every adjustment filed again, every filing acknowledged, the 3% basis. */
function planFiled(ledger, timing) {
  const c = clause(2, 'plan-filed');
  const first = ledger.filings[0];
  const starts = (first?.content ?? ledger.versions.at(-1)).Tasks.map((task) => task.Start).sort();
  c.check(ledger.plan);
  if (starts.length > 0) {
    const deadline = startOf(starts[0]);
    const verdict = first ? timing.verdict(timing.judge(first.filed, deadline)) : timing.nothingBy(deadline);
    c.find(verdict, !first ? 'not-filed' : verdict === 'not-fulfilled' ? 'filed-late' : 'filing-time-undetermined', ledger.planId,
      first ? [first.filed] : ledger.plan, `the plan is due to be filed before its first task starts on ${starts[0]}`);
  }
  const freezes = [...ledger.tasks.values()].flatMap((task) => task.events.filter((e) => e.kind === 'poolfrozen'));
  for (const adjusted of ledger.plan.filter((e) => e.kind === 'planadjusted')) {
    const number = adjusted.data.Adjustment;
    const refiled = ledger.plan.find((e) => e.kind === 'planfiled' && e.leafIndex > adjusted.leafIndex);
    const early = freezes.filter((e) => e.leafIndex > adjusted.leafIndex && (!refiled || e.leafIndex < refiled.leafIndex));
    c.check([adjusted]);
    if (early.length > 0) c.find('not-fulfilled', 'frozen-before-refiling', `adjustment ${number}`, [adjusted, ...early], `a pool was frozen after adjustment ${number}`);
    else if (!refiled) c.find('pending', 'adjustment-not-filed', `adjustment ${number}`, [adjusted], `adjustment ${number} is not filed again yet`);
  }
  for (const { filed } of ledger.filings) {
    const number = filed.data.Filing;
    c.check([filed]);
    if (!ledger.plan.some((e) => e.kind === 'planfilingacknowledged' && e.data.Filing === number)) {
      c.find('pending', 'not-acknowledged', `filing ${number}`, [filed], `filing ${number} is not acknowledged yet`);
    }
  }
  if (ledger.filed) {
    c.check([ledger.filed.source]);
    const problem = basisProblem(ledger.filed.Basis);
    if (problem) c.find('not-fulfilled', problem, ledger.planId, [ledger.filed.source], `${problem}: the plan's recorded 3% basis`);
  }
  return c.result();
}

/** The recorded basis recomputed (the first problem): required sample, strata, tasks, the total, then the 3% rule. */
function basisProblem(basis) {
  const required = sampleSize('3/100', basis.ExistingEnterprises);
  // A ratio the ledger would not accept gives no sample: the recorded basis is wrong.
  const strataWrong = basis.Tasks.some((task) => task.Strata.some((s) => !validRatio(s.Ratio) || sampleSize(s.Ratio, s.Enterprises) !== s.Sample));
  const taskWrong = basis.Tasks.some((task) => task.Strata.reduce((sum, s) => sum + s.Sample, 0) !== task.Sample);
  const totalWrong = basis.Tasks.reduce((sum, task) => sum + task.Sample, 0) !== basis.ExpectedSample;
  return required !== basis.RequiredSample || strataWrong || taskWrong || totalWrong ? 'basis-mismatch'
    : basis.ExpectedSample < required ? 'below-three-percent' : null;
}

/** Clause 3: every round of every filed task, by the DRAW-v1 checks that need only the round's events. */
async function draws(ledger, timing, now, trustedKeyText) {
  const c = clause(3, 'draws');
  const key = trustedKeyText === undefined ? null : await parseVerifierKey(trustedKeyText).catch(() => null);
  for (const spec of ledger.filed?.Tasks ?? []) {
    const taskId = `${ledger.planId}-${spec.Code}`;
    const task = ledger.tasks.get(taskId);
    if (!task) {
      c.check();
      c.find('pending', 'not-drawn', taskId, [], `task ${taskId} is not drawn yet`);
      continue;
    }
    for (const round of task.rounds) {
      c.check(round.events);
      for (const [verdict, code, cited] of await roundFindings(task, round, timing, now, key, trustedKeyText)) {
        c.find(verdict, code, `${taskId} round ${round.number}`, cited.filter(Boolean), `${code}: ${taskId} round ${round.number}`);
      }
    }
  }
  return c.result();
}

async function roundFindings(task, round, timing, now, key, trustedKeyText) {
  const found = [];
  if (round.number >= 2 && blank(round.frozen?.data.Reason)) found.push(['not-fulfilled', 'redraw-without-reason', [round.frozen]]);
  const aside = round.setAside?.data;
  if (aside && (blank(aside.Reason) || blank(aside.ApprovedBy) || aside.ApprovedBy === aside.SetAsideBy)) {
    found.push(['not-fulfilled', 'set-aside-unapproved', [round.setAside]]);
  }
  if (!round.committed) {
    // A newest round frozen and never committed is in progress (no fallback can end it).
    if (round.number === task.rounds.at(-1).number && !round.setAside) found.push(['pending', 'in-progress', round.events]);
    return found;
  }
  const committed = round.committed.data;
  const { commitment, problem } = await commitmentOf(round, key, trustedKeyText);
  if (problem) found.push(['not-fulfilled', problem, [round.committed, round.frozen]]);
  if (round.published) {
    const judged = timing.judge(round.published, seconds(committed.PublishBy));
    found.push([timing.verdict(judged), judged === 'late' ? 'published-late' : 'publication-time-undetermined', [round.published]]);
  }
  const resolves = Math.max(...committed.Sources.map((s) => seconds(s.ResolvesAt)));
  if (round.randomness) {
    const after = timing.atOrAfter(round.randomness, resolves);
    found.push([after === true ? 'fulfilled' : after === false ? 'not-fulfilled' : 'undetermined',
      after === false ? 'randomness-before-resolution' : 'randomness-time-undetermined', [round.randomness, round.committed]]);
    const lotteries = committed.Sources.filter((s) => s.Kind === 'lottery').map((s) => s.Label);
    const recorded = round.randomness.data.Values.filter((v) => lotteries.includes(v.Label));
    const confirmed = round.confirmed?.data;
    if (lotteries.length > 0 && (!confirmed || confirmed.ConfirmedBy === round.randomness.data.RecordedBy || jcs(pairs(confirmed.Values)) !== jcs(pairs(recorded)))) {
      found.push(['not-fulfilled', 'lottery-not-confirmed', [round.randomness, ...round.events.filter((e) => e.kind === 'lotteryvaluesconfirmed')]]);
    }
  }
  if (round.executed && commitment && round.randomness) {
    const execution = executionProblem(round, commitment);
    if (execution) found.push(['not-fulfilled', execution, [round.executed, round.randomness, round.committed]]);
  }
  const next = task.rounds.find((r) => r.number === round.number + 1);
  if (next) {
    // A replaced round lapsed when the newer round was frozen at or after its lapse instant, by that freeze's witnessed
    // bounds, not its FrozenAt (spec §5 clause 3 step 8); it matters only for a lapse after R.
    const lapse = lapsedAt(round);
    if (!round.setAside && lapse !== null && lapse >= resolves) {
      const after = timing.atOrAfter(next.frozen, lapse);
      if (after === true) found.push(['not-fulfilled', 'attention: lapsed-after-resolved', [...round.events, next.frozen]]);
      if (after === null) found.push(['undetermined', 'lapse-time-undetermined', [...round.events, next.frozen]]);
    }
    return found;
  }
  const state = newestState(round, now);
  if (state === 'lapsed' && lapsedAt(round) >= resolves) found.push(['not-fulfilled', 'attention: lapsed-after-resolved', round.events]);
  else if (STATES.slice(0, 5).includes(state)) found.push(['pending', 'in-progress', round.events]);
  return found;
}

/** The commitment rebuilt from the frozen round and the committed sources (draw-protocol.md §5), then its hash and signature. */
async function commitmentOf(round, key, trustedKeyText) {
  const frozen = round.frozen.data;
  const committed = round.committed.data;
  // As DrawRound.RulesOf: one rule per stratum of the pool, the task's first of that name, with a ratio the ledger
  // accepts and an empty expertise as none; else the commitment cannot be rebuilt.
  const strata = frozen.Strata.map((s) => frozen.Task.Strata.find((r) => r.Stratum === s.Stratum));
  if (strata.some((r) => r === undefined || !validRatio(r.Ratio))) return { commitment: null, problem: 'commitment-mismatch' };
  let rebuilt;
  try {
    const inspectors = frozen.Inspectors.map((i) => ({ id: i.Id, unit: i.Unit, active: i.Status === 'active', expertise: i.Expertise, capacity: i.Capacity }));
    const conflicts = frozen.Conflicts.map((x) => ({ inspectorId: x.InspectorId, entityId: x.EntityId }));
    const pools = await computePools({ entities: [], inspectors, conflicts });
    rebuilt = jcs(commitmentFromInputs({
      taskId: frozen.TaskId, entities: { length: frozen.EntityCount }, inspectors, conflicts,
      rules: { strata: strata.map((s) => ({ stratum: s.Stratum, ratio: s.Ratio, expertise: s.Expertise || null })),
        inspectorsPerEntity: frozen.Task.InspectorsPerEntity, capacityCap: frozen.Task.CapacityCap },
      sources: committed.Sources.map((s) => ({ label: s.Label, kind: s.Kind, reference: s.Reference, encoding: s.Encoding })),
      fallback: committed.Fallback,
    }, { roots: { ...pools.roots, entityPool: frozen.EntityRoot }, counts: frozen.Strata.map((s) => ({ count: s.Count, stratum: s.Stratum })) },
    committed.PartyCommitments));
  } catch {
    return { commitment: null, problem: 'commitment-mismatch' };
  }
  // The PRK's salt is the rebuilt commitment's hash, not the recorded one (spec §5 clause 3 step 7).
  const commitment = { ...committed, CommitHash: hex(sha256(utf8.encode(rebuilt))) };
  const canonical = utf8.encode(committed.Canonical);
  if (rebuilt !== committed.Canonical) return { commitment, problem: 'commitment-mismatch' };
  if (hex(sha256(canonical)) !== committed.CommitHash) return { commitment, problem: 'commit-hash' };
  let signed = false;
  try {
    signed = key !== null && committed.SigningKey === trustedKeyText
      && await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key.key, Uint8Array.from(atob(committed.Signature), (ch) => ch.charCodeAt(0)), canonical);
  } catch {
    signed = false;
  }
  return { commitment, problem: signed ? null : 'commitment-signature' };
}

/** PRK, per-stratum sample sizes, tickets, ranks and rank roots of an execution, from the round's events alone (the first problem). */
function executionProblem(round, committed) {
  const executed = round.executed.data;
  const revealed = [...round.secrets].sort((a, b) => a.data.Index - b.data.Index).map((s) => s.data.Secret);
  const values = round.randomness.data.Values.map((v) => ({ label: v.Label, value: v.Value }));
  // The IKM cannot be formed unless the values are the committed sources' in order and every committed party secret is
  // revealed and matches its hash (RandomnessRecord.Create): that too is a PRK mismatch.
  const parties = committed.PartyCommitments ?? [];
  const formed = values.length === committed.Sources.length && values.every((v, i) => v.label === committed.Sources[i].Label)
    && revealed.length === parties.length
    && revealed.every((secret, i) => /^([0-9a-fA-F]{2})*$/.test(secret) && hex(sha256(fromHex(secret.toLowerCase()))) === String(parties[i]).toLowerCase());
  if (!formed) return 'prk-mismatch';
  const prk = hkdfExtract(fromHex(committed.CommitHash), ikmOf(values, revealed.map((secret) => fromHex(secret.toLowerCase()))));
  if (hex(prk) !== executed.Prk) return 'prk-mismatch';
  const ticket = ticketMaker(prk);
  const ratios = new Map(round.frozen.data.Task.Strata.toReversed().map((s) => [s.Stratum, s.Ratio]));
  for (const stratum of executed.Strata) {
    const frozen = round.frozen.data.Strata.find((s) => s.Stratum === stratum.Stratum)?.Count;
    const selected = executed.Selected.filter((s) => s.Stratum === stratum.Stratum);
    if (frozen !== stratum.PoolSize || !ratios.has(stratum.Stratum) || sampleSize(ratios.get(stratum.Stratum), stratum.PoolSize) !== stratum.SampleSize
      || selected.length !== stratum.SampleSize) return 'sample-size';
    let previous = null;
    for (const [i, s] of selected.entries()) {
      const t = ticket('entity', stratum.Stratum, s.EntityId);
      if (hex(t) !== s.Ticket) return 'ticket-mismatch';
      if (s.Rank !== i || (previous !== null && compareBytes(previous, t) > 0)) return 'rank-order';
      previous = t;
    }
  }
  const rooted = new Set((executed.RankRoots ?? []).map((root) => root.Stratum));
  return executed.RankRoots && executed.Strata.every((s) => rooted.has(s.Stratum)) ? null : 'rank-roots-missing';
}

/** Clause 4: enough inspectors on every object, none on a declared conflict, every adjustment reasoned and approved by another. */
function assignments(ledger) {
  const c = clause(4, 'assignments');
  for (const task of [...ledger.tasks.values()].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0))) {
    for (const round of task.rounds.filter((r) => r.assigned)) {
      const required = Math.max(2, round.frozen.data.Task.InspectorsPerEntity);
      const inspectors = book(round);
      for (const entityId of round.sample) {
        c.check([round.assigned]);
        if ((inspectors.get(entityId) ?? []).length < required) {
          const concerns = round.events.filter((e) => e.kind === 'inspectorsassigned' || (e.kind === 'entitysubstituted'
            && [e.data.ReplacementId, e.data.ReplacedId].includes(entityId)) || (e.kind === 'inspectorreassigned' && e.data.EntityId === entityId));
          c.find('not-fulfilled', 'too-few-inspectors', `${task.taskId} ${entityId}`, concerns, `object ${entityId} has too few inspectors`);
        }
      }
      for (const [e, entityId, inspectorId] of placements(round)) {
        const conflicts = e.kind === 'inspectorsassigned' ? round.frozen.data.Conflicts : e.data.Conflicts ?? [];
        if (conflicts.some((x) => x.EntityId === entityId && x.InspectorId === inspectorId)) {
          c.find('not-fulfilled', 'conflict-assigned', `${task.taskId} ${entityId}`, [e], `inspector ${inspectorId} was put on ${entityId} despite a declared conflict`);
        }
      }
      for (const e of round.adjustments) {
        const d = e.data;
        c.check([e]);
        if (blank(d.Reason) || blank(d.Evidence) || blank(d.ApprovedBy) || d.ApprovedBy === e.record.actor) {
          c.find('not-fulfilled', 'adjustment-unapproved', `${task.taskId} round ${round.number}`, [e], 'a substitution or reassignment lacks a reason, evidence or another approver');
        }
      }
    }
  }
  return c.result();
}

/** Every (event, entity, inspector) an assignment or adjustment put on an object. */
function placements(round) {
  const assigned = (candidates) => (candidates ?? []).filter((x) => x.Decision === 'assigned');
  return round.events.flatMap((e) => (e.kind === 'inspectorsassigned'
    ? (e.data.Assignments ?? []).flatMap((walk) => assigned(walk.Candidates).map((x) => [e, walk.EntityId, x.InspectorId]))
    : e.kind === 'entitysubstituted' ? assigned(e.data.Assignment?.Candidates).map((x) => [e, e.data.ReplacementId, x.InspectorId])
      : e.kind === 'inspectorreassigned' && e.data.ReplacementInspectorId ? [[e, e.data.EntityId, e.data.ReplacementInspectorId]] : []));
}

/** Each task's newest executed round's objects × the task's items, with their result streams' events (§2). */
function expectedResults(ledger) {
  return [...ledger.tasks.values()].flatMap((task) => {
    const round = task.rounds.findLast((r) => r.executed);
    if (!round) return [];
    return round.sample.flatMap((entityId) => round.frozen.data.Task.ItemCodes.map((itemCode) => {
      const subject = `${task.taskId}:${entityId}:${itemCode}`;
      const events = ledger.streams.get(`result:${subject}`) ?? [];
      const contents = events.filter((e) => e.kind === 'inspectionresultrecorded' || e.kind === 'inspectionresultcorrected');
      return { task, round, subject, events, content: contents.at(-1)?.data.Content };
    }));
  });
}

/** Clauses 5, 6 and 7. */
function results(ledger, timing) {
  const [inspected, published, followUps] = [clause(5, 'inspected'), clause(6, 'published'), clause(7, 'follow-ups')];
  for (const spec of ledger.filed?.Tasks ?? []) {
    const taskId = `${ledger.planId}-${spec.Code}`;
    const task = ledger.tasks.get(taskId);
    if (!task?.rounds.some((r) => r.executed)) {
      inspected.check();
      inspected.find(timing.nothingBy(endOf(spec.End)), 'not-drawn', taskId, task?.events ?? [], `task ${taskId} drew no objects before its end ${spec.End}`);
    }
  }
  const expected = expectedResults(ledger);
  for (const { round, subject, events, content } of expected) {
    const end = round.frozen.data.Task.End;
    if (events.length === 0) {
      inspected.check();
      inspected.find(timing.nothingBy(endOf(end)), 'not-inspected', subject, [], `no result for ${subject} by ${end}`);
      continue;
    }
    inspected.check(events);
    if (content.InspectionDate > end) {
      inspected.find('not-fulfilled', 'inspected-late', subject, events, `inspected on ${content.InspectionDate}, after the task's end ${end}`);
      continue;
    }
    const credible = publicationDeadline(end);
    if (credible === null) {
      inspected.find('undetermined', 'no-calendar', subject, [events[0]], `the working-day calendar lacks a year after ${end}`);
      continue;
    }
    const judged = timing.judge(events[0], credible);
    inspected.find(timing.verdict(judged), judged === 'late' ? 'recorded-too-late' : 'recording-time-undetermined', subject, [events[0]],
      `the result is due to be recorded before ${instantOf(credible)}`);
  }
  for (const { subject, events, content } of expected.filter((x) => x.events.length > 0)) {
    published.check(events);
    const deadline = publicationDeadline(content.InspectionDate);
    if (deadline === null) {
      published.find('undetermined', 'no-calendar', subject, events, `the working-day calendar lacks a year after ${content.InspectionDate}`);
      continue;
    }
    const due = `due to be published before ${instantOf(deadline)}`;
    const publication = events.findLast((e) => e.kind === 'inspectionresultpublished');
    const exemption = events.findLast((e) => e.kind === 'publicationexemptionfiled' || e.kind === 'publicationexemptiondeclined');
    if (publication) {
      const judged = timing.judge(publication, deadline);
      published.find(timing.verdict(judged), judged === 'late' ? 'published-late' : 'publication-time-undetermined', subject, [publication], due);
    } else if (exemption?.kind === 'publicationexemptionfiled') {
      const judged = timing.judge(exemption, deadline);
      const acknowledged = events.some((e) => e.kind === 'publicationexemptionacknowledged');
      published.find(judged === 'in-time' && !acknowledged ? 'pending' : timing.verdict(judged),
        { late: 'exemption-late', 'in-time': 'exemption-not-acknowledged', undetermined: 'exemption-time-undetermined' }[judged], subject, [exemption], due);
    } else {
      published.find(timing.nothingBy(deadline), 'not-published', subject, events, `not published: ${due}`);
    }
  }
  for (const { subject, events, content } of expected.filter((x) => x.events.some((e) => e.kind === 'inspectionresultapproved'))) {
    for (const followUpKind of followUpKinds(content)) {
      const id = `${subject}:${followUpKind}`;
      const stream = ledger.streams.get(`follow-up:${id}`) ?? [];
      if (stream.length === 0) {
        const deadline = publicationDeadline(content.InspectionDate);
        followUps.check(events);
        followUps.find(deadline === null ? 'undetermined' : timing.nothingBy(deadline), 'not-opened', id,
          events.filter((e) => e.kind === 'inspectionresultapproved'), `the ${followUpKind} follow-up the result calls for was not opened`);
        continue;
      }
      followUps.check(stream);
      const closed = stream.some((e) => e.kind === 'followupclosed');
      if (closed && HAND_OVER.includes(followUpKind) && !stream.some((e) => e.kind === 'followuphandedover')) {
        followUps.find('not-fulfilled', 'closed-without-hand-over', id, stream, 'closed without being handed over');
      } else if (!closed) {
        const limit = plusDays(stream[0].data.OpenedOn, FOLLOW_UP_DAYS);
        followUps.find(timing.nothingBy(endOf(limit)), 'not-closed', id, stream, `the follow-up is due to be closed by ${limit}`);
      }
    }
  }
  return [inspected.result(), published.result(), followUps.result()];
}

/** An official's steps (as actor or approver), and clause 5's findings on objects assigned to them and clause 6's on results they approved. */
function official(ledger, who, clauses) {
  const all = [...ledger.streams.entries()].filter(([name]) => inScope(ledger, name)).flatMap(([, list]) => list).sort((a, b) => a.leafIndex - b.leafIndex);
  const approverOf = (e) => (['entitysubstituted', 'inspectorreassigned', 'roundsetaside', 'inspectionresultapproved'].includes(e.kind) ? e.data.ApprovedBy : null);
  const performed = all.filter((e) => e.record.actor === who || approverOf(e) === who)
    .map((e) => ({ sequence: e.sequence, type: e.record.type, role: e.record.actor === who ? 'actor' : 'approver' }));
  const books = new Map([...ledger.tasks.values()].filter((t) => t.rounds.some((r) => r.executed)).map((t) => [t.taskId, book(t.rounds.findLast((r) => r.executed))]));
  const assigned = clauses[4].findings.filter((f) => {
    const parts = f.subject.split(':');
    return parts.length === 3 && (books.get(parts[0])?.get(parts[1]) ?? []).includes(who);
  });
  // A result falls to the official who gave its newest approval (spec §5, "Official").
  const approved = clauses[5].findings.filter((f) => (ledger.streams.get(`result:${f.subject}`) ?? [])
    .findLast((e) => e.kind === 'inspectionresultapproved')?.data.ApprovedBy === who);
  return { performed, missing: [...assigned, ...approved] };
}

/** Whether a stream is one the scope reads (§2): the plan, the lists its contents name, its tasks, their expected results and follow-ups. */
function inScope(ledger, name) {
  const lists = ledger.versions.map((v) => `item-list:${v.ItemListJurisdiction}:${v.ItemListVersion}`);
  const expected = expectedResults(ledger);
  return name === `plan:${ledger.planId}` || lists.includes(name) || [...ledger.tasks.keys()].some((id) => name === `task:${id}`)
    || expected.some((x) => name === `result:${x.subject}`)
    || expected.some((x) => x.events.some((e) => e.kind === 'inspectionresultapproved')
      && followUpKinds(x.content).some((k) => name === `follow-up:${x.subject}:${k}`));
}
