// node --test verifier/  — the multi-leaf inclusion proof of a duty bundle (docs/duty-report.md §7): built by the
// fixture log from the split's subtrees, it verifies for random sets of leaves and fails once anything in it changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, merkleLeafHash, verifyMultiInclusion } from './draw-verifier.mjs';
import { log } from './fixture-log.mjs';

const leaves = Array.from({ length: 300 }, (_, i) => `leaf ${i}`);
const ledger = log(leaves, null);
const hashes = leaves.map((leaf) => merkleLeafHash(new TextEncoder().encode(leaf)));
let seed = 7;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
const sample = (size) => [...new Set(Array.from({ length: 1 + random(Math.min(size, 40)) }, () => random(size)))].sort((a, b) => a - b);

test('a proof of any set of leaves verifies, and a changed leaf, moved index or altered proof fails', () => {
  for (let round = 0; round < 400; round += 1) {
    const size = 1 + random(leaves.length);
    const indexes = sample(size);
    const proof = ledger.multiInclusion(indexes, size).map(fromHex);
    const root = ledger.root(size);
    const mine = indexes.map((i) => hashes[i]);
    assert.ok(verifyMultiInclusion(indexes, mine, size, proof, root), `size ${size}, leaves ${indexes}`);
    assert.ok(!verifyMultiInclusion(indexes, [hashes[(indexes[0] + 1) % size], ...mine.slice(1)], size, proof, root) || size === 1);
    assert.ok(!verifyMultiInclusion(indexes, mine, size, [...proof, hashes[0]], root));
    if (proof.length > 0) {
      assert.ok(!verifyMultiInclusion(indexes, mine, size, proof.slice(1), root));
      assert.ok(!verifyMultiInclusion(indexes, mine, size, [new Uint8Array(32), ...proof.slice(1)], root));
    }
    const free = [...Array(size).keys()].find((i) => !indexes.includes(i));
    if (free !== undefined) {
      const moved = [...indexes.slice(1), free].sort((a, b) => a - b);
      assert.ok(!verifyMultiInclusion(moved, moved.map((i) => (i === free ? hashes[indexes[0]] : hashes[i])), size, proof, root));
    }
  }
});

test('indexes out of order or beyond the tree fail; no leaves are proved by an empty proof only', () => {
  const root = ledger.root(10);
  const proof = ledger.multiInclusion([2, 5], 10).map(fromHex);
  assert.ok(verifyMultiInclusion([2, 5], [hashes[2], hashes[5]], 10, proof, root));
  assert.ok(!verifyMultiInclusion([5, 2], [hashes[5], hashes[2]], 10, proof, root));
  assert.ok(!verifyMultiInclusion([2, 2], [hashes[2], hashes[2]], 10, proof, root));
  assert.ok(!verifyMultiInclusion([2, 10], [hashes[2], hashes[9]], 10, proof, root));
  assert.ok(verifyMultiInclusion([], [], 10, [], root));
  assert.ok(!verifyMultiInclusion([], [], 10, [root], root));
});

test('a run of neighbouring leaves costs about log n hashes', () => {
  const run = Array.from({ length: 64 }, (_, i) => 128 + i);
  assert.equal(ledger.multiInclusion(run, 256).length, 2); // [0, 128) and [192, 256)
});
