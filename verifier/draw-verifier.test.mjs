// node --test verifier/  — checks the WebCrypto verifier against docs/draw-vectors.json and against tampered copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { enc, lotteryValue, verifyVector } from './draw-verifier.mjs';

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
