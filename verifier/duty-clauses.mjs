// The seven clauses of a DUTY-v1 report (docs/duty-report.md §4–§5) recomputed from the events alone, written from the
// spec: the JavaScript twin of src/Ledger/Duty. Deadlines rest on the witnessed bounds (witnessed-time.mjs), never on
// an event's own time; dates are Beijing dates and working days are verifier/working-days.mjs's.
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from './draw-verifier.mjs';
import { addWorkingDays } from './working-days.mjs';
import { boundsAt, instantOf, judge, nothingBy } from './witnessed-time.mjs';

const DAY = 86400;
const BEIJING = 8 * 3600;
const dayNumber = (date) => Date.parse(`${date}T00:00:00Z`) / 1000 / DAY;
const plusDays = (date, days) => new Date((dayNumber(date) + days) * DAY * 1000).toISOString().slice(0, 10);
/** The end of a Beijing date: the instant d+1 00:00 +08:00, in POSIX seconds. */
export const endOf = (date) => (dayNumber(date) + 1) * DAY - BEIJING;
const seconds = (instant) => Date.parse(instant) / 1000;
const ceilDiv = (a, b) => (a + b - 1n) / b;
const kind = (type) => String(type).replace(/_/g, '').toLowerCase();
const HAND_OVER_KINDS = ['CaseReferral', 'TransferToAuthority', 'JudicialReferral'];

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

/** A clause's accumulator: the events it read and its findings. */
function clause(number, name) {
  const read = new Set();
  const findings = [];
  let items = 0;
  return {
    read: (...events) => events.forEach((event) => event && read.add(event.sequence)),
    item: () => { items += 1; },
    find: (verdict, code, subject, events, detail) => findings.push({
      verdict, code, subject, sequences: [...new Set(events.filter(Boolean).map((e) => e.sequence))].sort((a, b) => a - b), detail,
    }),
    result: () => {
      const worst = ['not-fulfilled', 'undetermined', 'pending'].find((v) => findings.some((f) => f.verdict === v));
      return {
        clause: number, name, verdict: items === 0 ? 'not-applicable' : worst ?? 'fulfilled',
        sequences: [...read].sort((a, b) => a - b), findings,
      };
    },
  };
}

/**
 * Recomputes the report's clauses for `scope` ({ year, jurisdiction, department, official, asOf }) from `events`
 * ([{ sequence, leafIndex, record }] with the parsed canonical record) and the checked `bounds` (witnessed-time.mjs).
 * Returns { asOfTime, clauses, bounds, performed, missing, notRecomputed } in the report's shapes.
 */
export function recomputeClauses(scope, events, bounds, { trustedKeyText } = {}) {
  const streams = new Map();
  for (const event of events) {
    if (!streams.has(event.record.stream)) streams.set(event.record.stream, []);
    streams.get(event.record.stream).push(event);
  }
  for (const list of streams.values()) list.sort((a, b) => a.record.version - b.record.version);
  const stream = (name) => streams.get(name) ?? [];
  const of = (list, ...types) => list.filter((e) => types.includes(kind(e.record.type)));
  const data = (event) => event.record.data;

  const asOfSeconds = boundsAt(scope.asOf, bounds).lower;
  const consulted = new Map();
  /** Judges a deadline on an event, noting the event among those a deadline rule consulted. */
  const timely = (event, deadline) => {
    const b = boundsAt(event.leafIndex, bounds);
    consulted.set(event.sequence, {
      sequence: event.sequence, leafIndex: event.leafIndex, serverTime: event.record.time,
      lower: b.lower === null ? null : instantOf(b.lower), upper: b.upper === null ? null : instantOf(b.upper),
    });
    return judge(b, deadline);
  };
  /** A finding for a deadline judged on an event: nothing when in time. */
  const onTime = (c, event, deadline, late, undetermined, subject, cited) => {
    const verdict = timely(event, deadline);
    if (verdict === 'late') c.find('not-fulfilled', late, subject, [event, ...cited], `${late} ${subject}`);
    if (verdict === 'undetermined') c.find('undetermined', undetermined, subject, [event, ...cited], `${undetermined} ${subject}`);
    return verdict;
  };
  /** A finding for "nothing happened by the deadline". */
  const nothing = (c, deadline, code, subject, cited, holds = 'not-fulfilled') => {
    const state = nothingBy(asOfSeconds, deadline);
    c.find(state === 'holds' ? holds : state, code, subject, cited, `${code} ${subject}`);
  };

  const planId = `${scope.year}-${scope.jurisdiction}-${scope.department}`;
  const plan = stream(`plan:${planId}`);
  const clauses = [1, 2, 3, 4, 5, 6, 7].map((n, i) => clause(n, ['items-covered', 'plan-filed', 'draws', 'assignments',
    'inspected', 'published', 'follow-ups'][i]));
  const [items, filed, draws, assignments, inspected, published, followUps] = clauses;
  const notRecomputed = ['commitment-mismatch', 'prk-mismatch', 'ticket-mismatch', 'attention: lapsed-after-resolved'];
  const report = (extra = {}) => ({
    asOfTime: asOfSeconds === null ? null : instantOf(asOfSeconds),
    clauses: clauses.map((c) => c.result()),
    bounds: [...consulted.values()].sort((a, b) => a.sequence - b.sequence),
    performed: null, missing: null, notRecomputed, ...extra,
  });

  if (of(plan, 'plandrafted').length === 0) {
    for (const c of [items, filed]) { c.item(); c.find('not-fulfilled', 'no-plan', planId, [], `no-plan ${planId}`); }
    return report();
  }

  // The plan's content as each event leaves it; the filed content is the content at the newest filing.
  let content = null;
  let filedContent = null;
  const filings = [];
  for (const event of plan) {
    if (['plandrafted', 'planrevised', 'planadjusted'].includes(kind(event.record.type))) content = data(event);
    if (kind(event.record.type) === 'planfiled') { filedContent = content; filings.push({ event, content }); }
  }
  const tasks = (filedContent ?? content).Tasks ?? [];

  // The item list the filed content names, folded.
  const listContent = filedContent ?? content;
  const list = stream(`item-list:${listContent.ItemListJurisdiction}:${listContent.ItemListVersion}`);
  const active = new Map();
  for (const event of list) {
    const d = data(event);
    switch (kind(event.record.type)) {
      case 'itemlistdrafted': for (const item of d.Items ?? []) active.set(item.Code, item); break;
      case 'inspectionitemadded': case 'inspectionitemamended': active.set(d.Item.Code, d.Item); break;
      case 'inspectionitemretired': active.delete(d.Code); break;
      default: break;
    }
  }
  const itemOf = (code) => active.get(code) ?? list.flatMap((e) => [...(data(e).Items ?? []), data(e).Item]).findLast((i) => i?.Code === code);

  // Clause 1.
  items.read(...plan.filter((e) => kind(e.record.type) !== 'planfilingacknowledged'), ...list);
  if (filedContent === null) {
    items.item();
    items.find('not-fulfilled', 'not-filed', planId, [], `not-filed ${planId}`);
  } else {
    const city = /00$/.test(scope.jurisdiction) && !/0000$/.test(scope.jurisdiction);
    const covered = new Set(filedContent.Tasks.flatMap((task) => task.ItemCodes));
    for (const item of [...active.values()].sort((a, b) => (a.Code < b.Code ? -1 : 1))) {
      if (item.ResponsibleDepartment !== scope.department || (item.Level === 'CityCoordinated' && !city)) continue;
      items.item();
      if (!covered.has(item.Code)) {
        const cited = list.filter((e) => [data(e).Item?.Code, ...(data(e).Items ?? []).map((i) => i.Code)].includes(item.Code));
        items.find('not-fulfilled', 'uncovered-item', item.Code, cited, `事项${item.Code}未列入任何任务 / item ${item.Code} is in no task`);
      }
    }
  }

  // Clause 2.
  filed.read(...plan);
  const taskStreams = tasks.map((task) => stream(`task:${planId}-${task.Code}`));
  const earliest = (list) => list.map((task) => task.Start).sort()[0];
  filed.item();
  if (filings.length === 0) {
    nothing(filed, endOf(plusDays(earliest(tasks), -1)), 'not-filed', planId, []);
  } else {
    onTime(filed, filings[0].event, endOf(plusDays(earliest(filings[0].content.Tasks), -1)), 'filed-late', 'filing-time-undetermined', planId, []);
  }
  const freezes = taskStreams.flatMap((list) => of(list, 'poolfrozen'));
  for (const adjusted of of(plan, 'planadjusted')) {
    filed.item();
    const next = filings.find((f) => f.event.leafIndex > adjusted.leafIndex);
    const frozen = freezes.find((f) => f.leafIndex > adjusted.leafIndex && (next === undefined || f.leafIndex < next.event.leafIndex));
    const subject = `${planId} adjustment ${data(adjusted).Adjustment}`;
    if (frozen) filed.find('not-fulfilled', 'frozen-before-refiling', subject, [adjusted, frozen], `frozen-before-refiling ${subject}`);
    else if (next === undefined) filed.find('pending', 'adjustment-not-filed', subject, [adjusted], `adjustment-not-filed ${subject}`);
  }
  for (const { event } of filings) {
    filed.item();
    if (!of(plan, 'planfilingacknowledged').some((ack) => data(ack).Filing === data(event).Filing)) {
      filed.find('pending', 'not-acknowledged', `${planId} filing ${data(event).Filing}`, [event], `not-acknowledged filing ${data(event).Filing}`);
    }
  }
  if (filings.length > 0) {
    filed.item();
    const { Basis: basis } = filings.at(-1).content;
    const cite = [filings.at(-1).event];
    const required = ceilDiv(3n * BigInt(basis.ExistingEnterprises), 100n);
    let expected = 0n;
    let consistent = BigInt(basis.RequiredSample) === required;
    for (const task of basis.Tasks) {
      let sum = 0n;
      for (const s of task.Strata) {
        const [p, q] = s.Ratio.split('/').map(BigInt);
        const sample = ceilDiv(p * BigInt(s.Enterprises), q);
        consistent &&= BigInt(s.Sample) === sample;
        sum += sample;
      }
      consistent &&= BigInt(task.Sample) === sum;
      expected += sum;
    }
    consistent &&= BigInt(basis.ExpectedSample) === expected;
    if (!consistent) filed.find('not-fulfilled', 'basis-mismatch', planId, cite, `basis-mismatch ${planId}`);
    if (expected < required) filed.find('not-fulfilled', 'below-three-percent', planId, cite, `below-three-percent ${planId}`);
  }

  // Clauses 3 and 4, per round of each task of the filed content.
  const newestSample = new Map();
  tasks.forEach((task, t) => {
    const taskId = `${planId}-${task.Code}`;
    const events = taskStreams[t];
    draws.read(...events);
    const rounds = [...new Set(events.map((e) => data(e).Round))].sort((a, b) => a - b);
    if (rounds.length === 0) { draws.item(); draws.find('pending', 'not-drawn', taskId, [], `not-drawn ${taskId}`); }
    for (const round of rounds) {
      draws.item();
      const r = events.filter((e) => data(e).Round === round);
      const one = (type) => of(r, type)[0];
      const subject = `${taskId} round ${round}`;
      const fail = (code, cited, verdict = 'not-fulfilled') => draws.find(verdict, code, subject, cited, `${code} ${subject}`);
      const frozen = one('poolfrozen');
      if (round >= 2 && frozen && !(data(frozen).Reason ?? '').trim()) fail('redraw-without-reason', [frozen]);
      const committed = one('drawcommitted');
      if (committed) {
        const c = data(committed);
        if (hex(sha256(new TextEncoder().encode(c.Canonical))) !== c.CommitHash) fail('commit-hash', [committed]);
        if (trustedKeyText !== undefined && c.SigningKey !== trustedKeyText) fail('commitment-signature', [committed]);
        const published = one('commitmentpublished');
        if (published) onTime(draws, published, seconds(c.PublishBy), 'published-late', 'publication-time-undetermined', subject, [committed]);
        const resolves = Math.max(...(c.Sources ?? []).map((s) => seconds(s.ResolvesAt)));
        const recorded = one('randomnessrecorded');
        if (recorded) {
          const b = boundsAt(recorded.leafIndex, bounds);
          timely(recorded, resolves);
          if (!(b.lower !== null && b.lower >= resolves)) {
            fail(b.upper !== null && b.upper < resolves ? 'randomness-before-resolution' : 'randomness-time-undetermined',
              [recorded, committed], b.upper !== null && b.upper < resolves ? 'not-fulfilled' : 'undetermined');
          }
          const lotteries = (c.Sources ?? []).filter((s) => s.Kind === 'lottery').map((s) => s.Label);
          const values = (list) => JSON.stringify((list ?? []).filter((v) => lotteries.includes(v.Label)));
          const confirmed = of(r, 'lotteryvaluesconfirmed').some((e) => data(e).ConfirmedBy !== data(recorded).RecordedBy
            && values(data(e).Values) === values(data(recorded).Values));
          if (lotteries.length > 0 && !confirmed) fail('lottery-not-confirmed', [recorded]);
        }
      }
      const executed = one('drawexecuted');
      if (executed && frozen) {
        const e = data(executed);
        const frozenStrata = new Map((data(frozen).Strata ?? []).map((s) => [s.Stratum, s.Count]));
        const ratios = new Map((data(frozen).Task?.Strata ?? []).map((s) => [s.Stratum, s.Ratio]));
        for (const s of e.Strata ?? []) {
          const [p, q] = (ratios.get(s.Stratum) ?? '0/1').split('/').map(BigInt);
          if (frozenStrata.get(s.Stratum) !== s.PoolSize || BigInt(s.SampleSize) !== ceilDiv(p * BigInt(s.PoolSize), q)) fail('sample-size', [executed, frozen]);
        }
        for (const stratum of new Set((e.Selected ?? []).map((s) => s.Stratum))) {
          const selected = e.Selected.filter((s) => s.Stratum === stratum);
          if (!selected.every((s, i) => s.Rank === i + 1 && (i === 0 || selected[i - 1].Ticket < s.Ticket))) fail('rank-order', [executed]);
        }
        const rooted = new Set((e.RankRoots ?? []).map((root) => root.Stratum));
        if ((e.Strata ?? []).some((s) => !rooted.has(s.Stratum))) fail('rank-roots-missing', [executed]);
      }
      const setAside = one('roundsetaside');
      if (setAside && (!(data(setAside).Reason ?? '').trim() || data(setAside).ApprovedBy === data(setAside).SetAsideBy)) {
        fail('set-aside-unapproved', [setAside]);
      }
      if (round === rounds.at(-1) && !setAside && !one('inspectorsassigned')) fail('in-progress', [], 'pending');
      if (executed) newestSample.set(taskId, { round, sample: sampleOf(r), events: r, task: data(frozen ?? executed).Task ?? task });
      checkAssignments(assignments, subject, r, task, of, data);
    }
  });

  // Clauses 5, 6 and 7, per object of the newest executed round's sample × item of the department.
  const actorOf = new Map();
  for (const [t, task] of tasks.entries()) {
    const taskId = `${planId}-${task.Code}`;
    const drawn = newestSample.get(taskId);
    const own = task.ItemCodes.filter((code) => departmentOf(task, itemOf(code)?.ResponsibleDepartment) === scope.department);
    if (drawn === undefined) {
      inspected.item();
      nothing(inspected, endOf(task.End), 'not-drawn', taskId, []);
      continue;
    }
    const end = (drawn.task ?? task).End;
    inspected.read(...of(drawn.events, 'drawexecuted', 'entitysubstituted'));
    for (const entityId of drawn.sample) {
      for (const code of own) {
        const key = `${taskId}:${entityId}:${code}`;
        const result = stream(`result:${key}`);
        const recorded = of(result, 'inspectionresultrecorded')[0];
        actorOf.set(key, { result, entityId, taskEvents: taskStreams[t] });
        inspected.item();
        inspected.read(...of(result, 'inspectionresultrecorded', 'inspectionresultcorrected'));
        if (recorded === undefined) { nothing(inspected, endOf(end), 'not-inspected', key, []); continue; }
        const content = of(result, 'inspectionresultrecorded', 'inspectionresultcorrected').map((e) => data(e).Content).at(-1);
        if (content.InspectionDate > end) inspected.find('not-fulfilled', 'inspected-late', key, [recorded], `inspected-late ${key}`);
        else onTime(inspected, recorded, endOf(addWorkingDays(end, 20)), 'recorded-too-late', 'recording-time-undetermined', key, []);

        published.item();
        published.read(...result);
        const deadline = endOf(addWorkingDays(content.InspectionDate, 20));
        const publication = of(result, 'inspectionresultpublished')[0];
        const exemption = of(result, 'publicationexemptionfiled', 'publicationexemptiondeclined').at(-1);
        if (publication) onTime(published, publication, deadline, 'published-late', 'publication-time-undetermined', key, []);
        else if (exemption && kind(exemption.record.type) === 'publicationexemptionfiled') {
          const verdict = onTime(published, exemption, deadline, 'exemption-late', 'exemption-time-undetermined', key, []);
          if (verdict === 'in-time' && of(result, 'publicationexemptionacknowledged').length === 0) {
            published.find('pending', 'exemption-not-acknowledged', key, [exemption], `exemption-not-acknowledged ${key}`);
          }
        } else nothing(published, deadline, 'not-published', key, [recorded]);

        const approved = of(result, 'inspectionresultapproved')[0];
        if (approved === undefined) continue;
        for (const followUpKind of followUpKinds(content)) {
          const subject = `${key}:${followUpKind}`;
          const followUp = stream(`follow-up:${subject}`);
          followUps.item();
          followUps.read(approved, ...followUp);
          const opened = of(followUp, 'followupopened')[0];
          const closed = of(followUp, 'followupclosed')[0];
          if (opened === undefined) nothing(followUps, deadline, 'not-opened', subject, [approved]);
          else if (closed && HAND_OVER_KINDS.includes(followUpKind) && of(followUp, 'followuphandedover').length === 0) {
            followUps.find('not-fulfilled', 'closed-without-hand-over', subject, [closed], `closed-without-hand-over ${subject}`);
          } else if (!closed) nothing(followUps, endOf(plusDays(data(opened).OpenedOn, 90)), 'open-too-long', subject, [opened]);
        }
      }
    }
  }

  if (!scope.official) return report();
  const result = report();
  const mine = (finding) => [...actorOf.entries()].some(([key, { result: r, entityId, taskEvents }]) => finding.subject === key
    && ((finding.code === 'not-inspected' || finding.code === 'inspected-late' || finding.code === 'recorded-too-late'
      || finding.code === 'recording-time-undetermined') ? assignedTo(taskEvents, entityId, scope.official, of, data)
      : of(r, 'inspectionresultapproved').some((e) => data(e).ApprovedBy === scope.official)));
  result.performed = events.filter((e) => e.record.actor === scope.official || e.record.data?.ApprovedBy === scope.official)
    .sort((a, b) => a.sequence - b.sequence)
    .map((e) => ({ sequence: e.sequence, type: e.record.type, role: e.record.actor === scope.official ? 'actor' : 'approver' }));
  result.missing = result.clauses.filter((c) => c.clause === 5 || c.clause === 6).flatMap((c) => c.findings.filter(mine));
  return result;
}

const departmentOf = (task, responsible) => ((task.PartnerDepartments ?? []).includes(responsible) ? responsible : task.LeadDepartment);

/** A round's sample: DrawExecuted.Selected with every substitution applied (ReplacedId → ReplacementId), in order. */
function sampleOf(round) {
  const sample = round.filter((e) => kind(e.record.type) === 'drawexecuted').flatMap((e) => e.record.data.Selected.map((s) => s.EntityId));
  for (const e of round.filter((x) => kind(x.record.type) === 'entitysubstituted')) {
    const at = sample.indexOf(e.record.data.ReplacedId);
    if (at >= 0) sample[at] = e.record.data.ReplacementId;
  }
  return sample;
}

/** The assignment book of a round: inspectors per entity after every substitution and reassignment, in leaf order. */
function book(round, of, data) {
  const assigned = new Map();
  for (const event of round) {
    const d = data(event);
    switch (kind(event.record.type)) {
      case 'inspectorsassigned':
        for (const a of d.Assignments ?? []) assigned.set(a.EntityId, (a.Candidates ?? []).filter((c) => c.Decision === 'assigned').map((c) => c.InspectorId));
        break;
      case 'entitysubstituted':
        assigned.delete(d.ReplacedId);
        assigned.set(d.ReplacementId, (d.Assignment?.Candidates ?? []).filter((c) => c.Decision === 'assigned').map((c) => c.InspectorId));
        break;
      case 'inspectorreassigned': {
        const list = (assigned.get(d.EntityId) ?? []).filter((id) => id !== d.RemovedInspectorId);
        if (d.ReplacementInspectorId) list.push(d.ReplacementInspectorId);
        assigned.set(d.EntityId, list);
        break;
      }
      default: break;
    }
  }
  return assigned;
}

const assignedTo = (taskEvents, entityId, official, of, data) => {
  const rounds = of(taskEvents, 'drawexecuted').map((e) => data(e).Round);
  const newest = taskEvents.filter((e) => data(e).Round === Math.max(...rounds));
  return (book(newest, of, data).get(entityId) ?? []).includes(official);
};

/** Clause 4 for one round with an InspectorsAssigned. */
function checkAssignments(c, subject, round, task, of, data) {
  const assignedEvent = of(round, 'inspectorsassigned')[0];
  if (!assignedEvent) return;
  c.item();
  const adjustments = of(round, 'entitysubstituted', 'inspectorreassigned');
  c.read(...of(round, 'poolfrozen', 'drawexecuted'), assignedEvent, ...adjustments);
  const frozen = of(round, 'poolfrozen')[0];
  const conflicts = [...(frozen ? data(frozen).Conflicts ?? [] : []), ...adjustments.flatMap((e) => data(e).Conflicts ?? [])];
  const required = Math.max(2, task.InspectorsPerEntity ?? 2);
  const assigned = book(round, of, data);
  for (const entityId of sampleOf(round)) {
    const inspectors = assigned.get(entityId) ?? [];
    if (inspectors.length < required) c.find('not-fulfilled', 'too-few-inspectors', `${subject} ${entityId}`, [assignedEvent], `too-few-inspectors ${entityId}`);
    if (inspectors.some((id) => conflicts.some((x) => x.InspectorId === id && x.EntityId === entityId))) {
      c.find('not-fulfilled', 'conflict-assigned', `${subject} ${entityId}`, [assignedEvent], `conflict-assigned ${entityId}`);
    }
  }
  for (const adjustment of adjustments) {
    const d = data(adjustment);
    const actor = d.SubstitutedBy ?? d.ReassignedBy;
    if (!(d.Reason ?? '').trim() || !(d.Evidence ?? '').trim() || !d.ApprovedBy || d.ApprovedBy === actor) {
      c.find('not-fulfilled', 'adjustment-unapproved', `${subject} #${adjustment.sequence}`, [adjustment], `adjustment-unapproved #${adjustment.sequence}`);
    }
  }
}
