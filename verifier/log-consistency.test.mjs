// The consistency check against the worked example of docs/ledger-integrity.md and, for every pair of sizes up to 17,
// against proofs built by RFC 6962 §2.1.2's PROOF(m, D[n]) itself (fixture-log.mjs); tampered proofs and roots never verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { verifyConsistency, hashFromHex } from './log-consistency.mjs';
import { root, subproof } from './fixture-log.mjs';

const sha = (...parts) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest());
const leaf = (data) => sha([0], data);

const LEAVES = Array.from({ length: 17 }, (_, i) => leaf([i, i * 7 % 256]));

test('the worked example of docs/ledger-integrity.md: from size 2 to size 3', async () => {
  const root2 = hashFromHex('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125');
  const root3 = hashFromHex('aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77');
  const proof = [hashFromHex('0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7')];
  assert.equal(await verifyConsistency(2, 3, root2, root3, proof), true);
  assert.equal(await verifyConsistency(2, 3, root3, root2, proof), false, 'swapped roots');
  assert.equal(await verifyConsistency(1, 3, root2, root3, proof), false, 'wrong size');
  assert.equal(await verifyConsistency(2, 3, root2, root3, []), false, 'truncated proof');
  assert.equal(await verifyConsistency(2, 3, root2, root3, [...proof, root2]), false, 'extended proof');
});

test('every proof PROOF(m, D[n]) verifies, and none with a flipped bit or a rewritten tree', async () => {
  for (let n = 1; n <= LEAVES.length; n++) {
    for (let m = 1; m <= n; m++) {
      const [first, second] = [root(LEAVES.slice(0, m)), root(LEAVES.slice(0, n))];
      const proof = subproof(m, LEAVES.slice(0, n), true);
      assert.equal(await verifyConsistency(m, n, first, second, proof), true, `${m} → ${n}`);
      if (m === n) continue;
      for (let i = 0; i < proof.length; i++) {
        const flipped = proof.map((p, j) => (j === i ? Uint8Array.from(p, (b, k) => (k === 0 ? b ^ 1 : b)) : p));
        assert.equal(await verifyConsistency(m, n, first, second, flipped), false, `${m} → ${n}, bit flipped in ${i}`);
      }
      const other = root(LEAVES.slice(1, n + 1));
      assert.equal(await verifyConsistency(m, n, first, other, proof), false, `${m} → ${n}, rewritten tree`);
    }
  }
});

test('what is not a proof is false, not an exception', async () => {
  const four = root(LEAVES.slice(0, 4));
  assert.equal(await verifyConsistency(0, 4, four, four, []), false, 'from size 0');
  assert.equal(await verifyConsistency(5, 4, four, four, []), false, 'shrinking');
  assert.equal(await verifyConsistency(4, 4, four, four, [four]), false, 'equal sizes with a proof');
  assert.equal(await verifyConsistency(2, 4, four, four, ['x']), false, 'not a hash');
  assert.equal(await verifyConsistency(2, 4, new Uint8Array(3), four, []), false, 'short root');
  assert.equal(hashFromHex('zz'), null);
});
