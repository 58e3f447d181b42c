// node --test verifier/  — the matching's inspector rankings computed by workers (worker_threads here, Web Workers in
// browsers; tickets.mjs) are the main thread's, and a verification with workers reports exactly what one without does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { computePools, inspectorMatcher, selectEntities, ticketMaker, verifyBundle, verifyVector } from './draw-verifier.mjs';
import { rankInWorkers } from './tickets.mjs';

const json = async (path) => JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8'));
const bundles = await Promise.all((await readdir(new URL('./fixtures/', import.meta.url)))
  .filter((name) => name.startsWith('evidence-bundle'))
  .map(async (name) => ({ name, bundle: await json(`./fixtures/${name}`) })));
const vectors = (await json('../docs/draw-vectors.json')).vectors;

test('two workers rank every selected entity\'s inspectors in the order this thread ranks them', async () => {
  const b = bundles.find((found) => found.name === 'evidence-bundle.json').bundle;
  const ticket = ticketMaker(Buffer.from(b.randomness.prk, 'hex'));
  const { selected } = await selectEntities(b.inputs.rules.strata, (await computePools(b.inputs)).byStratum, ticket);
  const matcher = inspectorMatcher(b.inputs, b.inputs.rules.strata, ticket);
  const ids = selected.map((e) => e.id);
  // Batches of 3 so that both workers answer several batches each.
  const rankings = await rankInWorkers(ticket.prk, matcher.ids, ids, { count: 2, batch: 3 });
  try {
    for (const [k, id] of ids.entries()) {
      const positions = await rankings.rankingAt(k);
      assert.ok(positions, `entity ${k} ranked by a worker`);
      assert.deepEqual(Array.from(positions, (at) => matcher.ids[at]), matcher.rankFor(id).map((e) => e.id), id);
    }
  } finally {
    rankings.close();
  }
});

for (const { name, bundle } of bundles) {
  test(`${name}: the result with two workers is the result without`, async () => {
    const options = { trustedKey: bundle.ledgerKey, now: '2026-12-01T00:00:00Z' };
    const alone = await verifyBundle(bundle, { ...options, workers: 0 });
    const helped = await verifyBundle(bundle, { ...options, workers: 2 });
    assert.deepEqual(helped, alone);
  });
}

test('every vector verifies alike with and without workers', async () => {
  for (const vector of vectors) {
    const alone = await verifyVector(vector, { workers: 0 });
    assert.deepEqual(await verifyVector(vector, { workers: 2 }), alone, vector.name);
    assert.ok(alone.ok, vector.name);
  }
});

test('a worker that fails answers null for its batches, so the caller ranks on its own thread', async () => {
  // Without a PRK the worker cannot make a ticket: its first batch throws inside it.
  const rankings = await rankInWorkers(undefined, ['GY520100-0001'], ['91520102000000019C', '915201020000000945'],
    { count: 2, batch: 1 });
  try {
    assert.deepEqual([await rankings.rankingAt(0), await rankings.rankingAt(1)], [null, null]);
  } finally {
    rankings.close();
  }
});
