// node --test verifier/  — the drand check (drand.mjs) against real beacons (fixtures/drand-beacons.json names where
// each was copied from) and altered copies, and the bundle verifier's drand check against an altered bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { checkDrandValue, drandChain, drandMessage, parseDrandReference } from './drand.mjs';
import { verifyBundle } from './draw-verifier.mjs';

const { beacons } = JSON.parse(await readFile(new URL('./fixtures/drand-beacons.json', import.meta.url), 'utf8'));
const check = (beacon, changes = {}) => checkDrandValue({
  chain: drandChain(beacon.chain), round: beacon.round, signature: beacon.signature, previousSignature: beacon.previousSignature ?? undefined, ...changes,
});
const flipHex = (text, at) => text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);
const fieldOf = (refusal) => refusal?.field ?? null;

test('the message is SHA-256(previous signature || u64be(round)), or SHA-256(u64be(round)) unchained', () => {
  const sha256 = (bytes) => createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
  assert.equal(Buffer.from(drandMessage(1)).toString('hex'), sha256([0, 0, 0, 0, 0, 0, 0, 1]));
  assert.equal(Buffer.from(drandMessage(258n, '0102')).toString('hex'), sha256([1, 2, 0, 0, 0, 0, 0, 0, 1, 2]));
});

for (const beacon of beacons) {
  test(`real beacon ${beacon.name} (${beacon.chain} round ${beacon.round}) verifies`, () => {
    assert.equal(check(beacon), null);
  });

  test(`beacon ${beacon.name} altered is refused, naming the member`, () => {
    assert.equal(fieldOf(check(beacon, { round: beacon.round + 1 })), 'signature');
    assert.equal(fieldOf(check(beacon, { signature: flipHex(beacon.signature, 40) })), 'signature');
    assert.equal(fieldOf(check(beacon, { signature: beacon.signature.slice(0, 96 - 2) })), 'signature');
    if (beacon.previousSignature) {
      assert.equal(fieldOf(check(beacon, { previousSignature: undefined })), 'previousSignature');
      assert.equal(fieldOf(check(beacon, { previousSignature: flipHex(beacon.previousSignature, 7) })), 'signature');
    } else {
      assert.equal(fieldOf(check(beacon, { previousSignature: beacons[0].previousSignature })), 'previousSignature');
    }
  });
}

test('a reference names a registered chain by name and hash, or nothing', () => {
  const chain = drandChain('default');
  assert.deepEqual(parseDrandReference(`drand default ${chain.hash} round 2023932`), { chain, round: 2023932n });
  assert.equal(parseDrandReference(`drand quicknet ${chain.hash} round 2023932`), null);
  assert.equal(parseDrandReference('drand default 00 round 1'), null);
});

// ---- The bundle verifier: the server's real bundle (its drand value is a real beacon) and altered copies ----

const bundle = JSON.parse(await readFile(new URL('./fixtures/evidence-bundle.json', import.meta.url), 'utf8'));
const drandCheck = (result) => result.checks.find((c) => c.name === 'drand signature drand');

test('the bundle verifier checks the drand value of the real bundle against its chain', async () => {
  const result = await verifyBundle(bundle);
  assert.equal(drandCheck(result).outcome, 'pass');
  assert.ok(result.ok);
});

test('a bundle whose drand value was altered fails the drand check', async () => {
  const altered = structuredClone(bundle);
  const value = altered.randomness.values.find((v) => v.label === 'drand');
  value.value = flipHex(value.value, 10);
  const result = await verifyBundle(altered);
  assert.equal(drandCheck(result).outcome, 'fail');
  assert.ok(!result.ok);
});

test('a bundle whose recorded previous signature was altered fails the drand check', async () => {
  const altered = structuredClone(bundle);
  const event = altered.events.find((e) => e.type === 'randomness_recorded');
  const record = JSON.parse(event.receipt.canonical);
  record.data.Evidence[0].PreviousSignature = flipHex(record.data.Evidence[0].PreviousSignature, 3);
  event.receipt.canonical = JSON.stringify(record);
  const result = await verifyBundle(altered);
  assert.equal(drandCheck(result).outcome, 'fail');
  assert.match(drandCheck(result).detail, /previous signature/);
});
