// Independent DRAW-v1 verifier (docs/draw-protocol.md), written from the spec with WebCrypto only, so it runs unchanged
// in a browser and under Node (>= 20).
// - verifyVector(vector) recomputes a vector of docs/draw-vectors.json from its inputs.
// - verifyBundle(bundle, { trustedKey }) checks an evidence bundle ("fair-draw-evidence/1", docs/draw-protocol.md §12):
//   the same recomputation, the commitment's ECDSA signature, and every draw event's ledger receipt (signed checkpoint,
//   inclusion proof), bound to the bundle's values and ordered in time.
// Both report every check as pass/fail; the first failing check is named in `firstMismatch`.
// CLI: node verifier/draw-verifier.mjs docs/draw-vectors.json
//      node verifier/draw-verifier.mjs evidence-bundle.json [--key <verifier key text>]

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();

const nfc = (text) => text.normalize('NFC');
const nfcBytes = (text) => utf8.encode(nfc(text));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const isHex = (text, bytes) => typeof text === 'string' && (bytes === undefined ? /^([0-9a-f]{2})*$/ : new RegExp(`^[0-9a-f]{${2 * bytes}}$`)).test(text);
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

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
const nodeHash = (left, right) => sha256(concat([Uint8Array.of(1), left, right]));

/** RFC 6962 Merkle Tree Hash over leaf data. */
export async function merkleRoot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return sha256(concat([Uint8Array.of(0), leaves[0]]));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(await merkleRoot(leaves.slice(0, k)), await merkleRoot(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.2: is `leafHash` at `index` in the tree of `size` leaves with root `root`? Never throws. */
export async function verifyInclusion(index, size, leafHash, proof, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (proof.some((p) => p.length !== 32) || root.length !== 32) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && compareBytes(r, root) === 0;
}

/** RFC 8785 JCS for JSON of strings, integers, booleans, null, arrays and objects (members by UTF-16 code units). */
export function jcs(value) {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((name) => `${JSON.stringify(name)}:${jcs(value[name])}`).join(',')}}`;
  }
  return JSON.stringify(value);
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
const sortedTags = (tags) => tags.map(nfc).sort(compareText);
const inspectorLeaf = (i) => {
  const tags = sortedTags(i.expertise);
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

// ---- The DRAW-v1 recomputation shared by verifyVector and verifyBundle (inputs in the shape of draw-vectors.json) ----

/** Spec §3: each pool's sorted leaves and root, the strata in §2 order and their counts (members in JCS order). */
export async function computePools(input) {
  const leaves = {
    entityPool: sortedLeaves(input.entities, entityLeaf),
    inspectorPool: sortedLeaves(input.inspectors, inspectorLeaf),
    conflictPool: sortedLeaves(input.conflicts, conflictLeaf),
  };
  const roots = {};
  const duplicateFree = {};
  for (const [name, sorted] of Object.entries(leaves)) {
    roots[name] = hex(await merkleRoot(sorted));
    duplicateFree[name] = sorted.every((leaf, i) => i === 0 || compareBytes(sorted[i - 1], leaf) !== 0);
  }
  const byStratum = new Map();
  for (const e of input.entities) {
    const stratum = nfc(e.stratum);
    if (!byStratum.has(stratum)) byStratum.set(stratum, []);
    byStratum.get(stratum).push(nfc(e.id));
  }
  const strata = [...byStratum.keys()].sort(compareText);
  const counts = strata.map((stratum) => ({ count: byStratum.get(stratum).length, stratum }));
  return { leaves, roots, duplicateFree, strata, counts, byStratum };
}

/** Spec §4–§5: the commitment document rebuilt from the inputs and the pools (JCS it to get the canonical text). */
function commitmentFromInputs(input, pools, partyCommitments) {
  const rule = (r) => ({ stratum: nfc(r.stratum), ratio: r.ratio, ...(r.expertise == null ? {} : { expertise: nfc(r.expertise) }) });
  return {
    suite: 'DRAW-v1-SHA256',
    taskId: nfc(input.taskId),
    entityPool: { root: pools.roots.entityPool, count: input.entities.length, strata: pools.counts },
    inspectorPool: { root: pools.roots.inspectorPool, count: input.inspectors.length },
    conflictPool: { root: pools.roots.conflictPool, count: input.conflicts.length },
    rules: {
      strata: input.rules.strata.map(rule),
      rounding: 'ceil(numerator*N_h/denominator)',
      inspectorsPerEntity: input.rules.inspectorsPerEntity,
      capacityCap: input.rules.capacityCap,
      recusal: 'declared-conflicts',
      unitRule: 'distinct-units',
      replacement: 'next-ticket-same-stratum',
    },
    randomness: {
      sources: input.sources.map((s) => ({ label: nfc(s.label), kind: s.kind, reference: nfc(s.reference), encoding: nfc(s.encoding) })),
      fallback: nfc(input.fallback),
    },
    partyCommitments,
  };
}

/**
 * Spec §5: CommitHash over the canonical text as published, and every member of the commitment against the inputs.
 * Returns the commit hash (bytes) for the seed.
 */
async function checkCommitment(check, canonical, recordedHash, input, pools) {
  const commitHash = await sha256(utf8.encode(canonical));
  check('CommitHash', hex(commitHash) === recordedHash, hex(commitHash));
  let commitment;
  try {
    commitment = JSON.parse(canonical);
  } catch (error) {
    commitment = {};
  }
  const secrets = input.partySecrets.map(fromHex);
  const partyHashes = await Promise.all(secrets.map(async (secret) => hex(await sha256(secret))));
  const expected = commitmentFromInputs(input, pools, partyHashes);
  const rules = commitment.rules ?? {};
  check('commitment suite', commitment.suite === 'DRAW-v1-SHA256');
  check('commitment task id', commitment.taskId === expected.taskId);
  check('commitment pool roots', commitment.entityPool?.root === pools.roots.entityPool
    && commitment.inspectorPool?.root === pools.roots.inspectorPool && commitment.conflictPool?.root === pools.roots.conflictPool);
  check('commitment pool counts', same(commitment.entityPool?.strata, pools.counts)
    && commitment.entityPool.count === input.entities.length && commitment.inspectorPool?.count === input.inspectors.length
    && commitment.conflictPool?.count === input.conflicts.length);
  check('commitment rules', same(rules.strata?.map((r) => r.stratum), pools.strata)
    && same(jcs(rules), jcs(expected.rules)) && rules.inspectorsPerEntity >= 2 && rules.capacityCap >= 1);
  check('commitment sources', same(jcs(commitment.randomness?.sources), jcs(expected.randomness.sources))
    && expected.randomness.sources.length > 0
    && new Set(expected.randomness.sources.map((s) => s.label)).size === expected.randomness.sources.length);
  check('commitment fallback', commitment.randomness?.fallback === expected.randomness.fallback);
  check('party secrets match their commitments', same(partyHashes, commitment.partyCommitments));
  const rebuilt = jcs(expected);
  const at = [...rebuilt].findIndex((c, i) => c !== canonical[i]);
  check('commitment rebuilt from the inputs', rebuilt === canonical,
    rebuilt === canonical ? 'byte-identical JCS' : `first difference at character ${at === -1 ? rebuilt.length : at}`);
  return { commitHash, commitment, secrets };
}

/** Spec §6–§7: canonical values in committed order, the IKM, the PRK and the ticket function. */
async function checkSeed(check, values, sources, secrets, commitHash, recorded) {
  check('values in committed order', same(values.map((v) => v.label), sources.map((s) => s.label)));
  check('values canonical', values.length === sources.length && values.every((v, i) => sources[i].kind === 'drand'
    ? /^([0-9a-f]{2})+$/.test(v.value)
    : /^([0-9]+\.)+\/$/.test(v.value) && lotteryValue(v.value.slice(0, -2).split('.').map(Number)) === v.value));
  const ikm = concat([...values.flatMap((v) => [enc(v.label), enc(v.value)]), ...secrets.flatMap((s) => [enc('party'), enc(s)])]);
  check('IKM', hex(ikm) === recorded.ikm);
  const prk = await hkdfExtract(commitHash, ikm);
  check('PRK', hex(prk) === recorded.prk, hex(prk));
  return ticketMaker(commitHash, ikm);
}

/** Spec §8: every stratum's full rank list and sample size, the selection in selection order and its root. */
export async function selectEntities(strataRules, byStratum, ticket) {
  const strata = [];
  const selected = [];
  for (const rule of strataRules) {
    const stratum = nfc(rule.stratum);
    const ids = byStratum.get(stratum) ?? [];
    const order = await rank(ids, (id) => ticket('entity', stratum, id));
    const n = sampleSize(rule.ratio, ids.length);
    strata.push({ stratum, poolSize: ids.length, sampleSize: n, ranked: order });
    selected.push(...order.slice(0, n).map((e, position) => ({ stratum, id: e.id, rank: position, ticket: e.ticket })));
  }
  const leaves = selected.map((e) => enc('selected', e.stratum, e.id));
  return { strata, selected, leaves, root: hex(await merkleRoot(leaves)) };
}

/** Spec §9: the assignment transcript in walk order (tickets hex) and the infeasible entities. */
export async function matchInspectors(selected, input, strataRules, ticket) {
  const inspectors = new Map(input.inspectors.map((i) => [nfc(i.id), i]));
  const held = new Map([...inspectors.keys()].map((id) => [id, 0]));
  const conflicts = new Set(input.conflicts.map((c) => `${nfc(c.inspectorId)}\u0000${nfc(c.entityId)}`));
  const need = input.rules.inspectorsPerEntity;
  const cap = input.rules.capacityCap;
  const walk = [...selected].sort((a, b) => compareBytes(a.ticket, b.ticket) || compareBytes(enc(a.id), enc(b.id)));
  const assignments = [];
  const infeasible = [];
  for (const entity of walk) {
    const tag = strataRules.find((r) => nfc(r.stratum) === entity.stratum)?.expertise;
    const order = await rank([...inspectors.keys()], (id) => ticket('inspector', entity.id, id));
    const units = new Set();
    const candidates = [];
    for (const { id, ticket: inspectorTicket } of order) {
      if (units.size === need) break;
      const inspector = inspectors.get(id);
      const unit = nfc(inspector.unit);
      const decision = !inspector.active ? 'inactive'
        : tag != null && !inspector.expertise.map(nfc).includes(nfc(tag)) ? 'no-expertise'
        : conflicts.has(`${id}\u0000${entity.id}`) ? 'recused'
        : held.get(id) >= Math.min(inspector.capacity, cap) ? 'capacity'
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
  return { assignments, infeasible };
}

function checker() {
  const checks = [];
  const check = (name, pass, detail = '') => checks.push({ name, pass: Boolean(pass), detail });
  const result = (extra) => {
    const firstMismatch = checks.find((c) => !c.pass)?.name ?? null;
    return { ...extra, ok: firstMismatch === null, firstMismatch, checks };
  };
  return { check, checks, result };
}

export async function verifyVector(vector) {
  const { check, result } = checker();
  const input = vector.inputs;

  const pools = await computePools(input);
  for (const name of ['entityPool', 'inspectorPool', 'conflictPool']) {
    check(`${name} leaves`, same(pools.leaves[name].map(hex), vector[name].leaves));
    check(`${name} root`, pools.roots[name] === vector[name].root, pools.roots[name]);
    check(`${name} has no duplicate member`, pools.duplicateFree[name]);
  }

  const { commitHash, commitment, secrets } = await checkCommitment(check, vector.commitment.canonical, vector.commitment.commitHash, input, pools);
  const ticket = await checkSeed(check, vector.randomness.values, commitment.randomness?.sources ?? [], secrets, commitHash, vector.randomness);

  const selection = await selectEntities(input.rules.strata, pools.byStratum, ticket);
  check('entity tickets and rank lists', same(selection.strata.map((s) => ({
    stratum: s.stratum, sampleSize: s.sampleSize, ranked: s.ranked.map((e) => ({ id: e.id, ticket: hex(e.ticket) })),
  })), vector.selection.strata));
  check('selection', same(selection.selected.map((e, i) => ({ stratum: e.stratum, id: e.id, leaf: hex(selection.leaves[i]) })), vector.selection.selected));
  check('selection root', selection.root === vector.selection.root);

  const matching = await matchInspectors(selection.selected, input, input.rules.strata, ticket);
  check('assignment transcript', same(matching.assignments, vector.assignments));
  check('infeasible entities', same(matching.infeasible, vector.infeasible));

  return result({ name: vector.name });
}
if (globalThis.process?.argv?.[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
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
