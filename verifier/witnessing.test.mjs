// node --test verifier/  — cosignature/v1 (c2sp.org/tlog-cosignature) with WebCrypto's Ed25519, against the independent
// vector of tests/Ledger.Tests/Integrity/CosignatureTests.cs, and the witnessing check of an evidence bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { checkCosignatures, parseWitnessKey, verifyBundle } from './draw-verifier.mjs';

// The vector: seed = SHA-256("fair-draw witness test key"), computed with Python's `cryptography` (CosignatureTests).
const SEED = '026f142cbb5d552772b446e6fc6db920f3ce1299e9957f328a2cc46e159b93b8';
const NAME = 'witness.example/discipline-office';
const WITNESS_KEY = 'witness.example/discipline-office+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9';
const TIME = 1796428800;
const LINE = '\u2014 witness.example/discipline-office YNe79gAAAABrE1QAlReJypq8I7PsPImt/ltb3+ccFChqZIV184uM9bLHSBK1xG40dEpZXwPdwddvcY3izQ00Ak3xbA/TJWjdtMpCAw==\n';
// The three-leaf checkpoint signed with OpenSSL (docs/ledger-integrity.md, "Checkpoints"; CheckpointTestKey).
const NOTE = 'fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n\n'
  + '\u2014 fairdraw.example/ledger 7eEXMDBFAiAf2Qzvk3Cvmsqw1zeOMvD7DGYP7E3IWW+sTl91OCQ5YAIhAL222Hl4pAfbdJVBO/wmreEhSkoKZICsLFZ0m+qLlCTw\n';

/** A witness signing with WebCrypto's Ed25519: the vector's seed, or a fresh key. */
async function witness(name = NAME, seed = SEED) {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed, 'hex')]);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const publicKey = Buffer.from((await crypto.subtle.exportKey('jwk', key)).x, 'base64url');
  const keyId = Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x04]), publicKey]))).subarray(0, 4);
  return {
    text: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([4]), publicKey]).toString('base64')}`,
    cosign: async (note, time = TIME) => {
      const body = note.slice(0, note.lastIndexOf('\n\n') + 1);
      const signed = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);
      const stamp = Buffer.alloc(8);
      stamp.writeBigUInt64BE(BigInt(time));
      const signature = Buffer.from(await crypto.subtle.sign('Ed25519', key, signed));
      return `\u2014 ${name} ${Buffer.concat([keyId, stamp, signature]).toString('base64')}\n`;
    },
  };
}

const fresh = () => witness('witness.example/credit-office', Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex'));

test('the vector: the key and the line equal the independent computation, and the line verifies', async () => {
  const signer = await witness();
  assert.equal(signer.text, WITNESS_KEY);
  assert.equal(await signer.cosign(NOTE), LINE);
  const found = await checkCosignatures(NOTE + LINE, [await parseWitnessKey(WITNESS_KEY)], 1);
  assert.deepEqual(found, { met: true, cosigned: [{ name: NAME, time: TIME }], problems: [] });
});

test('a tampered line does not count and is named; lines of other keys are ignored; a witness counts once', async () => {
  const key = await parseWitnessKey(WITNESS_KEY);
  const tampered = LINE.replace('YNe79gAAAABrE1QA', 'YNe79gAAAABrE1QB');
  const found = await checkCosignatures(NOTE + tampered, [key], 1);
  assert.equal(found.met, false);
  assert.deepEqual(found.problems, [`the cosignature of ${NAME} does not verify over the checkpoint`]);

  const other = await fresh();
  const both = [key, await parseWitnessKey(other.text)];
  assert.equal((await checkCosignatures(NOTE + LINE + LINE, both, 2)).met, false);
  assert.equal((await checkCosignatures(NOTE + LINE + (await other.cosign(NOTE)), both, 2)).met, true);
});

test('a malformed witness key is refused with its reason', async () => {
  await assert.rejects(parseWitnessKey(WITNESS_KEY.replace('+60d7bbf6+', '+60d7bbf7+')), /does not match/);
  await assert.rejects(parseWitnessKey(WITNESS_KEY.replace('+BAyF', '+AgyF')), /0x04/);
  await assert.rejects(parseWitnessKey('witness.example/discipline-office+60d7bbf6'), /name\+keyid\+key/);
});

// ---- A bundle whose receipts carry cosignatures: the server's fixture, each receipt's checkpoint cosigned here ----

const bundle = JSON.parse(await readFile(new URL('./fixtures/evidence-bundle.json', import.meta.url), 'utf8'));

async function cosigned(...witnesses) {
  const copy = structuredClone(bundle);
  for (const event of copy.events) {
    const note = event.receipt.signedCheckpoint;
    for (const w of witnesses) event.receipt.signedCheckpoint += await w.cosign(note);
  }
  return copy;
}

test('without a policy witnessing is not run and the bundle still verifies on its checks', async () => {
  const result = await verifyBundle(await cosigned(await witness()));
  assert.ok(result.ok);
  assert.equal(result.witnessing.outcome, 'not-run');
});

test('receipts cosigned by the quorum meet the policy and name the witnesses', async () => {
  const other = await fresh();
  const result = await verifyBundle(await cosigned(await witness()), { witnesses: [WITNESS_KEY, other.text], quorum: 1 });
  assert.ok(result.ok);
  assert.deepEqual(
    { outcome: result.witnessing.outcome, detail: result.witnessing.detail },
    { outcome: 'pass', detail: `1 of 2 witnesses cosigned (quorum 1): ${NAME}` },
  );
});

test('receipts short of the quorum, or cosigned by other keys, fail the bundle', async () => {
  const other = await fresh();
  const short = await verifyBundle(await cosigned(await witness()), { witnesses: [WITNESS_KEY, other.text] });
  assert.equal(short.ok, false);
  assert.equal(short.firstMismatch, 'witnessing');
  assert.match(short.witnessing.detail, /: 1 of 2 witnesses cosigned \(quorum 2\): witness\.example\/discipline-office$/);

  const strangers = await verifyBundle(await cosigned(await witness()), { witnesses: [other.text] });
  assert.equal(strangers.ok, false);
  assert.match(strangers.witnessing.detail, /0 of 1 witnesses cosigned \(quorum 1\)$/);
});
