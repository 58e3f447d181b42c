// node --test verifier/  — witnessed time bounds (docs/duty-report.md §3) against the .NET side's known answer
// (tests/Witness.Tests/KnownAnswerTests: the note OpenSSL signed, cosigned at 1796428800), and on logs built here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVerifierKey, parseWitnessKey } from './draw-verifier.mjs';
import { boundsAt, checkBoundCheckpoints, instantOf, judge, nothingBy, quorumTime } from './witnessed-time.mjs';
import { ledgerKey, log, witness } from './fixture-log.mjs';

const LOG_KEY = 'fairdraw.example/ledger+ede11730+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDyyCyJtCdx59+BbQ9QHt/YTF0wWpqxcI0ONDIISCxCC7YeuO4FRdK+7sdfXSE8QbSLOlEuASbCDKJVS3Bu1juY=';
const NOTE = 'fairdraw.example/ledger\n3\nrra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=\n\n'
  + '\u2014 fairdraw.example/ledger 7eEXMDBFAiAf2Qzvk3Cvmsqw1zeOMvD7DGYP7E3IWW+sTl91OCQ5YAIhAL222Hl4pAfbdJVBO/wmreEhSkoKZICsLFZ0m+qLlCTw\n';
const LINE = '\u2014 witness.example/discipline-office '
  + 'YNe79gAAAABrE1QAlReJypq8I7PsPImt/ltb3+ccFChqZIV184uM9bLHSBK1xG40dEpZXwPdwddvcY3izQ00Ak3xbA/TJWjdtMpCAw==\n';
const WITNESS_KEY = 'witness.example/discipline-office+60d7bbf6+BAyF0Ca3jxvA1uaY2HjKO8G497JkMbxoOIBgx+o1Odt9';
const ROOT = Uint8Array.from(Buffer.from('rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=', 'base64'));

test('the .NET known answer: the cosigned note is a bound of quorum time 1796428800 for the three leaves', async () => {
  const key = await parseVerifierKey(LOG_KEY);
  const witnesses = [await parseWitnessKey(WITNESS_KEY)];
  const { bounds, problems } = await checkBoundCheckpoints([{ checkpoint: NOTE + LINE, consistencyProof: [] }],
    { size: 3, root: ROOT }, { key, witnesses, quorum: 1 });
  assert.deepEqual(problems, []);
  assert.deepEqual(bounds, [{ size: 3, cosigned: [{ name: 'witness.example/discipline-office', time: 1796428800 }], time: 1796428800 }]);
  assert.equal(instantOf(1796428800), '2026-12-05T00:00:00Z');
  assert.deepEqual(boundsAt(2, bounds), { lower: null, upper: 1796428800 });
  assert.deepEqual(boundsAt(3, bounds), { lower: 1796428800, upper: null });
  // Without trusted witnesses the checkpoint still proves itself, but bounds nothing.
  const none = await checkBoundCheckpoints([{ checkpoint: NOTE + LINE, consistencyProof: [] }], { size: 3, root: ROOT }, { key });
  assert.deepEqual(boundsAt(0, none.bounds), { lower: null, upper: null });
});

test('the quorum time is the k-th earliest timestamp of distinct witnesses, undefined short of k', () => {
  const cosigned = [{ name: 'c', time: 30 }, { name: 'a', time: 10 }, { name: 'b', time: 20 }];
  assert.equal(quorumTime(cosigned, 1), 10);
  assert.equal(quorumTime(cosigned, 2), 20);
  assert.equal(quorumTime(cosigned, 3), 30);
  assert.equal(quorumTime(cosigned, 4), null);
});

test('bounds over a growing log: upper from the smallest including checkpoint, lower from the largest excluding one', async () => {
  const key = await ledgerKey();
  const [a, b] = [await witness('witness.test/a'), await witness('witness.test/b')];
  const entries = Array.from({ length: 7 }, (_, i) => `{"leaf":${i}}`);
  const ledger = log(entries, key);
  const cosigned = async (size, times) => {
    let note = await ledger.checkpoint(size);
    const body = note;
    for (const [w, time] of times) note += await w.cosign(body, time);
    return { checkpoint: note, consistencyProof: ledger.consistency(size, 7) };
  };
  const final = { size: 7, root: ledger.root(7) };
  const policy = { key: await parseVerifierKey(key.text), witnesses: [await parseWitnessKey(a.text), await parseWitnessKey(b.text)], quorum: 2 };
  const { bounds, problems } = await checkBoundCheckpoints(
    [await cosigned(2, [[a, 100], [b, 160]]), await cosigned(5, [[a, 500], [b, 400]]), await cosigned(6, [[a, 650]]), await cosigned(7, [[a, 900], [b, 700]])],
    final, policy);
  assert.deepEqual(problems, []);
  assert.deepEqual(bounds.map((bound) => [bound.size, bound.time]), [[2, 160], [5, 500], [6, null], [7, 900]]);
  assert.deepEqual(boundsAt(1, bounds), { lower: null, upper: 160 });
  assert.deepEqual(boundsAt(3, bounds), { lower: 160, upper: 500 });
  assert.deepEqual(boundsAt(5, bounds), { lower: 500, upper: 900 }); // size 6 lacks the quorum: no bound from it
  assert.deepEqual(boundsAt(7, bounds), { lower: 900, upper: null });
  assert.equal(judge(boundsAt(3, bounds), 500), 'in-time');
  assert.equal(judge(boundsAt(3, bounds), 160), 'late');
  assert.equal(judge(boundsAt(3, bounds), 300), 'undetermined');
  assert.deepEqual([nothingBy(900, 900), nothingBy(899, 900), nothingBy(null, 900)], ['holds', 'pending', 'undetermined']);
});

test('a bound checkpoint that is not a prefix, not the ledger\'s, or out of order is named and bounds nothing', async () => {
  const key = await ledgerKey();
  const w = await witness('witness.test/a');
  const ledger = log(['{"a":1}', '{"a":2}', '{"a":3}', '{"a":4}'], key);
  const other = log(['{"a":1}', '{"b":2}', '{"a":3}', '{"a":4}'], key);
  const final = { size: 4, root: ledger.root(4) };
  const policy = { key: await parseVerifierKey(key.text), witnesses: [await parseWitnessKey(w.text)], quorum: 1 };
  const note = async (source, size, time) => { const n = await source.checkpoint(size); return n + await w.cosign(n, time); };

  const forked = await checkBoundCheckpoints([{ checkpoint: await note(other, 2, 10), consistencyProof: other.consistency(2, 4) }], final, policy);
  assert.deepEqual(forked.bounds, []);
  assert.match(forked.problems[0], /^tampered: bound checkpoint of size 2: its consistency proof/);

  const stranger = await ledgerKey();
  const foreign = await checkBoundCheckpoints([{ checkpoint: await note(log(['{"a":1}'], stranger), 1, 10), consistencyProof: [] }], final, policy);
  assert.match(foreign.problems[0], /^tampered: bound checkpoint 1: unknown key/);

  const swapped = await checkBoundCheckpoints([
    { checkpoint: await note(ledger, 3, 30), consistencyProof: ledger.consistency(3, 4) },
    { checkpoint: await note(ledger, 2, 20), consistencyProof: ledger.consistency(2, 4) }], final, policy);
  assert.deepEqual(swapped.problems, ['reordered: bound checkpoint of size 2 after one of size 3']);

  const forged = (await note(ledger, 2, 20)).replace(/(\u2014 witness\.test\/a \S{10})\S/, (m, head) => `${head}${m.endsWith('A') ? 'B' : 'A'}`);
  const bad = await checkBoundCheckpoints([{ checkpoint: forged, consistencyProof: ledger.consistency(2, 4) }], final, policy);
  assert.deepEqual(bad.bounds, [{ size: 2, cosigned: [], time: null }]);
  assert.deepEqual(bad.problems, []);
  assert.deepEqual(bad.cosignatureProblems, ['tampered: bound checkpoint of size 2: the cosignature of witness.test/a does not verify over the checkpoint']);
});
