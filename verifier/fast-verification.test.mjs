// node --test verifier/  — the verifier's hashing is synchronous (@noble/hashes, no WebCrypto promise per hash) and
// verifyBundle's onProgress reports each step as the header of draw-verifier.mjs promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ticketMaker, verifyBundle } from './draw-verifier.mjs';

const bundle = JSON.parse(await readFile(new URL('./fixtures/evidence-bundle.json', import.meta.url), 'utf8'));
const subtle = globalThis.crypto.subtle;

test('a bundle is verified without a WebCrypto digest or HMAC: only its signatures use WebCrypto', async () => {
  const calls = { digest: 0, sign: 0, verify: 0 };
  const originals = Object.fromEntries(Object.keys(calls).map((name) => [name, subtle[name]]));
  for (const name of Object.keys(calls)) {
    subtle[name] = function counted(...args) {
      calls[name]++;
      return originals[name].apply(subtle, args);
    };
  }
  let result;
  try {
    result = await verifyBundle(bundle, { trustedKey: bundle.ledgerKey });
  } finally {
    for (const name of Object.keys(calls)) delete subtle[name];
  }
  assert.equal(result.outcome, 'pass');
  assert.equal(calls.digest, 0);
  assert.equal(calls.sign, 0);
  // The commitment's signature and each receipt's checkpoint signature (ECDSA P-256).
  assert.ok(calls.verify >= 1 + bundle.events.length, `${calls.verify} signature checks`);
});

test("a ticket is synchronous and is HKDF-Expand's first block, WebCrypto's HMAC-SHA256(PRK, info || 0x01)", async () => {
  const prk = Uint8Array.from(Buffer.from(bundle.randomness.prk, 'hex'));
  const ticket = ticketMaker(prk);
  const enc = (...labels) => Buffer.concat(labels.map((label) => {
    const bytes = Buffer.from(label.normalize('NFC'), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  }));
  // HKDF-Expand alone (WebCrypto's HKDF would extract first): RFC 5869's T(1) = HMAC-SHA256(PRK, info || 0x01).
  const hmacKey = await subtle.importKey('raw', prk, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const labelled = [
    ['entity', 'A', bundle.inputs.entities[0].id], ['inspector', bundle.inputs.entities[1].id, 'GY520100-0001'],
    ['entity', '食品', '91520102000000019C'],
  ];
  for (const labels of labelled) {
    const made = ticket(...labels);
    assert.ok(made instanceof Uint8Array, 'a ticket, not a promise of one');
    const info = Buffer.concat([enc('DRAW-v1', ...labels), Buffer.of(1)]);
    const expected = new Uint8Array(await subtle.sign('HMAC', hmacKey, info));
    assert.deepEqual(made, expected, labels.join(' '));
  }
});

test('onProgress reports pools, selection, matching, adjustments, ledger in order, each to its total, ≤ ~50 times', async () => {
  const reports = [];
  const result = await verifyBundle(bundle, { trustedKey: bundle.ledgerKey, onProgress: (report) => reports.push(report) });
  assert.equal(result.outcome, 'pass');
  const steps = [...new Set(reports.map((r) => r.step))];
  assert.deepEqual(steps, ['pools', 'selection', 'matching', 'adjustments', 'ledger']);
  const order = (report) => steps.indexOf(report.step);
  assert.ok(reports.every((r, i) => i === 0 || order(r) >= order(reports[i - 1])), 'steps do not interleave');
  const totals = {
    pools: bundle.inputs.entities.length + bundle.inputs.inspectors.length + bundle.inputs.conflicts.length,
    selection: bundle.inputs.entities.length,
    matching: bundle.outputs.selected.length,
    adjustments: bundle.outputs.adjustments.length,
    ledger: bundle.events.length,
  };
  for (const step of steps) {
    const own = reports.filter((r) => r.step === step);
    assert.ok(own.length >= 2 && own.length <= 52, `${step}: ${own.length} reports`);
    assert.ok(own.every((r) => r.total === totals[step]), `${step} total ${own[0].total}, expected ${totals[step]}`);
    assert.deepEqual([own[0].done, own.at(-1).done], [0, totals[step]], step);
    assert.ok(own.every((r, i) => i === 0 || r.done > own[i - 1].done), `${step}: done rises`);
  }
});

test('without onProgress nothing is reported and the result is the same', async () => {
  const quiet = await verifyBundle(bundle, { trustedKey: bundle.ledgerKey, now: '2026-12-01T00:00:00Z' });
  const reported = await verifyBundle(bundle, { trustedKey: bundle.ledgerKey, now: '2026-12-01T00:00:00Z', onProgress: () => {} });
  assert.deepEqual(reported, quiet);
});

test("sortByTicket orders as bytewise ticket then enc(id) order, also when tickets share their first four bytes", async () => {
  const { compareBytes, enc, sortByTicket } = await import('./draw-verifier.mjs');
  const ticketOf = (...bytes) => Uint8Array.from({ length: 32 }, (_, i) => bytes[i] ?? 0);
  // Ties in the numeric key (first four bytes) and full ties, which fall back to enc(id): shorter id first.
  const entries = [
    { id: 'b', ticket: ticketOf(0, 0, 0, 1, 9) }, { id: 'a', ticket: ticketOf(0, 0, 0, 1, 2) },
    { id: 'aa', ticket: ticketOf(255, 255, 255, 255) }, { id: 'z', ticket: ticketOf(255, 255, 255, 255) },
    { id: 'c', ticket: ticketOf(128) }, { id: 'd', ticket: ticketOf(0, 0, 0, 1, 2, 1) }, { id: 'e', ticket: ticketOf() },
  ];
  const expected = [...entries].sort((a, b) => compareBytes(a.ticket, b.ticket) || compareBytes(enc(a.id), enc(b.id)));
  assert.deepEqual(sortByTicket(entries).map((e) => e.id), expected.map((e) => e.id));
  assert.deepEqual(expected.map((e) => e.id), ['e', 'a', 'd', 'b', 'c', 'z', 'aa']);
});
