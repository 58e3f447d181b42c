// node --test verifier/  — `verify-duty --draws` in JavaScript (docs/duty-report.md §7 step 7) on the spec's vector pair
// (docs/duty-vectors: the duty bundle and its drawn round's evidence bundle, both written by the .NET server from one
// log): the pair passes; an altered evidence event, other roots, a round left out of the report or no evidence fail,
// each named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { verifyDutyDraws } from './duty-draws.mjs';

const folder = new URL('../docs/duty-vectors/', import.meta.url);
const keys = JSON.parse(await readFile(new URL('keys.json', folder), 'utf8'));
const dutyText = await readFile(new URL('bundle.json', folder), 'utf8');
const evidenceText = await readFile(new URL('evidence.json', folder), 'utf8');
const [draw] = JSON.parse(dutyText).report.draws;
const round = `task ${draw.taskId} round ${draw.round} (evidence.json)`;
const encode = (value) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const verify = (evidence, { duty = dutyText, trustedKey = keys.ledgerKey, others = [] } = {}) => verifyDutyDraws(encode(duty),
  [...others, ...(evidence === null ? [] : [{ name: 'evidence.json', bytes: encode(evidence) }])], { trustedKey });
const evidenceCopy = () => JSON.parse(evidenceText);

test('the vector pair: the named round verifies from its evidence, other files in the folder passed over', async () => {
  const others = [{ name: 'bundle.json', bytes: encode(dutyText) }, { name: 'notes.txt', bytes: encode('{') }];
  const found = await verify(evidenceText, { others });
  assert.deepEqual(found.failures, []);
  assert.deepEqual(found.rounds,
    [{ taskId: draw.taskId, round: draw.round, file: 'evidence.json', state: 'assigned', outcome: 'pass' }]);
});

test('an evidence event that is not the duty bundle\'s bytes fails, naming the sequence', async () => {
  const evidence = evidenceCopy();
  const executed = evidence.events.find((e) => e.type === 'draw_executed');
  executed.receipt.canonical = executed.receipt.canonical.replace('"version":', '"version": ');
  const { failures } = await verify(evidence);
  assert.ok(failures.includes(`${round}: 序号${executed.sequence}的事件与履职证据包不同 / the event at sequence ${executed.sequence} `
    + 'differs from the duty bundle\'s bytes'), failures.join('\n'));
  assert.ok(failures.some((f) => f.startsWith(`${round}: DRAW-v1 fail: receipt`)), failures.join('\n'));
});

test('an empty folder, or evidence of another round only, fails with no evidence: never pass on nothing', async () => {
  assert.deepEqual((await verify(null)).failures, [`no evidence for task ${draw.taskId} round ${draw.round}`]);
  const other = evidenceCopy();
  other.round = draw.round + 1;
  const found = await verify(other);
  assert.deepEqual(found.rounds, []);
  assert.deepEqual(found.failures, [`no evidence for task ${draw.taskId} round ${draw.round}`]);
});

test('a report whose roots are not the evidence\'s fails naming the root, though the round verifies', async () => {
  const duty = JSON.parse(dutyText);
  duty.report.draws[0].selectionRoot = '00'.repeat(32);
  const { failures, rounds } = await verify(evidenceText, { duty });
  assert.equal(rounds[0].outcome, 'pass');
  assert.deepEqual(failures,
    [`${round}: selection root ${draw.selectionRoot} (outputs ${draw.selectionRoot}), the report's ${'00'.repeat(32)}`]);
});

test('a report that leaves out a round its events show executed fails, though the folder holds nothing to check', async () => {
  const duty = JSON.parse(dutyText);
  duty.report.draws = [];
  const { failures } = await verify(null, { duty });
  assert.deepEqual(failures,
    [`报告所列轮次与事件不符 / the report names no round, its events show task ${draw.taskId} round ${draw.round}`]);
});

test('evidence under another ledger key, or unreadable, fails named', async () => {
  const other = (await verify(evidenceText, { trustedKey: keys.witnesses[0] })).failures;
  assert.ok(other.some((f) => f.startsWith(`${round}: DRAW-v1 fail: trusted key`)), other.join('\n'));
  const unreadable = evidenceCopy();
  delete unreadable.events[0].receipt;
  assert.deepEqual((await verify(unreadable)).failures, [
    `evidence.json: 证据包无法读取 / the evidence bundle cannot be read: pool_frozen #${unreadable.events[0].sequence} has no receipt`,
    `no evidence for task ${draw.taskId} round ${draw.round}`]);
});

test('the CLI with --draws: exit 0 printing each round\'s outcome, 1 naming the first draws failure, 2 for no folder', async () => {
  const cli = new URL('./verify-duty.mjs', import.meta.url).pathname;
  const run = (...args) => new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], (error, stdout) => resolve({ code: error?.code ?? 0, stdout }));
  });
  const bundle = new URL('bundle.json', folder).pathname;
  const policy = ['--key', keys.ledgerKey, '--witness', keys.witnesses[0]];
  const full = await mkdtemp('/tmp/verify-duty-draws-');
  await writeFile(`${full}/evidence.json`, evidenceText);
  const passed = await run(bundle, ...policy, '--draws', full);
  assert.equal(passed.code, 0, passed.stdout);
  assert.match(passed.stdout, new RegExp(`^draws: task ${draw.taskId} round 1 \\(evidence.json, assigned\\): DRAW-v1 pass$`, 'm'));
  assert.match(passed.stdout, /\nVERIFIED\n$/);
  const empty = await run(bundle, ...policy, '--draws', await mkdtemp('/tmp/verify-duty-draws-'));
  assert.equal(empty.code, 1);
  assert.match(empty.stdout, new RegExp(`\nNOT verified: draws: no evidence for task ${draw.taskId} round 1\n$`));
  assert.equal((await run(bundle, ...policy, '--draws', `${full}/absent`)).code, 2);
});
