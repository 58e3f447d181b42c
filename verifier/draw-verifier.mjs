// Independent DRAW-v1 verifier (docs/draw-protocol.md), written from the spec with WebCrypto only, so it runs unchanged
// in a browser and under Node (>= 20). verifyVector(vector) recomputes a vector of docs/draw-vectors.json from its
// inputs and reports every check as pass/fail; the first failing check is named in `firstMismatch`.
// CLI: node verifier/draw-verifier.mjs docs/draw-vectors.json

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();

const nfcBytes = (text) => utf8.encode(text.normalize('NFC'));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** enc(x) = u32be(byte length) || x; strings as NFC UTF-8. */
export function enc(...values) {
  return concat(values.map((value) => {
    const bytes = typeof value === 'string' ? nfcBytes(value) : value;
    const prefix = new Uint8Array(4);
    new DataView(prefix.buffer).setUint32(0, bytes.length, false);
    return concat([prefix, bytes]);
  }));
}

/** Ascending unsigned bytewise order, proper prefix first (spec §2). */
export function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

const compareText = (a, b) => compareBytes(nfcBytes(a), nfcBytes(b));
const sha256 = async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes));

/** RFC 6962 Merkle Tree Hash over leaf data. */
export async function merkleRoot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return sha256(concat([Uint8Array.of(0), leaves[0]]));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(concat([Uint8Array.of(1), await merkleRoot(leaves.slice(0, k)), await merkleRoot(leaves.slice(k))]));
}

/** HKDF-Extract(SHA-256, salt, ikm) = HMAC-SHA256(salt, ikm). */
async function hkdfExtract(salt, ikm) {
  const key = await subtle.importKey('raw', salt, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key, ikm));
}

/** Tickets through WebCrypto's HKDF (extract + expand) from the IKM, salted with CommitHash. */
async function ticketMaker(commitHash, ikm) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const cache = new Map();
  return async (...labels) => {
    const info = enc('DRAW-v1', ...labels);
    const id = hex(info);
    if (!cache.has(id)) {
      cache.set(id, new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: commitHash, info }, key, 256)));
    }
    return cache.get(id);
  };
}

const entityLeaf = (e) => enc('entity', e.stratum, e.id);
const inspectorLeaf = (i) => {
  const tags = i.expertise.map((tag) => tag.normalize('NFC')).sort(compareText);
  return enc('inspector', i.id, i.unit, i.active ? 'active' : 'inactive', String(tags.length), ...tags, String(i.capacity));
};
const conflictLeaf = (c) => enc('conflict', c.inspectorId, c.entityId);
const sortedLeaves = (members, leaf) => members.map(leaf).sort(compareBytes);

/** RFC 3797 style: numbers ascending, each followed by '.', the source ended by '/'. */
export const lotteryValue = (numbers) => `${[...numbers].sort((a, b) => a - b).map((n) => `${n}.`).join('')}/`;

function sampleSize(ratio, count) {
  const [num, den] = ratio.split('/').map(BigInt);
  const product = num * BigInt(count);
  return Number(product / den + (product % den === 0n ? 0n : 1n));
}

async function rank(ids, ticketOf) {
  const entries = await Promise.all(ids.map(async (id) => ({ id, ticket: await ticketOf(id) })));
  return entries.sort((a, b) => compareBytes(a.ticket, b.ticket) || compareBytes(enc(a.id), enc(b.id)));
}

export async function verifyVector(vector) {
  const checks = [];
  const check = (name, pass, detail = '') => checks.push({ name, pass: Boolean(pass), detail });
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const input = vector.inputs;

  // Pools (spec §3).
  const pools = [
    ['entityPool', sortedLeaves(input.entities, entityLeaf)],
    ['inspectorPool', sortedLeaves(input.inspectors, inspectorLeaf)],
    ['conflictPool', sortedLeaves(input.conflicts, conflictLeaf)],
  ];
  const roots = {};
  for (const [name, leaves] of pools) {
    roots[name] = hex(await merkleRoot(leaves));
    check(`${name} leaves`, same(leaves.map(hex), vector[name].leaves));
    check(`${name} root`, roots[name] === vector[name].root, roots[name]);
    check(`${name} has no duplicate member`, leaves.every((leaf, i) => i === 0 || compareBytes(leaves[i - 1], leaf) !== 0));
  }
  const strata = [...new Set(input.entities.map((e) => e.stratum.normalize('NFC')))].sort(compareText);
  // Members in JCS order (count before stratum), so the comparison with the parsed canonical text is exact.
  const counts = strata.map((stratum) => ({ count: input.entities.filter((e) => e.stratum.normalize('NFC') === stratum).length, stratum }));

  // Commitment (spec §5): the canonical text as published is hashed; its members must agree with the inputs.
  const canonical = vector.commitment.canonical;
  const commitHash = await sha256(utf8.encode(canonical));
  check('CommitHash', hex(commitHash) === vector.commitment.commitHash, hex(commitHash));
  const commitment = JSON.parse(canonical);
  const secrets = input.partySecrets.map(fromHex);
  check('commitment suite', commitment.suite === 'DRAW-v1-SHA256');
  check('commitment task id', commitment.taskId === input.taskId);
  check('commitment pool roots', commitment.entityPool.root === roots.entityPool
    && commitment.inspectorPool.root === roots.inspectorPool && commitment.conflictPool.root === roots.conflictPool);
  check('commitment pool counts', same(commitment.entityPool.strata, counts)
    && commitment.entityPool.count === input.entities.length && commitment.inspectorPool.count === input.inspectors.length
    && commitment.conflictPool.count === input.conflicts.length);
  const rules = commitment.rules;
  check('commitment rules', same(rules.strata.map((r) => r.stratum), strata)
    && same(rules.strata, input.rules.strata.map((r) => ({ ...(r.expertise === undefined ? {} : { expertise: r.expertise }), ratio: r.ratio, stratum: r.stratum })))
    && rules.inspectorsPerEntity === input.rules.inspectorsPerEntity && rules.capacityCap === input.rules.capacityCap
    && rules.inspectorsPerEntity >= 2 && rules.unitRule === 'distinct-units' && rules.recusal === 'declared-conflicts'
    && rules.replacement === 'next-ticket-same-stratum');
  check('commitment sources', same(commitment.randomness.sources.map((s) => s.label), input.sources.map((s) => s.label)));
  const partyHashes = await Promise.all(secrets.map(async (secret) => hex(await sha256(secret))));
  check('party secrets match their commitments', same(partyHashes, commitment.partyCommitments));

  // Randomness, IKM, PRK (spec §6, §7).
  const values = vector.randomness.values;
  check('values in committed order', same(values.map((v) => v.label), commitment.randomness.sources.map((s) => s.label)));
  check('values canonical', values.every((v, i) => commitment.randomness.sources[i].kind === 'drand'
    ? /^([0-9a-f]{2})+$/.test(v.value)
    : /^([0-9]+\.)+\/$/.test(v.value) && lotteryValue(v.value.slice(0, -2).split('.').map(Number)) === v.value));
  const ikm = concat([...values.flatMap((v) => [enc(v.label), enc(v.value)]), ...secrets.flatMap((s) => [enc('party'), enc(s)])]);
  check('IKM', hex(ikm) === vector.randomness.ikm);
  const prk = await hkdfExtract(commitHash, ikm);
  check('PRK', hex(prk) === vector.randomness.prk, hex(prk));
  const ticket = await ticketMaker(commitHash, ikm);

  // Selection (spec §8).
  const selected = [];
  const ranked = [];
  for (const rule of rules.strata) {
    const ids = input.entities.filter((e) => e.stratum.normalize('NFC') === rule.stratum).map((e) => e.id.normalize('NFC'));
    const order = await rank(ids, (id) => ticket('entity', rule.stratum, id));
    const n = sampleSize(rule.ratio, ids.length);
    ranked.push({ stratum: rule.stratum, sampleSize: n, ranked: order.map((e) => ({ id: e.id, ticket: hex(e.ticket) })) });
    selected.push(...order.slice(0, n).map((e) => ({ stratum: rule.stratum, id: e.id, ticket: e.ticket })));
  }
  check('entity tickets and rank lists', same(ranked, vector.selection.strata));
  const selectionLeaves = selected.map((e) => enc('selected', e.stratum, e.id));
  check('selection', same(selected.map((e, i) => ({ stratum: e.stratum, id: e.id, leaf: hex(selectionLeaves[i]) })), vector.selection.selected));
  check('selection root', hex(await merkleRoot(selectionLeaves)) === vector.selection.root);

  // Inspector matching (spec §9).
  const held = new Map(input.inspectors.map((i) => [i.id, 0]));
  const conflicts = new Set(input.conflicts.map((c) => `${c.inspectorId.normalize('NFC')}\u0000${c.entityId.normalize('NFC')}`));
  const need = rules.inspectorsPerEntity;
  const walk = [...selected].sort((a, b) => compareBytes(a.ticket, b.ticket) || compareBytes(enc(a.id), enc(b.id)));
  const assignments = [];
  const infeasible = [];
  for (const entity of walk) {
    const tag = rules.strata.find((r) => r.stratum === entity.stratum).expertise;
    const order = await rank(input.inspectors.map((i) => i.id), (id) => ticket('inspector', entity.id, id));
    const units = new Set();
    const candidates = [];
    for (const { id, ticket: inspectorTicket } of order) {
      if (units.size === need) break;
      const inspector = input.inspectors.find((i) => i.id === id);
      const unit = inspector.unit.normalize('NFC');
      const decision = !inspector.active ? 'inactive'
        : tag !== undefined && !inspector.expertise.map((t) => t.normalize('NFC')).includes(tag) ? 'no-expertise'
        : conflicts.has(`${id}\u0000${entity.id}`) ? 'recused'
        : held.get(id) >= Math.min(inspector.capacity, rules.capacityCap) ? 'capacity'
        : units.has(unit) ? 'same-unit'
        : 'assigned';
      if (decision === 'assigned') {
        units.add(unit);
        held.set(id, held.get(id) + 1);
      }
      candidates.push({ inspectorId: id, ticket: hex(inspectorTicket), decision });
    }
    assignments.push({ stratum: entity.stratum, entityId: entity.id, candidates });
    if (units.size < need) infeasible.push({ stratum: entity.stratum, entityId: entity.id, found: units.size, required: need });
  }
  check('assignment transcript', same(assignments, vector.assignments));
  check('infeasible entities', same(infeasible, vector.infeasible));

  const firstMismatch = checks.find((c) => !c.pass)?.name ?? null;
  return { name: vector.name, ok: firstMismatch === null, firstMismatch, checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFile } = await import('node:fs/promises');
  const file = JSON.parse(await readFile(process.argv[2] ?? new URL('../docs/draw-vectors.json', import.meta.url), 'utf8'));
  let failed = false;
  for (const vector of file.vectors) {
    const result = await verifyVector(vector);
    failed ||= !result.ok;
    console.log(`${result.ok ? 'PASS' : 'FAIL'} ${result.name}${result.ok ? '' : ` (first mismatch: ${result.firstMismatch})`}`);
    for (const c of result.checks) console.log(`  ${c.pass ? 'pass' : 'FAIL'} ${c.name}`);
  }
  process.exitCode = failed ? 1 : 0;
}
