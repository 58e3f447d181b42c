// node --test verifier/  — tampered copies of the vector with raw values, infeasible entities and adjustments
// (docs/draw-protocol.md §11) must fail at the check that covers the changed member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { verifyVector } from './draw-verifier.mjs';

const file = JSON.parse(await readFile(new URL('../docs/draw-vectors.json', import.meta.url), 'utf8'));
const adjusted = file.vectors.find((v) => v.adjustments !== undefined);

/** Changes the JSON object of an adjustment's `record` and writes it back in JCS form (keys here are ASCII). */
const sortKeys = (value) => Array.isArray(value) ? value.map(sortKeys)
  : value !== null && typeof value === 'object'
    ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]))
    : value;
const record = (adjustment, change) => {
  const data = JSON.parse(adjustment.record);
  change(data);
  adjustment.record = JSON.stringify(sortKeys(data));
};

const tamperings = [
  ['a raw drand signature of another value', 'raw values canonicalised',
    (v) => { v.inputs.rawValues[0].signature = ` 00${v.inputs.rawValues[0].signature.trim().slice(2)}`; }],
  ['raw lottery numbers of another draw', 'raw values canonicalised', (v) => { v.inputs.rawValues[1].numbers[0] = 34; }],
  ['another relaxation', 'infeasible entities', (v) => { v.infeasible[0].relaxation = 'redraw with another seed'; }],
  ['another replacement rank in the payload', 'vector adjustment 0 (substitution)', (v) => { v.adjustments[0].substitution.replacementRank = 3; }],
  ['a ticket changed in the substitution walk', 'vector adjustment 0 (substitution)',
    (v) => { v.adjustments[0].substitution.assignment.candidates[0].ticket = '00'.repeat(32); }],
  ['a record whose substitution walk ignores the declared conflict', 'vector adjustment 0 (substitution)',
    (v) => record(v.adjustments[0], (d) => { d.Assignment.Candidates[0].Decision = 'assigned'; d.Conflicts = []; }),
  ],
  ['a declaration left out of the act', 'vector adjustment 0 (substitution)', (v) => { v.adjustments[0].act.declared.splice(0, 1); }],
  ['a next-ticket walk started over', 'vector adjustment 1 (reassignment)',
    (v) => record(v.adjustments[1], (d) => { d.Candidates.shift(); }),
  ],
  ['a record approved by its actor', 'vector adjustment 1 (reassignment)', (v) => record(v.adjustments[1], (d) => { d.ApprovedBy = d.ReassignedBy; })],
  ['a manual choice that fails a check', 'vector adjustment 2 (reassignment)', (v) => {
    v.adjustments[2].act.replacementInspectorId = 'GY-0205';
    v.adjustments[2].reassignment.replacementInspectorId = 'GY-0205';
    record(v.adjustments[2], (d) => { d.ReplacementInspectorId = 'GY-0205'; });
  }],
  ['a record not in JCS form', 'vector adjustment 0 (substitution)', (v) => { v.adjustments[0].record = v.adjustments[0].record.replace(',', ', '); }],
  ['a book where the manual reassignment moved the consulted position', 'vector adjustment 2 (reassignment)',
    (v) => { v.adjustments[2].book.entities[0].consulted += 1; }],
  ['a book holding another count', 'vector adjustment 0 (substitution)', (v) => { v.adjustments[0].book.held[0].held += 1; }],
];

test('the vector with raw values and adjustments verifies, every adjustment checked', async () => {
  const result = await verifyVector(adjusted);
  assert.equal(result.firstMismatch, null);
  assert.deepEqual(result.checks.filter((c) => c.name.startsWith('vector adjustment')).map((c) => c.pass), [true, true, true]);
});

for (const [name, check, tamper] of tamperings) {
  test(`a copy with ${name} fails at "${check}"`, async () => {
    const vector = structuredClone(adjusted);
    tamper(vector);
    const result = await verifyVector(vector);
    assert.equal(result.ok, false);
    assert.equal(result.firstMismatch, check);
  });
}
