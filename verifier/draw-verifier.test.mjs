// node --test verifier/  — checks the verifier against docs/draw-vectors.json and against tampered copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  computePools, enc, inspectorMatcher, lotteryValue, replayAdjustments, selectEntities, ticketMaker, verifyBundle, verifyVector,
} from './draw-verifier.mjs';

const file = JSON.parse(await readFile(new URL('../docs/draw-vectors.json', import.meta.url), 'utf8'));
const copy = (vector) => structuredClone(vector);
const hex = (bytes) => Buffer.from(bytes).toString('hex');

test('enc is length-prefixed NFC UTF-8 (docs/draw-protocol.md §1 examples)', () => {
  assert.equal(hex(enc('')), '00000000');
  assert.equal(hex(enc('entity')), '00000006656e74697479');
  assert.equal(hex(enc('A类')), '0000000441e7b1bb');
  assert.equal(hex(enc('e\u0301')), '00000002c3a9');
});

test('lottery values are canonicalised RFC 3797 style', () => {
  assert.equal(lotteryValue([7, 2, 7]), '2.7.7./');
  assert.equal(lotteryValue([33, 5, 12, 1, 27, 19]), '1.5.12.19.27.33./');
});

for (const vector of file.vectors) {
  test(`vector ${vector.name} verifies from its inputs`, async () => {
    const result = await verifyVector(vector);
    assert.equal(result.firstMismatch, null);
    assert.ok(result.ok);
  });
}

test('inputs in another order and in NFD verify alike: the verifier sorts and normalises them itself (§1, §2)', async () => {
  const vector = copy(file.vectors.find((v) => v.name === 'utf8-order-beyond-the-bmp'));
  vector.inputs.rules.strata.reverse();
  vector.inputs.entities.reverse();
  for (const inspector of vector.inputs.inspectors) inspector.expertise.reverse();
  const party = copy(file.vectors.find((v) => v.name === 'party-secrets-and-infeasible'));
  const unit = party.inputs.inspectors.find((i) => i.unit.startsWith('R'));
  unit.unit = unit.unit.normalize('NFD');
  assert.notEqual(unit.unit, unit.unit.normalize('NFC'));
  for (const v of [vector, party]) {
    const result = await verifyVector(v);
    assert.equal(result.firstMismatch, null, v.name);
  }
});

test('an entity in two strata, an inspector listed twice with other data, or a tag twice is refused (§3)', async () => {
  const { inputs } = copy(file.vectors[0]);
  assert.deepEqual((await computePools(inputs)).duplicates, { entityPool: undefined, inspectorPool: undefined, conflictPool: undefined });

  const twoStrata = copy(inputs);
  twoStrata.entities.push({ stratum: 'C类', id: twoStrata.entities.find((e) => e.stratum === 'A类').id });
  assert.equal((await computePools(twoStrata)).duplicates.entityPool, `entity ${twoStrata.entities.at(-1).id} twice`);

  const twice = copy(inputs);
  twice.inspectors.push({ ...twice.inspectors[0], capacity: twice.inspectors[0].capacity + 1 });
  assert.equal((await computePools(twice)).duplicates.inspectorPool, `inspector ${twice.inspectors[0].id} twice`);

  const tag = copy(inputs);
  tag.inspectors[1].expertise = [...tag.inspectors[1].expertise, tag.inspectors[1].expertise[0]];
  assert.equal((await computePools(tag)).duplicates.inspectorPool, `inspector ${tag.inspectors[1].id} with tag ${tag.inspectors[1].expertise[0]} twice`);
});

const tamperings = [
  ['an entity added after freezing', (v) => v.inputs.entities.push({ stratum: v.inputs.entities[0].stratum, id: '91520102MA6ZZZZZZZ' }), 'entityPool leaves'],
  ['an inspector capacity raised', (v) => { v.inputs.inspectors[0].capacity += 1; }, 'inspectorPool leaves'],
  ['a conflict dropped', (v) => v.inputs.conflicts.pop(), 'conflictPool leaves'],
  ['the commitment text edited', (v) => { v.commitment.canonical = v.commitment.canonical.replace('"capacityCap":', '"capacityCap":1'); }, 'CommitHash'],
  ['a source value changed', (v) => { v.randomness.values[0].value = v.randomness.values[0].value.replace(/.$/, (c) => (c === '0' ? '1' : '0')); }, 'IKM'],
  ['the selection reordered', (v) => v.selection.selected.reverse(), 'selection'],
  ['a skipped inspector reported as assigned', (v) => {
    const candidate = v.assignments.flatMap((a) => a.candidates).find((c) => c.decision !== 'assigned');
    candidate.decision = 'assigned';
  }, 'assignment transcript'],
];

for (const [what, tamper, firstMismatch] of tamperings) {
  test(`a copy with ${what} fails at "${firstMismatch}"`, async () => {
    const tampered = copy(file.vectors[0]);
    tamper(tampered);
    const result = await verifyVector(tampered);
    assert.equal(result.ok, false);
    assert.equal(result.firstMismatch, firstMismatch);
  });
}

// ---- Evidence bundles: the real bundle exported by the .NET server (verifier/fixtures/evidence-bundle.json) ----

const bundleUrl = new URL('./fixtures/evidence-bundle.json', import.meta.url);
const bundle = JSON.parse(await readFile(bundleUrl, 'utf8'));
const failed = (result) => result.checks.filter((c) => !c.pass).map((c) => c.name);
const flipHex = (text, at = text.length - 1) => text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);

/** A verifier key text for a fresh P-256 key (same key name as the ledger's), and a signer for it. */
async function otherKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const keyId = new Uint8Array(await crypto.subtle.digest('SHA-256', spki)).slice(0, 4);
  const name = bundle.ledgerKey.slice(0, bundle.ledgerKey.indexOf('+'));
  return {
    text: `${name}+${hex(keyId)}+${Buffer.from([2, ...spki]).toString('base64')}`,
    sign: async (text) => Buffer.from(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(text))).toString('base64'),
  };
}

test('the evidence bundle exported by the server verifies offline', async () => {
  const result = await verifyBundle(bundle);
  assert.deepEqual(failed(result), []);
  assert.ok(result.ok);
  assert.equal(result.trustedKey.source, 'bundle.ledgerKey');
  assert.ok(bundle.events.length > 0 && result.checks.filter((c) => c.name.startsWith('receipt inclusion ')).length === bundle.events.length);
});

test('the bundle verifies with the ledger key given explicitly, and says it used that key', async () => {
  const result = await verifyBundle(bundle, { trustedKey: bundle.ledgerKey });
  assert.ok(result.ok);
  assert.equal(result.trustedKey.source, 'trustedKey');
});

test("the server's own verification report is not trusted", async () => {
  const tampered = copy(bundle);
  tampered.verification = { passed: false, firstFailure: 'made up' };
  assert.ok((await verifyBundle(tampered)).ok);
});

const receiptEvent = (b) => b.events.find((e) => e.receipt && e.receipt.inclusionProof.length > 0);
const label = (e) => `${e.type} #${e.sequence}`;

const bundleTamperings = [
  ['a changed selected entity id', (b) => {
    const chosen = new Set(b.outputs.selected.map((s) => s.entityId));
    b.outputs.selected[0].entityId = b.inputs.entities.find((e) => e.stratum === b.outputs.selected[0].stratum && !chosen.has(e.id))?.id ?? '91520102MA6ZZZZZZZ';
  }, () => 'selection'],
  ['a changed ticket', (b) => { b.outputs.selected[0].ticket = flipHex(b.outputs.selected[0].ticket); }, () => 'selection'],
  ['the canonical commitment edited by one character', (b) => {
    const at = b.commitment.canonical.indexOf('"root":"') + 8;
    b.commitment.canonical = flipHex(b.commitment.canonical, at);
  }, () => 'CommitHash', ['commitment signature', 'ledger binds the commitment']],
  ['a forged commitment signature (another key signed the same text)', async (b) => {
    b.commitment.signature = await (await otherKey()).sign(b.commitment.canonical);
  }, () => 'commitment signature'],
  ['a changed randomness value', (b) => {
    const sources = b.inputs.sources;
    const i = Math.max(0, sources.findIndex((s) => s.kind === 'drand'));
    const value = b.randomness.values[i].value;
    b.randomness.values[i].value = sources[i].kind === 'drand' ? flipHex(value)
      : lotteryValue(value.slice(0, -2).split('.').map(Number).map((n, k, all) => (k === all.length - 1 ? n + 1 : n)));
  }, () => 'IKM', ['PRK', 'ledger binds the randomness']],
  ['a pool entity removed', (b) => {
    const chosen = new Set(b.outputs.selected.map((s) => s.entityId));
    b.inputs.entities.splice(b.inputs.entities.findIndex((e) => !chosen.has(e.id)), 1);
  }, () => 'entity pool root'],
  ['a changed assignment decision', (b) => {
    const candidate = b.outputs.assignments[0].candidates[0];
    candidate.decision = candidate.decision === 'assigned' ? 'same-unit' : 'assigned';
  }, () => 'assignment transcript', ['ledger binds the assignments']],
  ['a receipt with a flipped inclusion proof hash', (b) => {
    const proof = receiptEvent(b).receipt.inclusionProof;
    proof[0] = flipHex(proof[0], 0);
  }, (b) => `receipt inclusion ${label(receiptEvent(b))}`],
  ["a receipt whose checkpoint signature is altered", (b) => {
    const receipt = receiptEvent(b).receipt;
    const lines = receipt.signedCheckpoint.split('\n');
    const at = lines.findIndex((line) => line.startsWith('\u2014 '));
    const space = lines[at].lastIndexOf(' ');
    const signature = Buffer.from(lines[at].slice(space + 1), 'base64');
    signature[signature.length - 1] ^= 0x01;
    lines[at] = lines[at].slice(0, space + 1) + signature.toString('base64');
    receipt.signedCheckpoint = lines.join('\n');
  }, (b) => `receipt checkpoint ${label(receiptEvent(b))}`],
  ['an event not yet in the signed log', (b) => { b.events.at(-1).receipt = undefined; }, (b) => `receipt ${label(b.events.at(-1))}`],
  ['an event of the round left out of its list', (b) => {
    b.events.splice(b.events.findIndex((e) => e.type === 'randomness_recorded'), 1);
  }, () => 'ledger events', ['ledger binds the randomness', 'order in time']],
  ['the lottery confirmation left out of its list', (b) => {
    b.events.splice(b.events.findIndex((e) => e.type === 'lottery_values_confirmed'), 1);
  }, () => 'ledger events', ['ledger binds the lottery confirmation']],
  ['a lottery value other than the one confirmed', (b) => {
    const i = b.inputs.sources.findIndex((s) => s.kind === 'lottery');
    const numbers = b.randomness.values[i].value.slice(0, -2).split('.').map(Number);
    b.randomness.values[i].value = lotteryValue(numbers.map((n, k) => (k === numbers.length - 1 ? n + 1 : n)));
  }, () => 'IKM', ['ledger binds the randomness', 'ledger binds the lottery confirmation']],
];

for (const [what, tamper, firstMismatch, alsoFailing = []] of bundleTamperings) {
  test(`a bundle with ${what} fails at "${firstMismatch(bundle)}"`, async () => {
    const tampered = copy(bundle);
    await tamper(tampered);
    const result = await verifyBundle(tampered);
    assert.equal(result.ok, false);
    assert.equal(result.firstMismatch, firstMismatch(tampered));
    for (const name of alsoFailing) assert.ok(failed(result).includes(name), `${name} should fail too`);
  });
}

test('a wrong trusted key fails the commitment signature and every checkpoint', async () => {
  const result = await verifyBundle(bundle, { trustedKey: (await otherKey()).text });
  assert.equal(result.ok, false);
  assert.equal(result.firstMismatch, 'commitment signature');
  assert.match(result.checks.find((c) => c.name === 'trusted key').detail, /the bundle names another ledger key/);
  const checkpoints = result.checks.filter((c) => c.name.startsWith('receipt checkpoint '));
  assert.ok(checkpoints.length > 0 && checkpoints.every((c) => !c.pass && /unknown key/.test(c.detail)));
  assert.equal(result.checks.find((c) => c.name === 'ledger binds the publication').pass, false);
});

test('the CLI detects a bundle, honours --key and exits non-zero on failure', async () => {
  const { execFile } = await import('node:child_process');
  const run = (...args) => new Promise((resolve) => {
    execFile(process.execPath, [fileURLToPath(new URL('./draw-verifier.mjs', import.meta.url)), ...args], (error, stdout) => resolve({ code: error?.code ?? 0, stdout }));
  });
  const good = await run(fileURLToPath(bundleUrl), '--key', bundle.ledgerKey);
  assert.equal(good.code, 0);
  assert.match(good.stdout, /^PASS /);
  assert.match(good.stdout, /trusted key \(--key\)/);
  assert.match(good.stdout, /verified in \d+ ms/);
  const bad = await run(fileURLToPath(bundleUrl), '--key', (await otherKey()).text);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /FAIL commitment signature/);
});

test('a bundle without events or an empty vector file is not run against anything, and does not verify', async () => {
  for (const events of [undefined, []]) {
    const stripped = copy(bundle);
    stripped.events = events;
    const result = await verifyBundle(stripped);
    assert.equal(result.ok, false);
    // The failure after it is named first: a check not run is named only when nothing failed.
    assert.equal(result.firstMismatch, 'ledger binds the pools');
    assert.deepEqual(result.checks.find((c) => c.name === 'ledger events'),
      { name: 'ledger events', pass: false, outcome: 'not-run', detail: 'the bundle lists no ledger events: nothing was checked against the signed log' });
    assert.ok(result.checks.every((c) => !c.name.startsWith('receipt ')));
    assert.equal(result.checks.find((c) => c.name === 'ledger binds the pools').outcome, 'fail');
  }

  const { execFile } = await import('node:child_process');
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const empty = `${await mkdtemp(`${tmpdir()}/draw-verifier-`)}/no-vectors.json`;
  await writeFile(empty, JSON.stringify({ vectors: [] }));
  const run = await new Promise((resolve) => {
    execFile(process.execPath, [fileURLToPath(new URL('./draw-verifier.mjs', import.meta.url)), empty], (error, stdout) => resolve({ code: error?.code ?? 0, stdout }));
  });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^NOT verified: the file holds no vectors/);
});

// ---- Adjustments: the fixture's substitution and next-ticket reassignment, replayed as DrawAdjustments.Replay does ----

/** The draw of a bundle recomputed from its inputs and PRK: the full rank lists and the matcher (inputs may be edited). */
async function drawOf(b, inputs = b.inputs) {
  const ticket = await ticketMaker(Buffer.from(b.randomness.prk, 'hex'));
  const selection = await selectEntities(inputs.rules.strata, (await computePools(inputs)).byStratum, ticket);
  const matcher = inspectorMatcher(inputs, inputs.rules.strata, ticket);
  return { selection, assignments: b.outputs.assignments, infeasible: b.outputs.infeasible, matcher };
}

const substitutionOf = (b) => b.outputs.adjustments.find((a) => a.kind === 'substitution').substitution;
const reassignmentOf = (b) => b.outputs.adjustments.find((a) => a.kind === 'reassignment').reassignment;
const adjustmentCheck = (result, prefix) => result.checks.find((c) => c.name.startsWith(prefix));

test('the fixture holds one substitution and one next-ticket reassignment, and both replay', async () => {
  assert.deepEqual(bundle.outputs.adjustments.map((a) => a.kind), ['substitution', 'reassignment']);
  assert.equal(reassignmentOf(bundle).rule, 'next-ticket');
  const result = await verifyBundle(bundle);
  const replayed = result.checks.filter((c) => c.name.startsWith('adjustment '));
  assert.deepEqual(replayed.map((c) => [c.name, c.pass]), [
    [`adjustment 0: substitution of ${substitutionOf(bundle).replacedId}`, true],
    [`adjustment 1: reassignment on ${reassignmentOf(bundle).entityId}`, true],
  ]);
  assert.ok(result.checks.find((c) => c.name === 'ledger binds the adjustments').pass);
});

const adjustmentTamperings = [
  // Another entity of the stratum named as the replacement, made consistent throughout: its true rank and ticket, and
  // the walk the rules give for it. Only the rule "first unused entity of the rank list" tells it apart.
  ['a substitution naming another replacement (rank, ticket and walk consistent)', async (b) => {
    const s = substitutionOf(b);
    const { selection, matcher } = await drawOf(b);
    const ranked = selection.strata.find((stratum) => stratum.stratum === s.stratum).ranked;
    const used = new Set([...b.outputs.selected.map((e) => e.entityId), s.replacedId, s.replacementId]);
    const rank = ranked.findIndex((e) => !used.has(e.id));
    const other = ranked[rank];
    const held = new Map();
    for (const walk of b.outputs.assignments) {
      for (const c of walk.candidates) {
        if (c.decision === 'assigned' && walk.entityId !== s.replacedId) held.set(c.inspectorId, (held.get(c.inspectorId) ?? 0) + 1);
      }
    }
    const { candidates } = matcher.walk(await matcher.rankFor(other.id), 0, s.stratum, other.id, matcher.need, held, new Set());
    Object.assign(s, { replacementId: other.id, replacementRank: rank, replacementTicket: hex(other.ticket) });
    s.assignment = { ...s.assignment, entityId: other.id, candidates: candidates.map(({ inspectorId, decision }) => ({ inspectorId, decision })) };
  }, (b) => `adjustment 0: substitution of ${substitutionOf(b).replacedId}`, /must be replaced by 91520103000000166C \(stratum D, rank 2/],
  ['a changed decision in the substitution walk', (b) => {
    const candidate = substitutionOf(b).assignment.candidates[0];
    candidate.decision = candidate.decision === 'inactive' ? 'no-expertise' : 'inactive';
  }, (b) => `adjustment 0: substitution of ${substitutionOf(b).replacedId}`, /differs: candidate 0: the rules give GY520100-0008 no-expertise, recorded GY520100-0008 inactive/],
  ['a reassignment to a different replacement inspector', (b) => {
    const r = reassignmentOf(b);
    r.replacementInspectorId = 'GY520100-0008';
    r.candidates = [{ inspectorId: 'GY520100-0008', decision: 'assigned' }];
  }, (b) => `adjustment 1: reassignment on ${reassignmentOf(b).entityId}`, /the rules give GY520100-0004, recorded GY520100-0008/],
  ['a reassignment approved by its own actor', (b) => { reassignmentOf(b).approvedBy = reassignmentOf(b).reassignedBy; },
    (b) => `adjustment 1: reassignment on ${reassignmentOf(b).entityId}`, /the approver food-division is the actor/],
  ['a substitution approved by its own actor', (b) => { substitutionOf(b).approvedBy = substitutionOf(b).substitutedBy; },
    (b) => `adjustment 0: substitution of ${substitutionOf(b).replacedId}`, /the approver food-division is the actor/],
  ['a reassignment without evidence', (b) => { reassignmentOf(b).evidence = '  '; },
    (b) => `adjustment 1: reassignment on ${reassignmentOf(b).entityId}`, /the evidence is empty/],
  // A conflict added to the consulted list: the next-ticket replacement would then have been recused.
  ['a reassignment whose consulted conflicts name its replacement', (b) => {
    const r = reassignmentOf(b);
    r.conflicts = [{ inspectorId: r.replacementInspectorId, entityId: r.entityId }];
  }, (b) => `adjustment 1: reassignment on ${reassignmentOf(b).entityId}`, /recorded GY520100-0004/],
];

for (const [what, tamper, firstMismatch, detail] of adjustmentTamperings) {
  test(`a bundle with ${what} fails at "${firstMismatch(bundle)}"`, async () => {
    const tampered = copy(bundle);
    await tamper(tampered);
    const result = await verifyBundle(tampered);
    assert.equal(result.ok, false);
    assert.equal(result.firstMismatch, firstMismatch(tampered));
    assert.match(adjustmentCheck(result, firstMismatch(tampered)).detail, detail);
    // The signed ledger record still holds the original: the bundle's copy no longer matches it.
    assert.equal(result.checks.find((c) => c.name === 'ledger binds the adjustments').pass, false);
  });
}

/** An adjustment on 91520103000001484G (stratum B), whose walk assigned GY520100-0003 (云岩一队) and GY520100-0004 (云岩二队). */
const manual = (named, removed = 'GY520100-0004', entityId = '91520103000001484G') => ({
  kind: 'reassignment',
  reassignment: {
    taskId: bundle.taskId, round: 1, entityId, removedInspectorId: removed, trigger: 'recused', rule: 'manual',
    replacementInspectorId: named, candidates: [], reason: '申请回避', evidence: '回避申请书', approvedBy: 'division-head',
    reassignedBy: 'food-division', reassignedAt: '2021-04-03T15:00:00Z',
  },
});

test('a manual reassignment must pass every check of the walk against the kept inspectors', async () => {
  const draw = await drawOf(bundle);
  const replay = async (adjustment, d = draw) => (await replayAdjustments([...bundle.outputs.adjustments, adjustment], d)).at(-1);
  assert.ok((await replay(manual('GY520100-0008'))).pass, 'another unit, active, free capacity');
  assert.match((await replay(manual('GY520100-0007'))).detail, /fails the rules: same-unit/);
  assert.match((await replay(manual('GY520100-0012'))).detail, /fails the rules: inactive/);
  assert.match((await replay(manual('GY520100-0004'))).detail, /fails the rules: already-removed-or-assigned/);
  assert.match((await replay(manual('GY520100-0003'))).detail, /fails the rules: already-removed-or-assigned/);
  assert.match((await replay(manual('GY520100-0099'))).detail, /not in the round's frozen pool/);
  assert.match((await replay(manual('GY520100-0002', 'GY520100-0001', '91520103000000721T'))).detail, /fails the rules: no-expertise/);
  assert.match((await replay(manual('GY520100-0008', 'GY520100-0005'))).detail, /GY520100-0005 is not assigned to entity 91520103000001484G/);
  const edited = structuredClone(bundle.inputs);
  edited.conflicts.push({ inspectorId: 'GY520100-0008', entityId: '91520103000001484G' });
  edited.inspectors.find((i) => i.id === 'GY520100-0002').capacity = 1;
  const other = await drawOf(bundle, edited);
  assert.match((await replay(manual('GY520100-0008'), other)).detail, /fails the rules: recused/);
  assert.match((await replay(manual('GY520100-0002'), other)).detail, /fails the rules: capacity/);
  const removedEarlier = await replayAdjustments([...bundle.outputs.adjustments, manual('GY520100-0008'), manual('GY520100-0004', 'GY520100-0008')], draw);
  assert.match(removedEarlier.at(-1).detail, /already-removed-or-assigned/);
});

test('an adjustment replays against the conflicts it recorded as declared at the act, and nothing else', async () => {
  const draw = await drawOf(bundle);
  const replay = async (adjustment) => (await replayAdjustments([...bundle.outputs.adjustments, adjustment], draw)).at(-1);
  const entityId = '91520103000001484G';
  const declaring = (named, ...inspectorIds) => {
    const adjustment = manual(named);
    adjustment.reassignment.conflicts = inspectorIds.map((inspectorId) => ({ inspectorId, entityId }));
    return adjustment;
  };
  // GY520100-0008 passes every check against the frozen pool; declared after the freeze, the event's list refuses it.
  assert.ok((await replay(manual('GY520100-0008'))).pass, 'an event without the list replays as before');
  assert.match((await replay(declaring('GY520100-0008', 'GY520100-0008'))).detail, /fails the rules: recused/);
  const others = await replay(declaring('GY520100-0008', 'GY520100-0001', 'GY520100-0009'));
  assert.ok(others.pass, others.detail);
  const malformed = /the conflicts recorded for 91520103000001484G are not declarations naming it/;
  assert.match((await replay(declaring('GY520100-0008', 'GY520100-0009', 'GY520100-0001'))).detail, malformed);
  assert.match((await replay(declaring('GY520100-0008', 'GY520100-0001', 'GY520100-0001'))).detail, malformed);
  assert.match((await replay(declaring('GY520100-0008', 'GY520100-0099'))).detail, malformed);
  const elsewhere = declaring('GY520100-0008');
  elsewhere.reassignment.conflicts = [{ inspectorId: 'GY520100-0001', entityId: '91520102000001070X' }];
  assert.match((await replay(elsewhere)).detail, malformed);
});

test('a next-ticket reassignment whose ranking is used up records no replacement', async () => {
  const draw = await drawOf(bundle);
  // The substitution's walk consulted all twelve inspectors of its replacement: nothing is left to continue with.
  const s = substitutionOf(bundle);
  assert.equal(s.assignment.candidates.length, bundle.inputs.inspectors.length);
  const exhausted = (replacement, candidates) => ({
    kind: 'reassignment',
    reassignment: { ...manual(null, 'GY520100-0005', s.replacementId).reassignment, rule: 'next-ticket', replacementInspectorId: replacement, candidates },
  });
  const [none] = (await replayAdjustments([...bundle.outputs.adjustments, exhausted(null, [])], draw)).slice(-1);
  assert.ok(none.pass, none.detail);
  const [claimed] = (await replayAdjustments([...bundle.outputs.adjustments, exhausted('GY520100-0001', [{ inspectorId: 'GY520100-0001', decision: 'assigned' }])], draw)).slice(-1);
  assert.match(claimed.detail, /the rules give no inspector, recorded GY520100-0001/);
});

test('a replaced entity cannot be replaced again, nor reassigned', async () => {
  const draw = await drawOf(bundle);
  const again = structuredClone(bundle.outputs.adjustments[0]);
  const replayed = await replayAdjustments([...bundle.outputs.adjustments, again, manual('GY520100-0008', 'GY520100-0001', substitutionOf(bundle).replacedId)], draw);
  assert.match(replayed[2].detail, /is not in the current sample/);
  assert.match(replayed[3].detail, /is not assigned to entity/);
});

// ---- Rounds that did not run to their end (docs/draw-protocol.md §13, "Round states"): fixtures exported by the
// server's VerifyingEveryRound test, an executed round set aside (followed by round 2) and round 2, committed only ----

const fixture = async (name) => JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

test('an intact complete round is assigned and passes', async () => {
  const result = await verifyBundle(bundle);
  assert.deepEqual([result.state, result.outcome], ['assigned', 'pass']);
});

test('a set-aside executed round still verifies on its own and needs attention, naming the signed set-aside', async () => {
  const setAside = await fixture('evidence-bundle-set-aside.json');
  const result = await verifyBundle(setAside);
  assert.deepEqual(failed(result), []);
  assert.ok(result.ok);
  assert.deepEqual([result.state, result.outcome], ['set-aside', 'attention']);
  assert.equal(result.setAside.approvedBy, 'credit-office');
  assert.match(result.setAside.reason, /the drawn park was closed/);
  assert.equal(result.checks.find((c) => c.name === 'successor').outcome, 'pass');
  // The server's report, which the verifier does not read, says the same.
  assert.deepEqual([setAside.verification.state, setAside.verification.outcome], ['set-aside', 'attention']);
});

test('leaving the set-aside out of the bundle does not make the round pass: the next round no longer follows it', async () => {
  const hidden = copy(await fixture('evidence-bundle-set-aside.json'));
  hidden.events = hidden.events.filter((e) => e.type !== 'round_set_aside');
  const result = await verifyBundle(hidden);
  assert.equal(result.outcome, 'fail');
  assert.equal(result.firstMismatch, 'successor');
});

test('a committed round is pending before its sources resolve and lapsed (attention) once it can no longer be published', async () => {
  const committed = await fixture('evidence-bundle-in-progress.json');
  const early = await verifyBundle(committed, { now: committed.events.find((e) => e.type === 'draw_committed').at });
  assert.deepEqual([early.state, early.outcome, early.ok], ['committed', 'pending', false]);
  assert.equal(early.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'not-run').length, 0);
  assert.equal(early.checks.find((c) => c.name === 'selection').detail, 'the round (committed) was never given its randomness');
  assert.deepEqual([committed.verification.state, committed.verification.outcome], ['committed', 'pending']);

  const late = await verifyBundle(committed, { now: committed.commitment.publishBy });
  assert.deepEqual([late.state, late.outcome], ['lapsed', 'attention']);
  assert.match(late.note, /not recorded/);
});

test('a lapsed round shows the sample its values, recorded after the lapse, would have drawn: the same as the server', async () => {
  const lapsed = await fixture('evidence-bundle-lapsed.json');
  const result = await verifyBundle(lapsed);
  assert.deepEqual(result.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'not-run').map((c) => c.name), []);
  assert.deepEqual([result.state, result.outcome], ['lapsed', 'attention']);
  assert.equal(result.wouldBe.length, 16);
  assert.deepEqual(result.wouldBe, lapsed.verification.wouldBe);
  assert.match(result.note, /would have drawn the 16 entities/);
});

/** A relaxation (§9 step 5): trigger 'infeasible', no inspector taken off, the named one added. */
const relaxation = (named, entityId = '91520103000000721T') => {
  const adjustment = manual(named, null, entityId);
  delete adjustment.reassignment.removedInspectorId;
  adjustment.reassignment.trigger = 'infeasible';
  return adjustment;
};

test('a relaxation adds a qualified inspector to an entity recorded infeasible and still short, and nowhere else', async () => {
  const draw = await drawOf(bundle);
  const replay = async (...added) => (await replayAdjustments([...bundle.outputs.adjustments, ...added], draw)).at(-1);
  // 91520103000000721T (stratum D, 食品) was recorded infeasible holding GY520100-0001; every other food inspector
  // (0005, 0009) is of its unit, and its ranking was used up, so a take-off leaves it with none.
  assert.ok(bundle.outputs.infeasible.some((e) => e.entityId === '91520103000000721T'));
  const takenOff = manual(null, 'GY520100-0001', '91520103000000721T');
  takenOff.reassignment.rule = 'next-ticket';
  const relaxed = await replayAdjustments([...bundle.outputs.adjustments, takenOff, relaxation('GY520100-0009')], draw);
  assert.deepEqual(relaxed.slice(-2).map((r) => [r.pass, r.detail]), [
    [true, 'next-ticket: GY520100-0001 → no inspector'], [true, 'manual: none taken off → GY520100-0009']]);
  assert.match((await replay(relaxation('GY520100-0009'))).detail, /fails the rules: same-unit/);
  assert.match((await replay(relaxation('GY520100-0002'))).detail, /fails the rules: no-expertise/);
  assert.match((await replay(takenOff, relaxation('GY520100-0001'))).detail, /fails the rules: already-removed-or-assigned/);
  assert.match((await replay(takenOff, relaxation('GY520100-0009'), relaxation('GY520100-0005'))).detail, /fails the rules: same-unit/);
  // With two more food inspectors of other units (inputs edited; the recorded transcript stays), one relaxation fills it.
  const edited = structuredClone(bundle.inputs);
  for (const id of ['GY520100-0002', 'GY520100-0006']) edited.inspectors.find((i) => i.id === id).expertise.push('食品');
  const filled = await replayAdjustments(
    [...bundle.outputs.adjustments, relaxation('GY520100-0002'), relaxation('GY520100-0006')], await drawOf(bundle, edited));
  assert.ok(filled.at(-2).pass, filled.at(-2).detail);
  assert.match(filled.at(-1).detail, /91520103000000721T was not recorded infeasible or is no longer short/);
  assert.match((await replay(relaxation('GY520100-0008', '91520103000001484G'))).detail,
    /91520103000001484G was not recorded infeasible or is no longer short/);
  // Recorded infeasible, but replaced by the fixture's substitution.
  assert.match((await replay(relaxation('GY520100-0009', '91520103000000801E'))).detail, /is not in the current sample/);
  const takingOne = relaxation('GY520100-0009');
  takingOne.reassignment.removedInspectorId = 'GY520100-0001';
  assert.match((await replay(takingOne)).detail, /takes no inspector off/);
  const nextTicket = relaxation('GY520100-0009');
  nextTicket.reassignment.rule = 'next-ticket';
  assert.match((await replay(takenOff, nextTicket)).detail, /takes no inspector off and names one/);
});

test('a next-ticket walk skips an inspector taken off the entity before as removed', async () => {
  const draw = await drawOf(bundle);
  // 91520103000001484G's ranking begins GY520100-0003, 0004 (both assigned), 0001, 0005: 0001 named by hand for 0004
  // lies beyond the consulted position; taken off again, it never returns, and the walk goes on to 0005.
  const nextTicket = (replacement, candidates) => ({
    kind: 'reassignment',
    reassignment: { ...manual(null, 'GY520100-0001').reassignment, rule: 'next-ticket', replacementInspectorId: replacement, candidates },
  });
  const honest = nextTicket('GY520100-0005', [
    { inspectorId: 'GY520100-0001', decision: 'removed' }, { inspectorId: 'GY520100-0005', decision: 'assigned' }]);
  const again = nextTicket('GY520100-0001', [{ inspectorId: 'GY520100-0001', decision: 'assigned' }]);
  const replay = async (adjustment) => (await replayAdjustments([...bundle.outputs.adjustments, manual('GY520100-0001'), adjustment], draw)).at(-1);
  const passed = await replay(honest);
  assert.ok(passed.pass, passed.detail);
  assert.match((await replay(again)).detail, /the rules give GY520100-0005, recorded GY520100-0001/);
});
