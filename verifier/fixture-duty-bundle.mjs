// Test support: a small duty bundle (docs/duty-report.md §7) for one district department's 2021 plan — a plan filed and
// acknowledged, one task drawn and assigned, results published on time and late, an exemption, a follow-up, an object
// never inspected — signed as a ledger log (fixture-log.mjs) and cosigned by one witness at chosen times. The node tests
// tamper with it; `node verifier/fixture-duty-bundle.mjs` writes verifier/fixtures/duty-bundle.json with the fixed test
// keys of docs/ledger-integrity.md for the browser tests.
import { writeFile } from 'node:fs/promises';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  commitmentFromInputs, compareBytes, computePools, hex, hkdfExtract, ikmOf, jcs, parseVerifierKey, parseWitnessKey, ticketMaker,
} from './draw-verifier.mjs';
import { dutyReport, recomputeClauses } from './duty-clauses.mjs';
import { ledgerKey, log, witness } from './fixture-log.mjs';
import { checkBoundCheckpoints } from './witnessed-time.mjs';

const PLAN = '2021-520102-SPSC';
const TASK = `${PLAN}-T01`;
const LIST = 'item-list:520102:2021版';
const item = (Code, ResponsibleDepartment, Level = 'District') => ({ Code, CategoryCode: '05', Name: `事项${Code}`, ObjectTypes: ['Enterprise'], Kind: 'General',
  Methods: ['OnSite'], ResponsibleDepartment, LegalBasis: '《条例》', Level });
const task = { Code: 'T01', Name: '食品经营抽查', ItemCodes: ['05-01', '05-02'], StratifyBy: 'None', Strata: [{ Stratum: 'all', Ratio: '3/100', Expertise: null }],
  InspectorsPerEntity: 2, CapacityCap: 5, ExcludeInspectedThisYear: false, LeadDepartment: 'SPSC', PartnerDepartments: [],
  Start: '2021-06-01', End: '2021-09-10' };
const basis = { AsOfSequence: 1, ExistingEnterprises: 60, RequiredSample: 2, ExpectedSample: 2,
  Tasks: [{ Code: 'T01', ItemObjectTypes: ['Enterprise'], Strata: [{ Stratum: 'all', Ratio: '3/100', Enterprises: 60, Sample: 2 }], Sample: 2 }] };
const content = (date, outcome) => ({ Method: 'OnSite', InspectionDate: date, Inspectors: ['i1', 'i2'], Outcome: outcome, SubReason: null, Findings: '', Attachments: [] });
const result = (entity, code) => `result:${TASK}:${entity}:${code}`;
const inspectors = ['i1', 'i2', 'i3', 'i9'].map((Id, i) => ({ Id, Unit: `unit-${i}`, Status: 'active', Expertise: [], Capacity: 5 }));
const conflicts = [{ InspectorId: 'i9', EntityId: 'E01' }];
const sources = [{ Label: 'drand', Kind: 'drand', Reference: 'quicknet:1000', Encoding: 'hex', ResolvesAt: '2021-06-03T00:00:00Z' },
  { Label: 'lottery', Kind: 'lottery', Reference: '福彩3D 2021150', Encoding: 'lottery', ResolvesAt: '2021-06-03T12:00:00Z' }];
const values = [{ Label: 'drand', Value: 'ab' }, { Label: 'lottery', Value: '1.2.3./' }];

/** Round 1 of the task drawn per DRAW-v1 over a pool of 60 entities: its frozen pool, commitment, PRK and the two selected. */
async function drawn(key) {
  const entities = Array.from({ length: 60 }, (_, i) => ({ stratum: 'all', id: `E${String(i + 1).padStart(2, '0')}` }));
  const pools = await computePools({ entities, inspectors: inspectors.map((i) => ({ id: i.Id, unit: i.Unit, active: true, expertise: [], capacity: 5 })),
    conflicts: conflicts.map((x) => ({ inspectorId: x.InspectorId, entityId: x.EntityId })) });
  const commitment = jcs(commitmentFromInputs({ taskId: TASK, entities, inspectors, conflicts,
    rules: { strata: [{ stratum: 'all', ratio: '3/100', expertise: null }], inspectorsPerEntity: 2, capacityCap: 5 },
    sources: sources.map((x) => ({ label: x.Label, kind: x.Kind, reference: x.Reference, encoding: x.Encoding })), fallback: 'redraw' }, pools, []));
  const commitHash = sha256(new TextEncoder().encode(commitment));
  const prk = hkdfExtract(commitHash, ikmOf(values.map((v) => ({ label: v.Label, value: v.Value })), []));
  const ticket = ticketMaker(prk);
  const ranked = entities.map((e) => ({ id: e.id, ticket: ticket('entity', 'all', e.id) })).sort((a, b) => compareBytes(a.ticket, b.ticket));
  return { pools, commitment, commitHash: hex(commitHash), signature: await key.signText(commitment), prk: hex(prk),
    selected: ranked.slice(0, 2).map((e, Rank) => ({ Stratum: 'all', EntityId: e.id, Rank, Ticket: hex(e.ticket) })) };
}

/** The events in log order: [stream, type, actor, time, data]. */
const events = (keyText, draw) => {
  const [E1, E2] = draw.selected.map((s) => s.EntityId);
  return [
  [LIST, 'item_list_drafted', 'credit-1', '2021-03-01T02:00:00Z', { Jurisdiction: '520102', Version: '2021版', Title: '南明区抽查事项清单',
    Items: [item('05-01', 'SPSC'), item('05-02', 'SPSC'), item('06-01', 'AIC', 'CityCoordinated')] }],
  [`plan:${PLAN}`, 'plan_drafted', 'planner-1', '2021-05-10T02:00:00Z', { PlanId: PLAN, Year: 2021, Jurisdiction: '520102', Department: 'SPSC',
    DepartmentName: '食品经营监管科', ItemListJurisdiction: '520102', ItemListVersion: '2021版', Tasks: [task], Basis: basis }],
  [`plan:${PLAN}`, 'plan_filed', 'planner-1', '2021-05-20T02:00:00Z', { PlanId: PLAN, Filing: 1 }],
  [`plan:${PLAN}`, 'plan_filing_acknowledged', 'credit-1', '2021-05-20T06:00:00Z', { PlanId: PLAN, Filing: 1, Office: '520102' }],
  [`task:${TASK}`, 'pool_frozen', 'op-1', '2021-06-01T02:00:00Z', { TaskId: TASK, Round: 1, PlanId: PLAN, Task: task,
    EntityRoot: draw.pools.roots.entityPool, EntityCount: 60, Strata: [{ Stratum: 'all', Count: 60 }], InspectorRoot: draw.pools.roots.inspectorPool,
    Inspectors: inspectors, ConflictRoot: draw.pools.roots.conflictPool, Conflicts: conflicts, Reason: null, FrozenAt: '2021-06-01T02:00:00Z' }],
  [`task:${TASK}`, 'draw_committed', 'op-1', '2021-06-01T03:00:00Z', { TaskId: TASK, Round: 1, Canonical: draw.commitment,
    CommitHash: draw.commitHash, Signature: draw.signature, SigningKey: keyText, PublishBy: '2021-06-03T00:00:00Z', Sources: sources,
    Fallback: 'redraw', PartyCommitments: [] }],
  [`task:${TASK}`, 'commitment_published', 'op-1', '2021-06-01T04:00:00Z', { TaskId: TASK, Round: 1 }],
  [`task:${TASK}`, 'randomness_recorded', 'op-1', '2021-06-03T14:00:00Z', { TaskId: TASK, Round: 1, Values: values, RecordedBy: 'op-1' }],
  [`task:${TASK}`, 'lottery_values_confirmed', 'credit-1', '2021-06-03T15:00:00Z', { TaskId: TASK, Round: 1, Values: [values[1]], ConfirmedBy: 'credit-1' }],
  [`task:${TASK}`, 'draw_executed', 'op-1', '2021-06-03T16:00:00Z', { TaskId: TASK, Round: 1, CommitHash: draw.commitHash, Prk: draw.prk,
    Strata: [{ Stratum: 'all', PoolSize: 60, SampleSize: 2 }], Selected: draw.selected, RankRoots: [{ Stratum: 'all', Root: '00'.repeat(32) }], SelectionRoot: '11'.repeat(32) }],
  [`task:${TASK}`, 'inspectors_assigned', 'op-1', '2021-06-03T17:00:00Z', { TaskId: TASK, Round: 1, Assignments: [
    { Stratum: 'all', EntityId: E1, Candidates: [{ InspectorId: 'i1', Decision: 'assigned' }, { InspectorId: 'i2', Decision: 'assigned' }] },
    { Stratum: 'all', EntityId: E2, Candidates: [{ InspectorId: 'i1', Decision: 'assigned' }, { InspectorId: 'i3', Decision: 'assigned' }] }], Infeasible: [] }],
  [result(E1, '05-01'), 'inspection_result_recorded', 'i1', '2021-07-01T08:00:00Z', { TaskId: TASK, Round: 1, EntityId: E1, ItemCode: '05-01', Content: content('2021-07-01', 'NoProblemFound') }],
  [result(E1, '05-01'), 'inspection_result_approved', 'official-1', '2021-07-02T08:00:00Z', { TaskId: TASK, EntityId: E1, ItemCode: '05-01', ApprovedBy: 'official-1' }],
  [result(E1, '05-01'), 'inspection_result_published', 'official-1', '2021-07-05T08:00:00Z', { TaskId: TASK, EntityId: E1, ItemCode: '05-01', PublishedOn: '2021-07-05' }],
  [result(E2, '05-01'), 'inspection_result_recorded', 'i1', '2021-07-01T09:00:00Z', { TaskId: TASK, Round: 1, EntityId: E2, ItemCode: '05-01', Content: content('2021-07-01', 'CorrectedOnOrder') }],
  [result(E2, '05-01'), 'inspection_result_approved', 'official-1', '2021-07-02T09:00:00Z', { TaskId: TASK, EntityId: E2, ItemCode: '05-01', ApprovedBy: 'official-1' }],
  [`follow-up:${TASK}:${E2}:05-01:CorrectedOnSpot`, 'follow_up_opened', 'official-1', '2021-07-03T09:00:00Z', { FollowUpId: `${TASK}:${E2}:05-01:CorrectedOnSpot`, Kind: 'CorrectedOnSpot', OpenedOn: '2021-07-03' }],
  [`follow-up:${TASK}:${E2}:05-01:CorrectedOnSpot`, 'follow_up_closed', 'official-1', '2021-07-10T09:00:00Z', { FollowUpId: `${TASK}:${E2}:05-01:CorrectedOnSpot`, ClosedOn: '2021-07-10' }],
  [result(E2, '05-01'), 'inspection_result_published', 'official-1', '2021-07-28T09:00:00Z', { TaskId: TASK, EntityId: E2, ItemCode: '05-01', PublishedOn: '2021-07-28' }],
  [result(E1, '05-02'), 'inspection_result_recorded', 'i2', '2021-08-02T09:00:00Z', { TaskId: TASK, Round: 1, EntityId: E1, ItemCode: '05-02', Content: content('2021-08-02', 'NoProblemFound') }],
  [result(E1, '05-02'), 'inspection_result_approved', 'official-1', '2021-08-03T09:00:00Z', { TaskId: TASK, EntityId: E1, ItemCode: '05-02', ApprovedBy: 'official-1' }],
  [result(E1, '05-02'), 'publication_exemption_filed', 'official-1', '2021-08-04T09:00:00Z', { TaskId: TASK, EntityId: E1, ItemCode: '05-02', Ground: 'TradeSecret', Reason: '<img src=x onerror=alert(1)>' }],
  [result(E1, '05-02'), 'publication_exemption_acknowledged', 'credit-1', '2021-08-05T09:00:00Z', { TaskId: TASK, EntityId: E1, ItemCode: '05-02' }],
  ];
};

/** The bound checkpoints as [size, witness time]: two at size 7 (the log did not grow between them). */
const BOUNDS = [[3, '2021-05-21T00:00:00Z'], [7, '2021-06-02T00:00:00Z'], [7, '2021-06-03T13:00:00Z'], [14, '2021-07-20T00:00:00Z'],
  [18, '2021-08-05T00:00:00Z'], [23, '2021-08-10T00:00:00Z'], [23, '2021-12-31T00:00:00Z']];

/**
 * Builds the bundle with `key` (fixture-log.mjs ledgerKey) and `cosigner` (witness): its text, the parsed document
 * and the keys' texts. `official` adds an official's part to the report; `alter(events, draw)` may edit the events (as
 * [stream, type, actor, time, data]; it may add some, and be async) before they are signed; `bounds` replaces BOUNDS.
 */
export async function dutyBundle(key, cosigner, { official = null, alter = (list) => list, bounds: times = BOUNDS } = {}) {
  const streams = new Map();
  const draw = await drawn(key);
  const records = (await alter(events(key.text, draw), draw)).map(([stream, type, actor, time, data]) => {
    const version = (streams.get(stream)?.length ?? 0) + 1;
    const prev = version === 1 ? '0'.repeat(64) : hex(sha256(new TextEncoder().encode(streams.get(stream).at(-1))));
    const text = jcs({ actor, data, prev, stream, time: time.replace('Z', '.000000000Z'), type, version });
    streams.set(stream, [...(streams.get(stream) ?? []), text]);
    return text;
  });
  const size = records.length;
  const ledger = log(records, key);
  const cosigned = async (n, time) => {
    const note = await ledger.checkpoint(n);
    return note + await cosigner.cosign(note, Date.parse(time) / 1000);
  };
  const bounds = [];
  for (const [n, time] of times) bounds.push({ checkpoint: await cosigned(n, time), consistencyProof: ledger.consistency(n, size) });
  const checkpoint = await cosigned(size, '2022-01-05T00:00:00Z');
  const bundleEvents = records.map((canonicalText, i) => ({ sequence: i + 101, leafIndex: i, canonical: canonicalText }));

  const scope = { year: 2021, jurisdiction: '520102', department: 'SPSC', official, asOf: size };
  const parsed = { key: await parseVerifierKey(key.text), witnesses: [await parseWitnessKey(cosigner.text)], quorum: 1 };
  const { bounds: checked } = await checkBoundCheckpoints(bounds, { size, root: ledger.root(size) }, parsed);
  // Events altered out of shape may not fold: their bundle gets an empty report, which the verifier must refuse first.
  const recomputed = await recomputeClauses(scope, bundleEvents.map((e) => ({ ...e, record: JSON.parse(e.canonical) })),
    checked, { trustedKeyText: key.text }).catch(() => ({ asOfTime: null, clauses: [], draws: [], bounds: [], performed: null, missing: null }));
  const report = dutyReport(scope, { keys: [cosigner.text], quorum: 1 }, recomputed);
  const inclusionProof = ledger.multiInclusion(bundleEvents.map((e) => e.leafIndex), size);
  const bundle = { format: 'fairdraw-duty-bundle/v2', report, checkpoint, events: bundleEvents, inclusionProof, bounds };
  return {
    bundle, text: JSON.stringify(bundle), ledgerKey: key.text, witnessKey: cosigner.text, sample: draw.selected.map((s) => s.EntityId),
    // The multi-leaf proof of other leaves of the same log: a bundle that omits events yet proves the rest, as a server could.
    prove: (indexes) => ledger.multiInclusion(indexes, size),
  };
}

/** The fixed test keys: the P-256 key of tests/Ledger.Tests/Integrity/CheckpointTestKey.cs and the witness vector's seed. */
export const fixedKeys = async () => [
  await ledgerKey('fairdraw.example/ledger', 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMFKGoarT98LvT1uVSm6NhfUSfJIO/AEnC4Hzr2UWcRChRANCAAQ8sgsibQnceffgW0PUB7f2ExdMFqasXCNDjQyCEgsQgu2HrjuBUXSvu7HX10hPEG0izpRLgEmwgyiVUtwbtY7m'),
  await witness('witness.example/discipline-office', '026f142cbb5d552772b446e6fc6db920f3ce1299e9957f328a2cc46e159b93b8'),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { text } = await dutyBundle(...await fixedKeys());
  await writeFile(new URL('./fixtures/duty-bundle.json', import.meta.url), `${text}\n`);
}
