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

test('pools closed right after they start end each worker only once its module has evaluated; the process lives', async () => {
  // Terminating a worker while its top-level await is still evaluating can abort the whole process in V8
  // (nodejs/node#43182). A child process closes 40 pools at once; it counts the workers' ready messages (their modules
  // evaluated) and every terminate() that came before its worker's ready message or exit.
  const { execFile } = await import('node:child_process');
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const child = `${await mkdtemp('/tmp/verifier-pools-')}/close-at-once.mjs`;
  await writeFile(child, `
    import { Worker } from 'node:worker_threads';
    import { rankInWorkers } from ${JSON.stringify(new URL('./tickets.mjs', import.meta.url).href)};
    const emit = Worker.prototype.emit;
    const terminate = Worker.prototype.terminate;
    let ready = 0;
    let early = 0;
    Worker.prototype.emit = function (name, message) {
      if (name === 'message' && message?.ready === true) ready++;
      if ((name === 'message' && message?.ready === true) || name === 'exit') this.settled = true;
      return emit.apply(this, arguments);
    };
    Worker.prototype.terminate = function () {
      if (!this.settled) early++;
      return terminate.call(this);
    };
    for (let i = 0; i < 40; i++) await (await rankInWorkers(new Uint8Array(32), ['i1'], [], { count: 2 })).close();
    console.log(JSON.stringify({ ready, early }));`);
  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile(process.execPath, [child], (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stdout, stderr }));
  });
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), { ready: 80, early: 0 });
});
