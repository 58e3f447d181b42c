// node --test verifier/  — the per-entity check (docs/draw-protocol.md §8.1, §12.5) on entries the .NET server exported
// (verifier/fixtures/entity-draws.json: a selected and an unselected entity of one executed round), on forged copies
// that must fail at a named check, and the rank roots of the vectors and of evidence bundles (the full check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { verifyEntityDraw } from './entity-proof.mjs';
import { verifyBundle, verifyVector } from './draw-verifier.mjs';

const fixture = async (name) => JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const [chosen, passedOver] = (await fixture('entity-draws.json')).map((answer) => answer.draws[0]);
const key = chosen.receipts.poolFrozen.verifierKey;
const copy = (value) => structuredClone(value);
const failed = (result) => result.checks.filter((c) => c.outcome === 'fail').map((c) => c.name);
const flipHex = (text, at = text.length - 1) => text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);

test('a selected entity is proved selected at its rank, without the pool', async () => {
  const result = await verifyEntityDraw(chosen, { trustedKey: key });
  assert.deepEqual(failed(result), []);
  assert.deepEqual([result.outcome, result.selected, result.rank, result.stratum], ['pass', true, chosen.rank, chosen.stratum]);
  assert.ok(result.rank < result.sampleSize);
  assert.match(result.checks.find((c) => c.name === 'trusted key').detail, /\(given\)/);
});

test('an unselected entity is proved not selected: its rank is at or past n_h and it is not listed', async () => {
  const result = await verifyEntityDraw(passedOver, { trustedKey: key });
  assert.deepEqual(failed(result), []);
  assert.deepEqual([result.outcome, result.selected], ['pass', false]);
  assert.ok(result.rank >= result.sampleSize && result.poolSize > result.sampleSize);
});

test('without a trusted key the entry is checked under its own and says so', async () => {
  const result = await verifyEntityDraw(chosen);
  assert.equal(result.outcome, 'pass');
  assert.match(result.checks.find((c) => c.name === 'trusted key').detail, /consistent with itself/);
});

const forgeries = [
  ['the unselected entity claims rank 0', passedOver, 'rank', (e) => { e.rank = 0; }],
  ['the selected entity claims a rank past the cut, with its own proof', chosen, 'rank', (e) => { e.rank = 39; }],
  ['another ticket', chosen, 'ticket', (e) => { e.ticket = flipHex(e.ticket); }],
  ['a flipped hash of the rank proof', passedOver, 'rank', (e) => { e.rankProof[0] = flipHex(e.rankProof[0]); }],
  ['a flipped hash of the pool proof', chosen, 'pool membership', (e) => { e.entityProof[1] = flipHex(e.entityProof[1]); }],
  ['another leaf index', chosen, 'pool membership', (e) => { e.leafIndex += 1; }],
  ['another stratum', chosen, 'pool membership', (e) => { e.stratum = 'B'; }],
  ['an execution record with another PRK', chosen, 'receipt draw_executed',
    (e) => { e.receipts.drawExecuted.canonical = e.receipts.drawExecuted.canonical.replace(/"Prk":"(.)/, (m, c) => `"Prk":"${c === '0' ? '1' : '0'}`); }],
  ['an execution record whose rank roots were swapped for the next stratum\'s', passedOver, 'receipt draw_executed', (e) => {
    const record = JSON.parse(e.receipts.drawExecuted.canonical);
    record.data.RankRoots = [record.data.RankRoots[1], record.data.RankRoots[1], ...record.data.RankRoots.slice(2)];
    e.receipts.drawExecuted.canonical = JSON.stringify(record);
  }],
  ['a record of another type in the randomness slot', chosen, 'receipt randomness_recorded',
    (e) => { e.receipts.randomnessRecorded = copy(e.receipts.drawCommitted); }],
];
for (const [name, entry, check, forge] of forgeries) {
  test(`a forged entry fails at its check: ${name}`, async () => {
    const forged = copy(entry);
    forge(forged);
    const result = await verifyEntityDraw(forged, { trustedKey: key });
    assert.equal(result.outcome, 'fail');
    assert.ok(failed(result).includes(check), `${check} not among ${failed(result)}`);
  });
}

test('an entry under another ledger key fails every receipt', async () => {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const keyId = Buffer.from(new Uint8Array(await crypto.subtle.digest('SHA-256', spki)).slice(0, 4)).toString('hex');
  const other = `${key.slice(0, key.indexOf('+'))}+${keyId}+${Buffer.from([2, ...spki]).toString('base64')}`;
  const result = await verifyEntityDraw(chosen, { trustedKey: other });
  assert.equal(result.outcome, 'fail');
  assert.ok(failed(result).includes('receipt pool_frozen'));
});

test('a round frozen but not executed proves the pool membership alone and is pending', async () => {
  const frozen = { ...copy(passedOver), ticket: null, rank: null, rankProof: null };
  frozen.receipts = { ...frozen.receipts, drawExecuted: null, randomnessRecorded: null };
  const result = await verifyEntityDraw(frozen, { trustedKey: key });
  assert.deepEqual(failed(result), []);
  assert.deepEqual([result.outcome, result.selected, result.rank], ['pending', null, null]);
  assert.equal(result.checks.find((c) => c.name === 'pool membership').outcome, 'pass');
});

// ---- The full check: rank roots recomputed from every ticket (vectors and bundles) ----

const vectors = JSON.parse(await readFile(new URL('../docs/draw-vectors.json', import.meta.url), 'utf8')).vectors;

test("a vector with another rank root, or a per-entity proof moved to another rank, fails", async () => {
  const rooted = copy(vectors[0]);
  rooted.selection.strata[0].rankRoot = '00'.repeat(32);
  assert.equal((await verifyVector(rooted)).firstMismatch, 'rank roots');
  const moved = copy(vectors[0]);
  moved.entityProofs[1].rank = moved.entityProofs[0].rank;
  assert.equal((await verifyVector(moved)).firstMismatch, `entity proof ${moved.entityProofs[1].entityId}`);
});

test('a bundle exported with rank roots verifies them; another root, or roots left out of the bundle, fail', async () => {
  const bundle = await fixture('evidence-bundle-ranked.json');
  const checked = await verifyBundle(bundle);
  assert.deepEqual(checked.checks.filter((c) => c.outcome === 'fail').map((c) => c.name), []);
  assert.equal(checked.checks.find((c) => c.name === 'rank roots').detail, `${bundle.outputs.rankRoots.length} strata`);

  const forged = copy(bundle);
  forged.outputs.rankRoots[0].root = '00'.repeat(32);
  assert.ok((await verifyBundle(forged)).checks.some((c) => c.name === 'rank roots' && c.outcome === 'fail'));
  const stripped = copy(bundle);
  delete stripped.outputs.rankRoots;
  assert.ok((await verifyBundle(stripped)).checks.some((c) => c.name === 'ledger binds the execution' && c.outcome === 'fail'));
});

test('a bundle of a round executed before rank roots verifies as before and says the per-entity proof is not available', async () => {
  const result = await verifyBundle(await fixture('evidence-bundle.json'));
  assert.ok(result.ok);
  assert.match(result.checks.find((c) => c.name === 'rank roots').detail, /per-entity proof is not available/);
});
