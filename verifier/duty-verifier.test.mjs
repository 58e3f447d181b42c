// node --test verifier/  — the duty-bundle verifier (docs/duty-report.md §7) on the bundle of fixture-duty-bundle.mjs and on
// tampered, truncated, reordered and incomplete copies of it; each failure is named, and nothing never passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, hex, hkdfExtract, ikmOf } from './draw-verifier.mjs';
import { verifyDutyBundle } from './duty-verifier.mjs';
import { dutyBundle, fixedKeys } from './fixture-duty-bundle.mjs';
import { ledgerKey, witness } from './fixture-log.mjs';

const [key, cosigner] = await fixedKeys();
const made = await dutyBundle(key, cosigner);
const policy = { trustedKey: made.ledgerKey, witnessKeys: [made.witnessKey], quorum: 1 };
const copy = () => structuredClone(made.bundle);
// The two objects the draw selected (rank 0 and 1 of the 60 tickets), and a result's subject "task:entity:item".
const [E1, E2] = made.sample;
const at = (entity, item) => `2021-520102-SPSC-T01:${entity}:${item}`;
const verify = (bundle, options = policy) => verifyDutyBundle(typeof bundle === 'string' ? bundle : JSON.stringify(bundle), options);
const verdicts = (result) => Object.fromEntries(result.recomputed.clauses.map((c) => [c.name, [c.verdict, ...c.findings.map((f) => `${f.verdict} ${f.code} ${f.subject}`)]]));

test('the bundle verifies, every check named, and its clauses are the ones counted by hand', async () => {
  const result = await verify(made.text);
  assert.equal(result.failure, null);
  assert.equal(result.ok, true);
  assert.equal(result.compared, true);
  assert.deepEqual(result.checks.map((c) => `${c.outcome} ${c.name}`), ['pass format', 'pass signature', 'pass inclusion', 'pass consistency',
    'pass cosignatures', 'pass completeness', 'pass as-of time', 'pass bounds', 'pass clause 1 items-covered', 'pass clause 2 plan-filed',
    'pass clause 3 draws', 'pass clause 4 assignments', 'pass clause 5 inspected', 'pass clause 6 published', 'pass clause 7 follow-ups',
    'pass report']);
  // The witness saw the log at size 18 only on 08-05, after the deadline of E2's result inspected 07-01 (20 working days:
  // Thursday 07-29, ending 07-29 16:00 UTC), though the server's clock says it was published on 07-28; E2's second
  // item was never recorded and the as-of time (12-31) is past the task's end (09-10).
  assert.deepEqual(verdicts(result), {
    'items-covered': ['fulfilled'],
    'plan-filed': ['fulfilled'],
    draws: ['fulfilled'],
    assignments: ['fulfilled'],
    inspected: ['not-fulfilled', `not-fulfilled not-inspected ${at(E2, '05-02')}`],
    published: ['not-fulfilled', `not-fulfilled published-late ${at(E2, '05-01')}`],
    'follow-ups': ['fulfilled'],
  });
  assert.equal(result.recomputed.asOfTime, '2021-12-31T00:00:00Z');
  assert.equal(result.checkpoint.size, 23);
  assert.match(result.sha256, /^[0-9a-f]{64}$/);
});

const notInTree = (count) => `tampered: the ${count} events are not in the final tree of size 23 at their leaves `
  + '(an event\'s bytes, a leaf index or the inclusion proof was altered)';

test('an edited event, a moved leaf, a proof hash changed or an event dropped after proving is tampered', async () => {
  const edited = copy();
  edited.events[13].canonical = edited.events[13].canonical.replace('2021-07-05', '2021-07-04');
  assert.equal((await verify(edited)).failure, notInTree(23));
  const moved = copy();
  moved.events[22].leafIndex = 30;
  assert.equal((await verify(moved)).failure, notInTree(23));
  const sparse = copy();
  sparse.events.splice(12, 1);
  sparse.inclusionProof = made.prove(sparse.events.map((e) => e.leafIndex));
  assert.equal((await verify(sparse)).checks.find((c) => c.name === 'inclusion').outcome, 'pass');
  sparse.inclusionProof[0] = sparse.inclusionProof[0].replace(/^./, (c) => (c === '0' ? '1' : '0'));
  assert.equal((await verify(sparse)).failure, notInTree(22));
  const dropped = copy();
  dropped.events.splice(12, 1);
  assert.equal((await verify(dropped)).failure, notInTree(22));
});

test('a bundle cut short is truncated; another format is named', async () => {
  assert.match((await verify(made.text.slice(0, made.text.length / 2))).failure, /^truncated: the bundle is not complete JSON/);
  const bundle = copy();
  delete bundle.bounds;
  assert.equal((await verify(bundle)).failure, 'truncated: the bundle has no "bounds"');
  assert.match((await verify({ ...copy(), format: 'fairdraw-duty-bundle/v1' })).failure, /^format: fairdraw-duty-bundle\/v1/);
  const unproved = copy();
  delete unproved.inclusionProof;
  assert.equal((await verify(unproved)).failure, 'truncated: the bundle has no "inclusionProof"');
});

test('events out of leaf order are reordered', async () => {
  const bundle = copy();
  [bundle.events[5], bundle.events[6]] = [bundle.events[6], bundle.events[5]];
  const result = await verify(bundle);
  assert.equal(result.ok, false);
  assert.equal(result.failure, 'reordered: event at leaf 5 (sequence 106) follows leaf 6');
});

// Omitted by whoever made the bundle, so the proof is of the events it holds: only completeness can catch it.
const omitting = (index) => {
  const bundle = copy();
  bundle.events.splice(index, 1);
  bundle.inclusionProof = made.prove(bundle.events.map((e) => e.leafIndex));
  return bundle;
};

test('a missing event makes the bundle incomplete: a gap in its stream, or a sequence the report cites', async () => {
  // E1's approval, version 2 of its result stream
  assert.equal((await verify(omitting(12))).failure, `incomplete: stream result:${at(E1, '05-01')} lacks version 2`);
  // E2's publication, the last of its stream, cited by clause 6
  assert.equal((await verify(omitting(18))).failure, 'incomplete: cited sequence 119 is not in the bundle');
  assert.equal((await verify(omitting(0))).failure, 'incomplete: stream item-list:520102:2021版 that the plan names is not in the bundle');
});

test('a report that says otherwise than its events is a mismatch, named by clause', async () => {
  const bundle = copy();
  bundle.report.clauses[5].verdict = 'fulfilled';
  bundle.report.clauses[5].findings = [];
  assert.equal((await verify(bundle)).failure,
    `mismatch: clause 6: report says fulfilled (), recomputed not-fulfilled (not-fulfilled published-late ${at(E2, '05-01')} [119])`);
  const time = copy();
  time.report.bounds[6].lower = '2021-07-27T00:00:00Z';
  assert.match((await verify(time)).failure,
    /^mismatch: bounds of sequence 119: recomputed 2021-08-05T00:00:00Z … 2021-08-10T00:00:00Z, the report says \{.*"lower":"2021-07-27T00:00:00Z"/);
  const read = copy();
  read.report.clauses[0].sequences.pop();
  assert.match((await verify(read)).failure, /^mismatch: clause 1: report says it read /);
});

test('only the trusted keys count: another ledger key fails the signature, a forged cosignature is tampered', async () => {
  const other = await ledgerKey('fairdraw.example/ledger');
  assert.match((await verify(made.text, { ...policy, trustedKey: other.text })).failure, /^signature: /);
  const bundle = copy();
  bundle.bounds[6].checkpoint = bundle.bounds[6].checkpoint.replace(/(\u2014 witness\.example\/discipline-office \S{10})(\S)/,
    (_, head, c) => `${head}${c === 'A' ? 'B' : 'A'}`);
  assert.equal((await verify(bundle)).failure,
    'tampered: bound checkpoint of size 23: the cosignature of witness.example/discipline-office does not verify over the checkpoint');
  const proof = copy();
  proof.bounds[3].consistencyProof[0] = '00'.repeat(32);
  assert.match((await verify(proof)).failure, /^tampered: bound checkpoint of size 14: its consistency proof/);
});

test('under another witness policy the verdicts are recomputed, not compared, and rest on that policy', async () => {
  const stranger = await witness('witness.example/other');
  const result = await verify(made.text, { ...policy, witnessKeys: [stranger.text] });
  assert.equal(result.compared, false);
  assert.equal(result.checks.find((c) => c.name === 'report').outcome, 'not-run');
  assert.equal(result.recomputed.asOfTime, null);
  assert.deepEqual(verdicts(result).published, ['undetermined', `undetermined publication-time-undetermined ${at(E1, '05-01')}`,
    `undetermined exemption-time-undetermined ${at(E1, '05-02')}`, `undetermined publication-time-undetermined ${at(E2, '05-01')}`]);
});

test('never passing on nothing: no events, or no clauses, fails', async () => {
  const empty = copy();
  empty.events = [];
  empty.inclusionProof = [];
  empty.report.clauses = [];
  empty.report.bounds = [];
  assert.equal((await verify(empty)).ok, false);
  assert.equal((await verify(empty)).failure, 'incomplete: the bundle holds no event');
  const bare = copy();
  bare.report.clauses = [];
  assert.match((await verify(bare)).failure, /^mismatch: clause 1: report says undefined/);
});

test('an official\'s steps: performed as actor or approver, and the results they approved not published in time', async () => {
  const mine = await dutyBundle(key, cosigner, { official: 'official-1' });
  const result = await verify(mine.text);
  assert.equal(result.failure, null);
  assert.deepEqual(result.recomputed.performed.map((p) => `${p.sequence} ${p.role}`),
    ['113 actor', '114 actor', '116 actor', '117 actor', '118 actor', '119 actor', '121 actor', '122 actor']);
  assert.deepEqual(result.recomputed.missing.map((f) => `${f.code} ${f.subject}`), [`published-late ${at(E2, '05-01')}`]);
});

test('the committed fixture for the browser is a bundle that verifies under the fixed test keys', async () => {
  const fixture = await readFile(new URL('./fixtures/duty-bundle.json', import.meta.url));
  const result = await verifyDutyBundle(fixture, policy);
  assert.equal(result.failure, null);
  assert.equal(result.ok, true);
});

test('the CLI exits 0 on a verified bundle, 1 naming the failure, 2 on bad usage', async () => {
  const { execFile } = await import('node:child_process');
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const run = (...args) => new Promise((resolve) => {
    execFile(process.execPath, [new URL('./verify-duty.mjs', import.meta.url).pathname, ...args], (error, stdout) => resolve({ code: error?.code ?? 0, stdout }));
  });
  const folder = await mkdtemp('/tmp/verify-duty-');
  const good = `${folder}/good.json`;
  const bad = `${folder}/bad.json`;
  await writeFile(good, made.text);
  const tampered = copy();
  tampered.events[13].canonical = tampered.events[13].canonical.replace('2021-07-05', '2021-07-04');
  await writeFile(bad, JSON.stringify(tampered));
  const passed = await run(good, '--key', made.ledgerKey, '--witness', made.witnessKey);
  assert.equal(passed.code, 0);
  assert.match(passed.stdout, /^pass +clause 6 published: not-fulfilled/m);
  assert.match(passed.stdout, /\nVERIFIED\n$/);
  const failed = await run(bad, '--key', made.ledgerKey, '--witness', made.witnessKey);
  assert.equal(failed.code, 1);
  assert.match(failed.stdout, /NOT verified: tampered: the 23 events are not in the final tree of size 23 at their leaves .*\n$/);
  assert.equal((await run(good)).code, 2);
});

// Each row alters the signed events (the bundle stays whole and its report is recomputed), and names the finding the
// spec's clause rules give (docs/duty-report.md §5), counted by hand from the alteration.
const FILLER = ['entity:91520102MA00000000', 'entity_registered', 'registrar-1', '2021-01-01T00:00:00Z', { Uscc: '91520102MA00000000' }];
const edit = (index, change) => (list) => list.map((e, i) => (i === index ? change(structuredClone(e)) : e));
const data = (change) => (e) => { change(e[4]); return e; };
const cases = [
  ['an unlisted District item', edit(0, data((d) => { d.Items[2].Level = 'District'; })), 1, 'not-fulfilled uncovered-item 06-01'],
  ['a filing never acknowledged', edit(3, () => FILLER), 2, 'pending not-acknowledged filing 1'],
  ['a basis whose total is wrong', edit(1, data((d) => { d.Basis.ExpectedSample = 3; })), 2, 'not-fulfilled basis-mismatch 2021-520102-SPSC'],
  ['a commitment that does not bind the frozen round', edit(5, data((d) => { d.Fallback = 'none'; })), 3, 'not-fulfilled commitment-mismatch 2021-520102-SPSC-T01 round 1'],
  ['a commitment signed under another key', edit(5, data((d) => { d.SigningKey = 'other+00000000+AA=='; })), 3, 'not-fulfilled commitment-signature 2021-520102-SPSC-T01 round 1'],
  ['lottery values the recorder confirmed', edit(8, data((d) => { d.ConfirmedBy = 'op-1'; })), 3, 'not-fulfilled lottery-not-confirmed 2021-520102-SPSC-T01 round 1'],
  ['a PRK not derived from the values', edit(9, data((d) => { d.Prk = '00'.repeat(32); })), 3, 'not-fulfilled prk-mismatch 2021-520102-SPSC-T01 round 1'],
  ['a ticket not derived from the PRK', edit(9, data((d) => { d.Selected[1].Ticket = 'ff'.repeat(32); })), 3, 'not-fulfilled ticket-mismatch 2021-520102-SPSC-T01 round 1'],
  ['a round never assigned', edit(10, () => FILLER), 3, 'pending in-progress 2021-520102-SPSC-T01 round 1'],
  ['a round frozen and never committed', (list) => list.map((e, i) => (i >= 5 && i <= 10 ? FILLER : e)), 3, 'pending in-progress 2021-520102-SPSC-T01 round 1'],
  ['an object with one inspector', edit(10, data((d) => { d.Assignments[1].Candidates[1].Decision = 'capacity'; })), 4, 'not-fulfilled too-few-inspectors'],
  ['a follow-up never closed', edit(17, () => FILLER), 7, 'not-fulfilled not-closed'],
];
for (const [name, alter, number, finding] of cases) {
  test(`a clause names what the events show: ${name}`, async () => {
    const altered = await dutyBundle(key, cosigner, { alter });
    const result = await verify(altered.text);
    assert.equal(result.failure, null);
    const found = result.recomputed.clauses[number - 1];
    assert.ok(found.findings.some((f) => `${f.verdict} ${f.code} ${f.subject}`.startsWith(finding)),
      `clause ${number}: ${found.findings.map((f) => `${f.verdict} ${f.code} ${f.subject}`).join('; ')}`);
    assert.equal(found.verdict, finding.split(' ')[0]);
  });
}

test('an item amended after its retirement stays retired: it is not asked to be covered', async () => {
  const addRetireAmend = (events) => {
    const [drafted] = events;
    const added = { ...structuredClone(drafted[4].Items[0]), Code: '07-01', Name: '事项07-01' };
    const at = (type, actor, time, data) => [drafted[0], type, actor, time, { Jurisdiction: '520102', Version: '2021版', ...data }];
    return [drafted,
      at('inspection_item_added', 'credit-1', '2021-03-02T02:00:00Z', { Item: added, AddedBy: 'credit-1' }),
      at('inspection_item_retired', 'credit-1', '2021-03-03T02:00:00Z', { Code: '07-01', Reason: '停用', RetiredBy: 'credit-1' }),
      at('inspection_item_amended', 'credit-1', '2021-03-04T02:00:00Z', { Item: { ...added, Name: '改' }, AmendedBy: 'credit-1' }),
      ...events.slice(1)];
  };
  const result = await verify((await dutyBundle(key, cosigner, { alter: addRetireAmend })).text);
  assert.equal(result.failure, null);
  const items = result.recomputed.clauses[0];
  assert.ok(!items.findings.some((f) => f.subject === '07-01'), items.findings.map((f) => `${f.code} ${f.subject}`).join('; '));
  assert.equal(items.verdict, 'fulfilled');
});

// ---- The spec's vector (docs/duty-report.md §8), a bundle the .NET server wrote: the two implementations agree ----

const vector = JSON.parse(await readFile(new URL('../docs/duty-vectors/keys.json', import.meta.url), 'utf8'));
const vectorBytes = await readFile(new URL('../docs/duty-vectors/bundle.json', import.meta.url));
const vectorPolicy = { trustedKey: vector.ledgerKey, witnessKeys: vector.witnesses, quorum: vector.quorum };

test('the spec\'s vector verifies, every clause, bound and the as-of time recomputed as its report says', async () => {
  const result = await verifyDutyBundle(vectorBytes, vectorPolicy);
  assert.equal(result.failure, null);
  assert.equal(result.compared, true);
  assert.equal(result.checks.filter((c) => c.name.startsWith('clause ') && c.outcome === 'pass').length, 7);
  assert.deepEqual(result.recomputed.clauses.map((c) => c.verdict), vector.verdicts);
});

test('the spec\'s vector: without its witness nothing is compared and every deadline is undetermined; a verdict changed is a mismatch', async () => {
  const unwitnessed = await verifyDutyBundle(vectorBytes, { trustedKey: vector.ledgerKey });
  assert.equal(unwitnessed.compared, false);
  assert.equal(unwitnessed.recomputed.asOfTime, null);
  assert.equal(unwitnessed.recomputed.clauses[5].verdict, 'undetermined');
  const tampered = JSON.parse(vectorBytes);
  tampered.report.clauses[5].verdict = 'fulfilled';
  assert.match((await verifyDutyBundle(JSON.stringify(tampered), vectorPolicy)).failure, /^mismatch: clause 6: report says fulfilled/);
});

// ---- Parity with the spec and the .NET engine on events no valid ledger writes (issue 23): each row would pass or
// read otherwise in a verifier that departed from docs/duty-report.md §5 ----

const insertAfter = (index, ...added) => (list) => [...list.slice(0, index + 1), ...added, ...list.slice(index + 1)];
const clauseOf = async (alter, number, options = {}) => {
  const result = await verify((await dutyBundle(key, cosigner, { alter, ...options })).text);
  assert.equal(result.failure, null);
  return number === undefined ? result.recomputed : result.recomputed.clauses[number - 1];
};
const lines = (found) => found.findings.map((f) => `${f.verdict} ${f.code} ${f.subject}`);

test('a round\'s newest lottery confirmation counts: a later one by the recorder is not a confirmation', async () => {
  const byRecorder = (list) => insertAfter(8, [...structuredClone(list[8]).slice(0, 4), { ...structuredClone(list[8][4]), ConfirmedBy: 'op-1' }])(list);
  const draws = await clauseOf(byRecorder, 3);
  assert.deepEqual(lines(draws), ['not-fulfilled lottery-not-confirmed 2021-520102-SPSC-T01 round 1']);
  assert.deepEqual(draws.findings[0].sequences, [108, 109, 110]);
});

test('a commitment that does not bind its round but hashes to its CommitHash: the PRK is salted with the rebuilt one', async () => {
  // The canonical text and its hash both forged; the execution kept the true PRK. Spec §5 clause 3 step 7 salts the
  // PRK with the rebuilt commitment's hash, so only the commitment is wrong.
  const forged = (list, draw) => {
    const canonical = draw.commitment.replace('"fallback":"redraw"', '"fallback":"none"');
    return edit(5, data((d) => { d.Canonical = canonical; d.CommitHash = hex(sha256(new TextEncoder().encode(canonical))); }))(list);
  };
  assert.deepEqual(lines(await clauseOf(forged, 3)), ['not-fulfilled commitment-mismatch 2021-520102-SPSC-T01 round 1']);
});

test('values recorded out of the committed order cannot form the IKM: a PRK mismatch, whatever the PRK says', async () => {
  const reordered = (list, draw) => {
    const swapped = [...list[7][4].Values].reverse();
    const prk = hex(hkdfExtract(fromHex(draw.commitHash), ikmOf(swapped.map((v) => ({ label: v.Label, value: v.Value })), [])));
    return edit(9, data((d) => { d.Prk = prk; }))(edit(7, data((d) => { d.Values = swapped; }))(list));
  };
  assert.deepEqual(lines(await clauseOf(reordered, 3)), ['not-fulfilled prk-mismatch 2021-520102-SPSC-T01 round 1']);
});

test('an official\'s missing steps: a result falls to its newest approval\'s approver, not to an earlier one', async () => {
  const reapproved = (list) => insertAfter(15, [list[15][0], 'inspection_result_approved', 'official-2', '2021-07-02T10:00:00Z',
    { ...structuredClone(list[15][4]), ApprovedBy: 'official-2' }])(list);
  const report = await clauseOf(reapproved, undefined, { official: 'official-1' });
  assert.deepEqual(report.clauses[5].findings.map((f) => f.code), ['published-late']);
  assert.deepEqual(report.missing, []);
});

test('clause 1 takes the plan\'s level from the scope, not from what the plan\'s content says', async () => {
  const cityContent = edit(1, data((d) => { d.Jurisdiction = '520100'; }));
  const items = await clauseOf(cityContent, 1);
  assert.deepEqual(lines(items), []);
  assert.equal(items.verdict, 'fulfilled');
});

test('an item added twice is two entries of the list, each to cover', async () => {
  const twice = (list) => {
    const added = { ...structuredClone(list[0][4].Items[0]), Code: '07-01', Name: '事项07-01' };
    const event = [list[0][0], 'inspection_item_added', 'credit-1', '2021-03-02T02:00:00Z', { Jurisdiction: '520102', Version: '2021版', Item: added, AddedBy: 'credit-1' }];
    return insertAfter(0, event, structuredClone(event))(list);
  };
  assert.deepEqual(lines(await clauseOf(twice, 1)), ['not-fulfilled uncovered-item 07-01', 'not-fulfilled uncovered-item 07-01']);
});

test('the assignment book starts from the round\'s newest assignment: an object it leaves out has no inspector', async () => {
  const reassigned = (list) => insertAfter(10, [...structuredClone(list[10]).slice(0, 4),
    { ...structuredClone(list[10][4]), Assignments: [structuredClone(list[10][4].Assignments[1])] }])(list);
  const [E1] = (await dutyBundle(key, cosigner)).sample;
  const assignments = await clauseOf(reassigned, 4);
  assert.deepEqual(lines(assignments), [`not-fulfilled too-few-inspectors 2021-520102-SPSC-T01 ${E1}`]);
});

test('the report\'s cited list, draws and clause names are compared as written; the findings\' words are not', async () => {
  const cited = copy();
  cited.report.cited[0] += 1;
  assert.equal((await verify(cited)).failure, 'mismatch: the report\'s "cited" differs from the one recomputed from the events');
  const uncited = copy();
  delete uncited.report.cited;
  assert.equal((await verify(uncited)).failure, 'truncated: report.cited is missing');
  const drawn = copy();
  drawn.report.draws[0].selectionRoot = '22'.repeat(32);
  assert.equal((await verify(drawn)).failure, 'mismatch: the report\'s "draws" differs from the one recomputed from the events');
  const named = copy();
  named.report.clauses[0].name = 'items';
  assert.match((await verify(named)).failure, /^mismatch: clause 1: /);
  const worded = copy();
  worded.report.clauses[4].findings[0].detail = '另一句话 / other words';
  assert.equal((await verify(worded)).failure, null);
});

test('a report with a member the format does not have, or without one it has, is truncated as in .NET', async () => {
  const extra = copy();
  extra.report.note = 'x';
  assert.equal((await verify(extra)).failure, 'truncated: report has an unknown member "note"');
  const lacking = copy();
  delete lacking.report.clauses[2].findings;
  assert.equal((await verify(lacking)).failure, 'truncated: report.clauses[2].findings is missing');
  const wide = copy();
  wide.report.year = 2 ** 31;
  assert.equal((await verify(wide)).failure, 'truncated: report.year is not an integer of 32 bits');
});

test('a task stream whose events do not name their round, or a result stream opened twice, is tampered', async () => {
  const wrongRound = await verify((await dutyBundle(key, cosigner, { alter: edit(6, data((d) => { d.Round = 2; })) })).text);
  assert.equal(wrongRound.failure, 'tampered: stream task:2021-520102-SPSC-T01: sequence 107 (commitment_published) does not name the round its place in the stream gives (1)');
  const recordedTwice = (list) => insertAfter(11, structuredClone(list[11]))(list);
  assert.match((await verify((await dutyBundle(key, cosigner, { alter: recordedTwice })).text)).failure,
    /^tampered: stream result:.*: sequence 113 is a second inspectionresultrecorded$/);
});

test('a plan stream without a PlanDrafted is no plan, whatever content it holds', async () => {
  const revisedOnly = edit(1, (e) => { e[1] = 'plan_revised'; return e; });
  const report = await clauseOf(revisedOnly);
  assert.deepEqual(report.clauses.map((c) => c.verdict), ['not-fulfilled', 'not-fulfilled', ...Array(5).fill('not-applicable')]);
  assert.deepEqual(lines(report.clauses[0]), ['not-fulfilled no-plan 2021-520102-SPSC']);
});

test('confirmed lottery values are compared as labels and values, as the ledger holds them', async () => {
  const annotated = edit(8, data((d) => { d.Values[0].Note = '复核 / checked'; }));
  assert.deepEqual(lines(await clauseOf(annotated, 3)), []);
});

test('blank is .NET\'s white space: U+0085 alone is blank, U+FEFF alone is not', async () => {
  const setAside = (reason) => insertAfter(10, [`task:${'2021-520102-SPSC-T01'}`, 'round_set_aside', 'op-1', '2021-06-04T02:00:00Z',
    { TaskId: '2021-520102-SPSC-T01', Round: 1, Reason: reason, SetAsideBy: 'op-1', ApprovedBy: 'credit-1', SetAsideAt: '2021-06-04T02:00:00Z' }]);
  assert.ok(lines(await clauseOf(setAside('\u0085'), 3)).includes('not-fulfilled set-aside-unapproved 2021-520102-SPSC-T01 round 1'));
  assert.ok(!lines(await clauseOf(setAside('\ufeff'), 3)).some((line) => line.includes('set-aside-unapproved')));
});

test('a ratio the ledger would not accept: the basis is wrong, and a commitment to it cannot be rebuilt', async () => {
  const basis = edit(1, data((d) => { d.Basis.Tasks[0].Strata[0].Ratio = '03/100'; }));
  assert.deepEqual(lines(await clauseOf(basis, 2)), ['not-fulfilled basis-mismatch 2021-520102-SPSC']);
  const committedTo = async (list, draw) => {
    const canonical = draw.commitment.replace('"ratio":"3/100"', '"ratio":"03/100"');
    const signature = await key.signText(canonical);
    const hash = hex(sha256(new TextEncoder().encode(canonical)));
    return edit(5, data((d) => { Object.assign(d, { Canonical: canonical, CommitHash: hash, Signature: signature }); }))(
      edit(4, data((d) => { d.Task.Strata[0].Ratio = '03/100'; }))(list));
  };
  assert.deepEqual(lines(await clauseOf(committedTo, 3)), ['not-fulfilled commitment-mismatch 2021-520102-SPSC-T01 round 1']);
});

test('an empty expertise in the frozen task is none, as the ledger commits it', async () => {
  const empty = edit(4, data((d) => { d.Task.Strata[0].Expertise = ''; }));
  assert.deepEqual(lines(await clauseOf(empty, 3)), []);
});

// Round 1 published and never executed (it lapses at 06-06 12:00, 72 hours after its sources resolved on 06-03 12:00),
// then round 2 frozen at leaf 7 with the server's FrozenAt given; the witnesses cosign size 7 before the publication's
// deadline, then sizes 7 and 8 at the times given.
const lapsedRound = (frozenAt, seven, eight) => dutyBundle(key, cosigner, {
  bounds: [[7, '2021-06-02T00:00:00Z'], [7, seven], [8, eight]],
  alter: (list) => [...list.slice(0, 7), [list[4][0], 'pool_frozen', 'op-1', frozenAt,
    { ...structuredClone(list[4][4]), Round: 2, Reason: '第1轮失效 / round 1 lapsed', FrozenAt: frozenAt }]],
});
const replaced = async (...args) => {
  const result = await verify((await lapsedRound(...args)).text);
  assert.equal(result.failure, null);
  return result.recomputed.clauses[2].findings.filter((f) => f.subject.endsWith('round 1')).map((f) => `${f.verdict} ${f.code} [${f.sequences}]`);
};

test('a replaced round lapsed when the witnesses saw the newer freeze only after its lapse, whatever FrozenAt says', async () => {
  assert.deepEqual(await replaced('2021-06-05T00:00:00Z', '2021-06-07T00:00:00Z', '2021-06-08T00:00:00Z'),
    ['not-fulfilled attention: lapsed-after-resolved [105,106,107,108]']);
});

test('a replaced round was superseded when the witnesses saw the newer freeze before its lapse, whatever FrozenAt says', async () => {
  assert.deepEqual(await replaced('2021-06-08T00:00:00Z', '2021-06-04T00:00:00Z', '2021-06-05T00:00:00Z'), []);
});

test('a replaced round whose newer freeze the witnesses bound on both sides of its lapse is undetermined', async () => {
  assert.deepEqual(await replaced('2021-06-08T00:00:00Z', '2021-06-05T00:00:00Z', '2021-06-07T00:00:00Z'),
    ['undetermined lapse-time-undetermined [105,106,107,108]']);
});

test('a reassignment takes the removed inspector\'s first place only, as the assignment book does', async () => {
  const [E1] = (await dutyBundle(key, cosigner)).sample;
  const twice = (list) => insertAfter(10, [list[10][0], 'inspector_reassigned', 'op-1', '2021-06-03T18:00:00Z', {
    TaskId: '2021-520102-SPSC-T01', Round: 1, EntityId: E1, RemovedInspectorId: 'i1', Trigger: 'unavailable', Rule: 'manual',
    ReplacementInspectorId: null, Candidates: [], Reason: '出差 / away', Evidence: '请假单', ApprovedBy: 'credit-1', ReassignedBy: 'op-1',
    ReassignedAt: '2021-06-03T18:00:00Z' }])(edit(10, data((d) => {
    d.Assignments[0].Candidates = [{ InspectorId: 'i1', Decision: 'assigned' }, ...d.Assignments[0].Candidates];
  }))(list));
  assert.deepEqual(lines(await clauseOf(twice, 4)), []);
});

test('another plan\'s events in a bundle are not its scope: nothing is asked of the list they name', async () => {
  const other = (list) => [...list, ['plan:2021-520102-AIC', 'plan_drafted', 'planner-2', '2021-12-01T02:00:00Z',
    { ...structuredClone(list[1][4]), PlanId: '2021-520102-AIC', Department: 'AIC', ItemListVersion: '2022版' }]];
  assert.deepEqual((await clauseOf(other)).clauses.map((c) => c.verdict), (await clauseOf((list) => list)).clauses.map((c) => c.verdict));
});

test('events that pass every step yet do not fold are tampered, never a crash', async () => {
  const result = await verify((await dutyBundle(key, cosigner, { alter: edit(5, data((d) => { d.Sources = 'drand'; })) })).text);
  assert.match(result.failure, /^tampered: the events do not fold into a report: /);
});

test('the report\'s witness keys compare with the verifier\'s as a set, as verify-duty does', async () => {
  const other = (await witness('witness.example/other')).text;
  const bundle = copy();
  bundle.report.witnesses.keys = [other, made.witnessKey];
  const result = await verify(bundle, { ...policy, witnessKeys: [made.witnessKey, other] });
  assert.equal(result.compared, true);
  assert.equal(result.failure, null);
});
