// Independent DRAW-v1 verifier (docs/draw-protocol.md), written from the spec so it runs unchanged in a browser and under
// Node (>= 20.19). SHA-256 and HMAC-SHA256 are synchronous @noble/hashes (one WebCrypto promise per hash cost ~40 µs,
// docs/performance.md); ECDSA P-256 and Ed25519 signatures are WebCrypto's; drand signatures (BLS12-381) are checked
// with @noble/curves (drand.mjs).
// - verifyVector(vector) recomputes a vector of docs/draw-vectors.json from its inputs.
// - verifyBundle(bundle, { trustedKey }) checks an evidence bundle ("fair-draw-evidence/1", docs/draw-protocol.md §12):
//   the same recomputation, a replay of every later substitution and reassignment, the commitment's ECDSA signature,
//   each drand value's BLS signature by its chain's key, and every draw event's ledger receipt (signed checkpoint,
//   inclusion proof), bound to the bundle's values and ordered in time. With `onProgress`, it calls
//   onProgress({ step, done, total }) now and then, at most ~50 times a step and yielding after each call so a page can
//   draw a progress bar: step 'pools', 'selection', 'matching', 'adjustments', 'ledger' in that order, done and total
//   counting that step's pool members, entity tickets, selected entities' walks, adjustments or ledger events (a step
//   the round never reached is not reported).
// - Both take `workers`: how many workers (Web Workers, worker_threads under Node; tickets.mjs) rank the inspectors of
//   the matching on other cores; by default 2 from 250,000 matching tickets on, else none; without workers on the
//   platform, this thread ranks. The results are the same either way.
// Both report every check as pass/fail; the first failing check is named in `firstMismatch`. A bundle's result also
// names the round's state and its outcome (pass, fail, attention, pending), as the .NET report does.
// CLI: node verifier/draw-verifier.mjs docs/draw-vectors.json
//      node verifier/draw-verifier.mjs evidence-bundle.json [--key <verifier key text>] [--witness <witness key>]… [--quorum k]

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { checkDrandValue, parseDrandReference } from './drand.mjs';
import { compareBytes, enc, nfc, nfcBytes, rankInWorkers, sortByTicket, ticketMaker } from './tickets.mjs';

export { compareBytes, enc, sortByTicket, ticketMaker };

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();

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

const compareText = (a, b) => compareBytes(nfcBytes(a), nfcBytes(b));
const nodeHash = (left, right) => sha256(concat([Uint8Array.of(1), left, right]));

/**
 * RFC 6962 Merkle Tree Hash over leaf data. Computed bottom-up, one level at a time: pairing neighbours and carrying an
 * odd last node up unchanged builds the same tree as splitting at the largest power of two below n.
 */
/** RFC 6962 §2.1: the hash of a leaf, SHA-256(0x00 || leaf). */
export const merkleLeafHash = (leaf) => sha256(concat([Uint8Array.of(0), leaf]));

export function merkleRoot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  let level = leaves.map(merkleLeafHash);
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level.at(-1));
    level = next;
  }
  return level[0];
}

/**
 * A multi-leaf inclusion proof (docs/duty-report.md §7): are the leaf hashes at `indexes` (strictly ascending) in the
 * tree of `size` leaves with root `root`? `proof` holds the roots of the maximal subtrees of RFC 6962's split that hold
 * none of the leaves, left to right, and must be used up exactly. No leaves are proved by an empty proof only. Never throws.
 */
export function verifyMultiInclusion(indexes, leafHashes, size, proof, root) {
  if (!Number.isSafeInteger(size) || indexes.length !== leafHashes.length || root.length !== 32) return false;
  if (indexes.some((index, i) => !Number.isSafeInteger(index) || index < 0 || index >= size || (i > 0 && index <= indexes[i - 1]))) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  if (indexes.length === 0) return proof.length === 0;
  let leaf = 0;
  let used = 0;
  const fold = (start, end) => {
    if (leaf === indexes.length || indexes[leaf] >= end) return used < proof.length ? proof[used++] : null;
    if (end - start === 1) return leafHashes[leaf++];
    const k = 2 ** Math.floor(Math.log2(end - start - 1));
    const left = fold(start, start + k);
    const right = left === null ? null : fold(start + k, end);
    return right === null ? null : nodeHash(left, right);
  };
  const folded = fold(0, size);
  return folded !== null && used === proof.length && compareBytes(folded, root) === 0;
}

/** RFC 9162 §2.1.3.2: is `leafHash` at `index` in the tree of `size` leaves with root `root`? Never throws. */
export function verifyInclusion(index, size, leafHash, proof, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (proof.some((p) => p.length !== 32) || root.length !== 32) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
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
const hkdfExtract = (salt, ikm) => hmac(sha256, salt, ikm);

const entityLeaf = (e) => enc('entity', e.stratum, e.id);
const sortedTags = (tags) => tags.map(nfc).sort(compareText);
/** Spec §2: the strata's rules in stratum order, whatever order the inputs give them in. */
const strataRules = (input) => [...input.rules.strata].sort((a, b) => compareText(a.stratum, b.stratum));
const inspectorLeaf = (i) => {
  const tags = sortedTags(i.expertise);
  return enc('inspector', i.id, i.unit, i.active ? 'active' : 'inactive', String(tags.length), ...tags, String(i.capacity));
};
const conflictLeaf = (c) => enc('conflict', c.inspectorId, c.entityId);
const sortedLeaves = (members, leaf) => members.map(leaf).sort(compareBytes);

/** RFC 3797 style: numbers ascending, each followed by '.', the source ended by '/'. */
export const lotteryValue = (numbers) => `${[...numbers].sort((a, b) => a - b).map((n) => `${n}.`).join('')}/`;

/** n_h = ceil(numerator × N_h / denominator) in integers (§4). */
export function sampleSize(ratio, count) {
  const [num, den] = String(ratio).split('/').map(BigInt);
  const product = num * BigInt(count);
  return Number(product / den + (product % den === 0n ? 0n : 1n));
}

const rank = (ids, ticketOf) => sortByTicket(ids.map((id) => ({ id, ticket: ticketOf(id) })));

/** Lets a page repaint between two progress reports (scheduler.yield in browsers, setImmediate under Node). */
const yieldToPage = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield()
  : new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve)));

/**
 * The progress of one step of verifyBundle for its `onProgress` option: `due(done)` is true at 0, every 1/50 of
 * `total` and at `total`, so that `report(done)` calls onProgress({ step, done, total }) at most ~50 times a step and
 * then yields. Without onProgress nothing is ever due.
 */
function progress(onProgress, step, total) {
  const every = Math.max(1, Math.ceil(total / 50));
  return {
    due: (done) => typeof onProgress === 'function' && (done % every === 0 || done === total),
    async report(done) {
      onProgress({ step, done, total });
      await yieldToPage();
    },
  };
}

// ---- The DRAW-v1 recomputation shared by verifyVector and verifyBundle (inputs in the shape of draw-vectors.json) ----

/** Spec §3: each pool's sorted leaves and root, the strata in §2 order and their counts (members in JCS order). */
export async function computePools(input, { onProgress } = {}) {
  const leaves = {
    entityPool: sortedLeaves(input.entities, entityLeaf),
    inspectorPool: sortedLeaves(input.inspectors, inspectorLeaf),
    conflictPool: sortedLeaves(input.conflicts, conflictLeaf),
  };
  const roots = {};
  const members = Object.values(leaves).reduce((sum, sorted) => sum + sorted.length, 0);
  // Reported at the start and after each pool with members (members counted).
  const reporting = progress(onProgress, 'pools', members);
  let done = 0;
  if (reporting.due(0)) await reporting.report(0);
  for (const [name, sorted] of Object.entries(leaves)) {
    roots[name] = hex(merkleRoot(sorted));
    done += sorted.length;
    if (onProgress && sorted.length > 0) await reporting.report(done);
  }
  // §3's errors, each described: a member twice, an entity id in two strata, an inspector id twice (even with other
  // data), an inspector's tag twice.
  const repeated = (values) => {
    const seen = new Set();
    return values.map(nfc).find((value) => seen.size === seen.add(value).size);
  };
  const tagTwice = input.inspectors.map((i) => ({ id: i.id, tag: repeated(i.expertise) })).find((found) => found.tag !== undefined);
  const entityTwice = repeated(input.entities.map((e) => e.id));
  const inspectorTwice = repeated(input.inspectors.map((i) => i.id));
  const conflictTwice = repeated(input.conflicts.map((c) => `${c.inspectorId} ↔ ${c.entityId}`));
  const duplicates = {
    entityPool: entityTwice && `entity ${entityTwice} twice`,
    inspectorPool: (inspectorTwice && `inspector ${inspectorTwice} twice`) ?? (tagTwice && `inspector ${tagTwice.id} with tag ${tagTwice.tag} twice`),
    conflictPool: conflictTwice && `conflict ${conflictTwice} twice`,
  };
  const duplicateFree = Object.fromEntries(Object.entries(duplicates).map(([name, value]) => [name, value === undefined]));
  const byStratum = new Map();
  for (const e of input.entities) {
    const stratum = nfc(e.stratum);
    if (!byStratum.has(stratum)) byStratum.set(stratum, []);
    byStratum.get(stratum).push(nfc(e.id));
  }
  const strata = [...byStratum.keys()].sort(compareText);
  const counts = strata.map((stratum) => ({ count: byStratum.get(stratum).length, stratum }));
  return { leaves, roots, duplicateFree, duplicates, strata, counts, byStratum };
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
      strata: strataRules(input).map(rule),
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
async function checkCommitment(check, canonical, recordedHash, input, pools, seeded = true) {
  const commitHash = sha256(utf8.encode(canonical));
  check('CommitHash', hex(commitHash) === recordedHash, hex(commitHash));
  let commitment;
  try {
    commitment = JSON.parse(canonical);
  } catch (error) {
    commitment = {};
  }
  const secrets = input.partySecrets.map(fromHex);
  const partyHashes = secrets.map((secret) => hex(sha256(secret)));
  // Before its randomness a round may still wait for secrets: those revealed so far must be among the committed ones.
  const committedParties = Array.isArray(commitment.partyCommitments) ? commitment.partyCommitments : [];
  const expected = commitmentFromInputs(input, pools, seeded ? partyHashes : committedParties);
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
  check('party secrets match their commitments', seeded ? same(partyHashes, commitment.partyCommitments)
    : partyHashes.every((h) => committedParties.includes(h)));
  const rebuilt = jcs(expected);
  const at = [...rebuilt].findIndex((c, i) => c !== canonical[i]);
  check('commitment rebuilt from the inputs', rebuilt === canonical,
    rebuilt === canonical ? 'byte-identical JCS' : `first difference at character ${at === -1 ? rebuilt.length : at}`);
  return { commitHash, commitment, secrets };
}

/** Spec §7: the IKM of the values (in committed order) and the party secrets. */
const ikmOf = (values, secrets) => concat([...values.flatMap((v) => [enc(v.label), enc(v.value)]), ...secrets.flatMap((s) => [enc('party'), enc(s)])]);

/** Spec §6–§7: canonical values in committed order, the IKM, the PRK and the ticket function. */
async function checkSeed(check, values, sources, secrets, commitHash, recorded) {
  check('values in committed order', same(values.map((v) => v.label), sources.map((s) => s.label)));
  check('values canonical', values.length === sources.length && values.every((v, i) => sources[i].kind === 'drand'
    ? /^([0-9a-f]{2})+$/.test(v.value)
    : /^([0-9]+\.)+\/$/.test(v.value) && lotteryValue(v.value.slice(0, -2).split('.').map(Number)) === v.value));
  const ikm = ikmOf(values, secrets);
  check('IKM', hex(ikm) === recorded.ikm);
  const prk = hkdfExtract(commitHash, ikm);
  check('PRK', hex(prk) === recorded.prk, hex(prk));
  return ticketMaker(prk);
}

/** Spec §8: every stratum's full rank list and sample size, the selection in selection order and its root. */
export async function selectEntities(strataRules, byStratum, ticket, { onProgress } = {}) {
  const strata = [];
  const selected = [];
  const ruled = strataRules.map((rule) => byStratum.get(nfc(rule.stratum)) ?? []);
  const reporting = progress(onProgress, 'selection', ruled.reduce((sum, ids) => sum + ids.length, 0));
  let done = 0;
  if (reporting.due(done)) await reporting.report(done);
  for (const [index, rule] of strataRules.entries()) {
    const stratum = nfc(rule.stratum);
    const ids = ruled[index];
    const entries = [];
    for (const id of ids) {
      entries.push({ id, ticket: ticket('entity', stratum, id) });
      if (reporting.due(++done)) await reporting.report(done);
    }
    const order = sortByTicket(entries);
    const n = sampleSize(rule.ratio, ids.length);
    strata.push({ stratum, poolSize: ids.length, sampleSize: n, ranked: order });
    selected.push(...order.slice(0, n).map((e, position) => ({ stratum, id: e.id, rank: position, ticket: e.ticket })));
  }
  const leaves = selected.map((e) => enc('selected', e.stratum, e.id));
  return { strata, selected, leaves, root: hex(merkleRoot(leaves)) };
}

/**
 * Spec §9, one entity at a time: the inspectors, conflicts and rules of a draw, the ranking of every inspector for an
 * entity, the first failing check for one candidate, and the walk itself. The initial matching (matchInspectors) and
 * the replay of later adjustments (replayAdjustments, as InspectorMatching.Continue and Decide) both use it.
 */
export function inspectorMatcher(input, strataRules, ticket) {
  const inspectors = new Map(input.inspectors.map((i) => [nfc(i.id), i]));
  const conflicts = new Set(input.conflicts.map((c) => `${nfc(c.inspectorId)}\u0000${nfc(c.entityId)}`));
  const need = input.rules.inspectorsPerEntity;
  const cap = input.rules.capacityCap;
  const expertiseOf = (stratum) => strataRules.find((r) => nfc(r.stratum) === stratum)?.expertise;
  const unitOf = (id) => nfc(inspectors.get(id).unit);
  /** Every inspector of the pool ranked by ticket("inspector", entityId, inspectorId) (§9 step 2). */
  const ids = [...inspectors.keys()];
  const rankFor = (entityId) => rank(ids, (id) => ticket('inspector', entityId, id));
  /**
   * The first failing check for `id` on the entity (§9 step 3), given the objects it holds now, the entity's units and
   * `declared`, the inspectors an adjustment recorded as declaring a conflict with the entity at the act (§12.2 item 8).
   */
  const decide = (id, stratum, entityId, held, units, declared = new Set()) => {
    const inspector = inspectors.get(id);
    const tag = expertiseOf(stratum);
    return !inspector.active ? 'inactive'
      : tag != null && !inspector.expertise.map(nfc).includes(nfc(tag)) ? 'no-expertise'
      : conflicts.has(`${id}\u0000${entityId}`) || declared.has(id) ? 'recused'
      : held >= Math.min(inspector.capacity, cap) ? 'capacity'
      : units.has(unitOf(id)) ? 'same-unit'
      : 'assigned';
  };
  /**
   * Consults `order` (a rankFor list) from position `from` until `needed` inspectors are assigned or it runs out.
   * `held` (inspector id → objects held) and `units` (the entity's units) are updated for every assignment; the
   * inspectors in `removed` (taken off the entity by adjustments) are skipped as 'removed' (§10.1).
   * Returns the consulted candidates (tickets hex) and the assigned inspectors.
   */
  const walk = (order, from, stratum, entityId, needed, held, units, declared, removed = new Set()) => {
    const candidates = [];
    const assigned = [];
    for (let at = from; at < order.length && assigned.length < needed; at++) {
      const { id, ticket: inspectorTicket } = order[at];
      const decision = removed.has(id) ? 'removed' : decide(id, stratum, entityId, held.get(id) ?? 0, units, declared);
      if (decision === 'assigned') {
        assigned.push(id);
        units.add(unitOf(id));
        held.set(id, (held.get(id) ?? 0) + 1);
      }
      candidates.push({ inspectorId: id, ticket: hex(inspectorTicket), decision });
    }
    return { candidates, assigned };
  };
  return { inspectors, ids, need, unitOf, rankFor, decide, walk };
}

/** An inspector ranked by a worker: its ticket is made again here only if the walk consults it. */
class RankedInspector {
  constructor(id, entityId, ticket) {
    Object.assign(this, { id, entityId, make: ticket });
  }

  get ticket() {
    return this.make('inspector', this.entityId, this.id);
  }
}

/** Rank the inspectors in workers from this many tickets of the matching on (workers cost ~0.1 s to start). */
const workersFrom = 250_000;

/**
 * Spec §9: the assignment transcript in walk order (tickets hex) and the infeasible entities. `workers` (by default 2
 * from `workersFrom` tickets on, else none) rank each entity's inspectors on other cores (rankInWorkers) while this
 * thread walks, in walk order: the walk depends on what each inspector already holds.
 */
export async function matchInspectors(selected, input, strataRules, ticket, { onProgress, workers } = {}) {
  const matcher = inspectorMatcher(input, strataRules, ticket);
  const held = new Map();
  const walkOrder = sortByTicket(selected);
  const assignments = [];
  const infeasible = [];
  const count = workers ?? (walkOrder.length * matcher.ids.length >= workersFrom ? 2 : 0);
  const rankings = count > 0 ? await rankInWorkers(ticket.prk, matcher.ids, walkOrder.map((e) => e.id), { count }) : null;
  const reporting = progress(onProgress, 'matching', walkOrder.length);
  if (reporting.due(0)) await reporting.report(0);
  try {
    for (const [k, entity] of walkOrder.entries()) {
      const positions = await rankings?.rankingAt(k);
      const order = positions ? Array.from(positions, (at) => new RankedInspector(matcher.ids[at], entity.id, ticket))
        : matcher.rankFor(entity.id);
      const { candidates, assigned } = matcher.walk(order, 0, entity.stratum, entity.id, matcher.need, held, new Set());
      assignments.push({ stratum: entity.stratum, entityId: entity.id, candidates });
      if (assigned.length < matcher.need) infeasible.push({ stratum: entity.stratum, entityId: entity.id, found: assigned.length, required: matcher.need });
      if (reporting.due(assignments.length)) await reporting.report(assignments.length);
    }
  } finally {
    rankings?.close();
  }
  return { assignments, infeasible };
}

// ---- Later adjustments: substitutions (§10) and reassignments, replayed as DrawAdjustments.Replay does ----

/**
 * Who holds what after the assignment and each adjustment so far (AssignmentBook): the inspectors of each entity, the
 * objects each inspector holds, how many candidates of each entity's inspector ranking were consulted, the inspectors
 * taken off each entity, and the substitutions. Built from the recorded transcript; `apply` adds a recorded adjustment.
 */
function assignmentBook(assignments) {
  const assigned = new Map();
  const consulted = new Map();
  const held = new Map();
  const removed = new Map();
  const substitutions = [];
  const record = (walk) => {
    const ids = walk.candidates.filter((c) => c.decision === 'assigned').map((c) => c.inspectorId);
    assigned.set(walk.entityId, ids);
    consulted.set(walk.entityId, walk.candidates.length);
    for (const id of ids) held.set(id, (held.get(id) ?? 0) + 1);
  };
  const inspectorsOf = (entityId) => assigned.get(entityId) ?? [];
  for (const walk of assignments) record(walk);
  return {
    held,
    substitutions,
    inspectorsOf,
    samples: (entityId) => assigned.has(entityId),
    consultedOf: (entityId) => consulted.get(entityId) ?? 0,
    removedFrom: (entityId) => removed.get(entityId) ?? new Set(),
    wasRemoved: (entityId, id) => removed.get(entityId)?.has(id) ?? false,
    apply(adjustment) {
      if (adjustment.kind === 'substitution') {
        const s = adjustment.substitution;
        for (const id of inspectorsOf(s.replacedId)) held.set(id, held.get(id) - 1);
        assigned.delete(s.replacedId);
        substitutions.push({ stratum: s.stratum, replacedId: s.replacedId, replacementId: s.replacementId });
        record(s.assignment);
      } else {
        const r = adjustment.reassignment;
        const ids = inspectorsOf(r.entityId);
        if (r.removedInspectorId != null) { // a relaxation takes none off
          if (ids.includes(r.removedInspectorId)) ids.splice(ids.indexOf(r.removedInspectorId), 1);
          held.set(r.removedInspectorId, (held.get(r.removedInspectorId) ?? 0) - 1);
          if (!removed.has(r.entityId)) removed.set(r.entityId, new Set());
          removed.get(r.entityId).add(r.removedInspectorId);
        }
        consulted.set(r.entityId, (consulted.get(r.entityId) ?? 0) + (r.candidates ?? []).length);
        if (r.replacementInspectorId != null) {
          assigned.set(r.entityId, [...ids, r.replacementInspectorId]);
          held.set(r.replacementInspectorId, (held.get(r.replacementInspectorId) ?? 0) + 1);
        }
      }
    },
  };
}

const REASSIGNMENT_TRIGGERS = ['recused', 'unavailable', 'other', 'infeasible'];

/** Text.Required: present, not blank, at most `max` UTF-16 code units once trimmed. */
const required = (value, max) => typeof value === 'string' && value.trim().length > 0 && value.trim().length <= max;

/** The reason, evidence and approver of an adjustment (DrawAdjustments.Justification), or the first problem. */
function justification(a, actor) {
  return !required(a.reason, 500) ? 'the reason is empty or longer than 500 characters'
    : !required(a.evidence, 1000) ? 'the evidence is empty or longer than 1000 characters'
    : !required(a.approvedBy, 64) ? 'no approver'
    : !required(actor, 64) ? 'no actor'
    : a.approvedBy.trim() === actor ? `the approver ${a.approvedBy} is the actor`
    : null;
}

/** The first difference between a recomputed walk and a recorded one (candidates of inspectorId and decision), or null. */
function walkDifference(recomputed, recorded) {
  const k = recomputed.findIndex((c, i) => c.inspectorId !== recorded[i]?.inspectorId || c.decision !== recorded[i]?.decision);
  if (k >= 0) {
    return `candidate ${k}: the rules give ${recomputed[k].inspectorId} ${recomputed[k].decision}, recorded ${recorded[k] ? `${recorded[k].inspectorId} ${recorded[k].decision}` : 'none'}`;
  }
  return recomputed.length === recorded.length ? null : `the rules consult ${recomputed.length} candidates, recorded ${recorded.length}`;
}

/**
 * Replays the adjustments (bundle `outputs.adjustments`, in ledger order) exactly as DrawAdjustments.Replay does, from
 * the full rank lists of the selection (selectEntities), the recorded assignment transcript and the matcher of the
 * draw (inspectorMatcher). Each adjustment is checked against the book as recorded before it, then applied.
 * Returns one { name, pass, detail } per adjustment.
 */
export async function replayAdjustments(adjustments, { selection, assignments, infeasible, matcher, onProgress }) {
  const book = assignmentBook(assignments);
  const selectedIds = selection.selected.map((e) => e.id);
  const stratumOf = new Map(selection.strata.flatMap((s) => s.ranked.map((e) => [e.id, s])));
  const results = [];
  const reporting = progress(onProgress, 'adjustments', adjustments.length);
  if (reporting.due(0)) await reporting.report(0);
  for (const [index, adjustment] of adjustments.entries()) {
    const s = adjustment.kind === 'substitution' ? adjustment.substitution : null;
    const r = adjustment.kind === 'reassignment' ? adjustment.reassignment : null;
    const name = `adjustment ${index}: ${s ? `substitution of ${s.replacedId}` : r ? `reassignment on ${r.entityId}` : `kind ${adjustment.kind}`}`;
    let problem;
    try {
      problem = s ? await replaySubstitution(s, book, selectedIds, stratumOf, matcher)
        : r ? await replayReassignment(r, book, selection, infeasible, matcher)
        : `an adjustment is a "substitution" or a "reassignment" with its record, not "${adjustment.kind}"`;
    } catch (error) {
      problem = `not replayable: ${error.message}`;
    }
    results.push({ name, pass: problem === null, detail: problem ?? (s ? `replaced by ${s.replacementId} (rank ${s.replacementRank}), ${s.assignment.candidates.length} candidates consulted`
      : `${r.rule}: ${r.removedInspectorId ?? 'none taken off'} → ${r.replacementInspectorId ?? 'no inspector'}`) });
    if (s || r) book.apply(adjustment);
    if (reporting.due(index + 1)) await reporting.report(index + 1);
  }
  return results;
}

/** EntitySubstitution.Next and the continued walk of the replacement with the replaced entity's inspectors released. */
async function replaySubstitution(s, book, selectedIds, stratumOf, matcher) {
  const unjustified = justification(s, s.substitutedBy);
  if (unjustified) return unjustified;
  const earlier = book.substitutions;
  const inSample = new Set([...selectedIds, ...earlier.map((e) => e.replacementId)]);
  for (const e of earlier) inSample.delete(e.replacedId);
  const stratum = stratumOf.get(s.replacedId);
  if (stratum === undefined || !inSample.has(s.replacedId)) return `entity ${s.replacedId} is not in the current sample`;
  const used = new Set([...selectedIds, ...earlier.flatMap((e) => [e.replacedId, e.replacementId])]);
  const rankOf = stratum.ranked.findIndex((e) => !used.has(e.id));
  if (rankOf < 0) return `stratum ${stratum.stratum} has no unused entity left to replace ${s.replacedId}`;
  const next = stratum.ranked[rankOf];
  if (s.stratum !== stratum.stratum || s.replacementId !== next.id || s.replacementRank !== rankOf || s.replacementTicket !== hex(next.ticket)) {
    return `${s.replacedId} must be replaced by ${next.id} (stratum ${stratum.stratum}, rank ${rankOf}, ticket ${hex(next.ticket)}), recorded ${s.replacementId} (stratum ${s.stratum}, rank ${s.replacementRank}, ticket ${s.replacementTicket})`;
  }
  if (s.assignment?.entityId !== next.id || s.assignment.stratum !== stratum.stratum) {
    return `the recorded walk is for ${s.assignment?.entityId} in stratum ${s.assignment?.stratum}, not the replacement ${next.id}`;
  }
  const { declared, problem } = conflictsAtTheAct(s.conflicts, next.id, matcher);
  if (problem) return problem;
  const held = new Map(book.held);
  for (const id of book.inspectorsOf(s.replacedId)) held.set(id, held.get(id) - 1);
  const { candidates } = matcher.walk(matcher.rankFor(next.id), 0, stratum.stratum, next.id, matcher.need, held, new Set(), declared);
  const differs = walkDifference(candidates, s.assignment.candidates ?? []);
  return differs && `the walk of the replacement ${next.id} differs: ${differs}`;
}

/**
 * DrawAdjustments.Reassign replayed: a next-ticket replacement is the entity's inspector ranking continued from the
 * consulted position, against the held counts now and the kept inspectors' units, up to the first assigned, skipping
 * every inspector taken off the entity; a manual one must pass every check of the walk and be neither the removed
 * inspector nor one removed from or kept on the entity. A relaxation (trigger 'infeasible', none taken off) is a manual
 * one on an entity the transcript recorded infeasible (`infeasible`, its entries) and still short of inspectors.
 */
async function replayReassignment(r, book, selection, infeasible, matcher) {
  const unjustified = justification(r, r.reassignedBy);
  if (unjustified) return unjustified;
  if (!REASSIGNMENT_TRIGGERS.includes(r.trigger)) return `the trigger is "${r.trigger}", not one of ${REASSIGNMENT_TRIGGERS.join(', ')}`;
  const relaxation = r.trigger === 'infeasible';
  if (relaxation !== (r.removedInspectorId == null) || (relaxation && r.rule !== 'manual')) {
    return relaxation ? 'a relaxation (trigger "infeasible") takes no inspector off and names one (rule "manual")'
      : `a reassignment for "${r.trigger}" takes an inspector off`;
  }
  const kept = [...book.inspectorsOf(r.entityId)];
  if (relaxation) {
    if (!book.samples(r.entityId)) return `entity ${r.entityId} is not in the current sample`;
    if (!(infeasible ?? []).some((e) => e.entityId === r.entityId) || kept.length >= matcher.need) {
      return `entity ${r.entityId} was not recorded infeasible or is no longer short of inspectors`;
    }
  } else if (!kept.includes(r.removedInspectorId)) {
    return `inspector ${r.removedInspectorId} is not assigned to entity ${r.entityId}`;
  } else {
    kept.splice(kept.indexOf(r.removedInspectorId), 1);
  }
  const stratum = selection.selected.find((e) => e.id === r.entityId)?.stratum
    ?? book.substitutions.find((e) => e.replacementId === r.entityId).stratum;
  const held = new Map(book.held);
  if (!relaxation) held.set(r.removedInspectorId, held.get(r.removedInspectorId) - 1);
  const units = new Set(kept.map(matcher.unitOf));
  const candidates = r.candidates ?? [];
  const { declared, problem } = conflictsAtTheAct(r.conflicts, r.entityId, matcher);
  if (problem) return problem;
  if (r.rule === 'manual') {
    const named = r.replacementInspectorId;
    if (typeof named !== 'string' || named.length === 0) return 'a manual reassignment names no inspector';
    if (candidates.length !== 0) return `a manual reassignment consults no candidates, recorded ${candidates.length}`;
    if (!matcher.inspectors.has(named)) return `the named inspector ${named} is not in the round's frozen pool`;
    const decision = named === r.removedInspectorId || book.wasRemoved(r.entityId, named) || kept.includes(named)
      ? 'already-removed-or-assigned'
      : matcher.decide(named, stratum, r.entityId, held.get(named) ?? 0, units, declared);
    return decision === 'assigned' ? null : `the named inspector ${named} fails the rules: ${decision}`;
  }
  if (r.rule !== 'next-ticket') return `the rule is "${r.rule}", not "next-ticket" or "manual"`;
  const order = matcher.rankFor(r.entityId);
  const takenOff = new Set([...book.removedFrom(r.entityId), r.removedInspectorId]);
  const walked = matcher.walk(order, book.consultedOf(r.entityId), stratum, r.entityId, 1, held, units, declared, takenOff);
  const replacement = walked.assigned[0] ?? null;
  if (replacement !== (r.replacementInspectorId ?? null)) {
    return `on ${r.entityId} the rules give ${replacement ?? 'no inspector'}, recorded ${r.replacementInspectorId ?? 'none'}`;
  }
  const differs = walkDifference(walked.candidates, candidates);
  return differs && `the walk on ${r.entityId} differs: ${differs}`;
}

/**
 * The conflicts an adjustment recorded as in force at the act on `entityId` (§12.2 item 8), as the set of their
 * inspectors; none for an event recorded before adjustments carried them. Each must name the entity and an inspector of
 * the pool, once, in inspector order, as DrawAdjustments records them.
 */
function conflictsAtTheAct(recorded, entityId, matcher) {
  if (recorded == null) return { declared: new Set() };
  const ids = recorded.map((c) => nfc(c.inspectorId));
  const wellFormed = recorded.every((c) => c.entityId === entityId && matcher.inspectors.has(nfc(c.inspectorId)))
    && ids.every((id, i) => i === 0 || ids[i - 1] < id);
  return wellFormed ? { declared: new Set(ids) }
    : { problem: `the conflicts recorded for ${entityId} are not declarations naming it and an inspector of the pool, once each, in inspector order` };
}

// ---- The vectors' own members beyond the bundle's: raw values, relaxation, adjustments with their book (§11) ----

/** DrawDecisions.InfeasibleRelaxation: the one relaxation DRAW-v1 fixes, recorded with each infeasible entity (§9 step 5). */
export const RELAXATION = 'manual assignment (合理调整) of a qualified inspector by an approver, '
  + 'recorded as InspectorReassigned with reason and evidence';

/** §6 applied to a value as entered: drand hex trimmed and lower-cased (null unless even hex), lottery numbers sorted. */
function canonicalValue(raw) {
  if (typeof raw.signature === 'string') {
    const value = raw.signature.trim().toLowerCase();
    return /^([0-9a-f]{2})+$/.test(value) ? value : null;
  }
  return Array.isArray(raw.numbers) && raw.numbers.length > 0 && raw.numbers.every((n) => Number.isInteger(n) && n >= 0)
    ? lotteryValue(raw.numbers) : null;
}

/** The declarations of an act that name `entityId` and an inspector of the pool, once each, in inspector order (§12.1). */
const consultedAtTheAct = (declared, entityId, matcher) => [...new Map(declared
  .filter((c) => c.entityId === entityId && matcher.inspectors.has(c.inspectorId))
  .map((c) => [c.inspectorId, { inspectorId: c.inspectorId, entityId }])).values()]
  .sort((a, b) => (a.inspectorId < b.inspectorId ? -1 : 1));

/**
 * A vector's adjustments in sequence: each `record` is JCS and replays as DrawAdjustments.Replay does against the book
 * before it; its payload (with the walk's tickets) is the vector's; it is what the act asked, with the conflicts the
 * act's declarations give; and the book after it is the vector's `book`. One { name, pass, detail } per adjustment.
 */
async function checkVectorAdjustments(adjustments, { selection, assignments, infeasible, matcher, ticket }) {
  const book = assignmentBook(assignments);
  const selectedIds = selection.selected.map((e) => e.id);
  const stratumOf = new Map(selection.strata.flatMap((s) => s.ranked.map((e) => [e.id, s])));
  const withTickets = (entityId, candidates) => candidates.map((c) =>
    ({ inspectorId: c.inspectorId, ticket: hex(ticket('inspector', entityId, c.inspectorId)), decision: c.decision }));
  const results = [];
  for (const [index, a] of adjustments.entries()) {
    let data = null;
    try {
      data = JSON.parse(a.record);
    } catch {
      // reported below
    }
    const p = camel(data ?? {});
    const act = a.act ?? {};
    const substitution = a.kind === 'substitution';
    const concerned = substitution ? p.replacementId : p.entityId;
    const expected = substitution
      ? {
        stratum: p.stratum, replacedId: p.replacedId, replacementId: p.replacementId, replacementRank: p.replacementRank,
        replacementTicket: p.replacementTicket,
        assignment: {
          stratum: p.assignment?.stratum, entityId: p.assignment?.entityId,
          candidates: withTickets(p.replacementId, p.assignment?.candidates ?? []),
        },
        conflicts: p.conflicts,
      }
      : {
        entityId: p.entityId, removedInspectorId: p.removedInspectorId, trigger: p.trigger, rule: p.rule,
        replacementInspectorId: p.replacementInspectorId ?? null, candidates: withTickets(p.entityId, p.candidates ?? []),
        conflicts: p.conflicts,
      };
    const named = act.replacementInspectorId;
    const asked = substitution ? act.entityId === p.replacedId
      : act.entityId === p.entityId && act.inspectorId === p.removedInspectorId && act.trigger === p.trigger
        && (named === undefined ? p.rule === 'next-ticket' : p.rule === 'manual' && named === p.replacementInspectorId);
    const consulted = consultedAtTheAct(act.declared ?? [], concerned, matcher);
    let problem = data === null || jcs(data) !== a.record ? 'the record is not the JCS text of a JSON object'
      : !['substitution', 'reassignment'].includes(a.kind) ? `kind "${a.kind}"`
      : !sameJson(expected, a[a.kind]) ? `the ${a.kind} (with its walk's tickets) is not the record's`
      : !asked ? 'the record is not what the act asked'
      : !sameJson(p.conflicts, consulted) ? `the conflicts are not the act's declarations naming ${concerned}`
      : null;
    try {
      problem ??= substitution
        ? await replaySubstitution(p, book, selectedIds, stratumOf, matcher)
        : await replayReassignment(p, book, selection, infeasible, matcher);
    } catch (error) {
      problem = `not replayable: ${error.message}`;
    }
    if (problem === null) {
      book.apply({ kind: a.kind, [a.kind]: p });
      const sample = book.substitutions.reduce(
        (ids, s) => ids.map((id) => (id === s.replacedId ? s.replacementId : id)), selectedIds);
      const ids = [...matcher.inspectors.keys()].sort();
      const after = {
        entities: sample.map((entityId) => ({
          entityId, inspectors: book.inspectorsOf(entityId), consulted: book.consultedOf(entityId),
          removed: ids.filter((id) => book.wasRemoved(entityId, id)),
        })),
        held: ids.map((inspectorId) => ({ inspectorId, held: book.held.get(inspectorId) ?? 0 })),
      };
      if (!sameJson(after, a.book)) problem = 'the book after it differs';
    }
    results.push({ name: `vector adjustment ${index} (${a.kind})`, pass: problem === null, detail: problem ?? '' });
    if (problem !== null) break;
  }
  return results;
}

// Each check's outcome is 'pass', 'fail', 'not-run' (nothing was given to check) or 'not-reached' (a step the round
// never took), as in the .NET report (docs/ledger-integrity.md, "Verification outcomes"); only 'pass' counts as
// passed. A failure is named before a check that was not run.
function checker() {
  const checks = [];
  const check = (name, pass, detail = '') => checks.push({ name, pass: Boolean(pass), outcome: pass ? 'pass' : 'fail', detail });
  const notRun = (name, detail) => checks.push({ name, pass: false, outcome: 'not-run', detail });
  const notReached = (name, detail) => checks.push({ name, pass: false, outcome: 'not-reached', detail });
  const result = (extra) => {
    const firstMismatch = (checks.find((c) => c.outcome === 'fail') ?? checks.find((c) => c.outcome === 'not-run'))?.name ?? null;
    return { ...extra, ok: firstMismatch === null && checks.every((c) => c.pass), firstMismatch, checks };
  };
  return { check, notRun, notReached, checks, result };
}

export async function verifyVector(vector, { workers } = {}) {
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

  const selection = await selectEntities(strataRules(input), pools.byStratum, ticket);
  check('entity tickets and rank lists', same(selection.strata.map((s) => ({
    stratum: s.stratum, sampleSize: s.sampleSize, ranked: s.ranked.map((e) => ({ id: e.id, ticket: hex(e.ticket) })),
  })), vector.selection.strata.map(({ rankRoot: _, ...s }) => s)));
  await checkRankRoots(check, selection, vector.selection.strata.map((s) => ({ stratum: s.stratum, root: s.rankRoot })));
  await checkVectorEntityProofs(check, vector, ticket);
  check('selection', same(selection.selected.map((e, i) => ({ stratum: e.stratum, id: e.id, leaf: hex(selection.leaves[i]) })), vector.selection.selected));
  check('selection root', selection.root === vector.selection.root);

  const matching = await matchInspectors(selection.selected, input, strataRules(input), ticket, { workers });
  check('assignment transcript', same(matching.assignments, vector.assignments));
  check('infeasible entities', same(matching.infeasible.map((e) => ({ ...e, relaxation: RELAXATION })), vector.infeasible));
  if (input.rawValues !== undefined) {
    const canonical = input.rawValues.map((r) => ({ label: r.label, value: canonicalValue(r) }));
    check('raw values canonicalised', same(canonical, vector.randomness.values));
  }
  if (vector.adjustments !== undefined) {
    const matcher = inspectorMatcher(input, strataRules(input), ticket);
    const checked = await checkVectorAdjustments(
      vector.adjustments, { selection, assignments: matching.assignments, infeasible: matching.infeasible, matcher, ticket });
    for (const c of checked) {
      check(c.name, c.pass, c.detail);
    }
  }

  return result({ name: vector.name });
}

// ---- Ranked-ticket trees (docs/draw-protocol.md §8.1) ----

/** A leaf of a stratum's ranked-ticket tree: enc("ranked", stratum, entityId, ticket), the ticket as its 32 bytes. */
export const rankedLeaf = (stratum, entityId, ticket) => enc('ranked', stratum, entityId, ticket);

/** Each stratum's rank root (hex) in stratum order, over selectEntities' full rank lists: what only a full check proves. */
export async function rankRoots(selection) {
  return Promise.all(selection.strata.map(async (s) => ({
    stratum: s.stratum, root: hex(await merkleRoot(s.ranked.map((e) => rankedLeaf(s.stratum, e.id, e.ticket)))),
  })));
}

// The per-entity check (entity-proof.mjs) recomputes its seed and leaves with these same helpers.
export { camel, commitmentFromInputs, fromHex, hex, hkdfExtract, ikmOf, sha256 };

/** Check 'rank roots': the recorded roots against the recomputed ones; a round executed before them has none. */
async function checkRankRoots(check, selection, recorded) {
  if (recorded === undefined || recorded === null) {
    check('rank roots', true, 'not recorded (executed before issue 22): the per-entity proof is not available for this round');
    return;
  }
  const recomputed = await rankRoots(selection);
  const at = recomputed.findIndex((r, i) => !sameJson(r, recorded[i]));
  check('rank roots', at < 0 && recomputed.length === recorded.length, at < 0 && recomputed.length === recorded.length
    ? `${recomputed.length} strata`
    : `stratum ${recomputed[at]?.stratum ?? recorded[recomputed.length]?.stratum}: recomputed ${recomputed[at]?.root}, recorded ${recorded[at]?.root}`);
}

/** A vector's per-entity proofs (§8.1), each from the entity root and its stratum's rank root alone. */
async function checkVectorEntityProofs(check, vector, ticket) {
  for (const p of vector.entityProofs ?? []) {
    const stratum = vector.selection.strata.find((s) => s.stratum === p.stratum);
    const entityLeaf = enc('entity', p.stratum, p.entityId);
    const t = await ticket('entity', p.stratum, p.entityId);
    const ranked = rankedLeaf(p.stratum, p.entityId, t);
    check(`entity proof ${p.entityId}`, hex(entityLeaf) === p.entityLeaf && hex(t) === p.ticket && hex(ranked) === p.rankedLeaf
      && await verifyInclusion(p.leafIndex, vector.entityPool.leaves.length, merkleLeafHash(entityLeaf), p.entityProof.map(fromHex), fromHex(vector.entityPool.root))
      && await verifyInclusion(p.rank, stratum.ranked.length, merkleLeafHash(ranked), p.rankProof.map(fromHex), fromHex(stratum.rankRoot))
      && p.selected === (p.rank < stratum.sampleSize), `rank ${p.rank} of ${stratum.ranked.length}, ${p.selected ? 'selected' : 'not selected'}`);
  }
}

// ---- Ledger keys, signed checkpoints and receipts (docs/ledger-integrity.md) ----

/**
 * Parses a verifier key "name+keyidhex+base64(0x02 || DER SPKI)" (C2SP signed-note type 0x02, ECDSA P-256) and imports
 * it for WebCrypto. The key ID must be SHA-256(SPKI)[:4]. Throws with a reason.
 */
export async function parseVerifierKey(text) {
  const first = typeof text === 'string' ? text.indexOf('+') : -1;
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new Error('a verifier key is "name+keyid+key"');
  const [name, keyIdHex, material] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  if (name.length === 0 || /[\s+\p{Cc}]/u.test(name)) throw new Error('the key name must be non-empty, without spaces, control characters or "+"');
  if (!/^[0-9a-f]{8}$/.test(keyIdHex)) throw new Error('the key ID must be 8 lowercase hex digits');
  let bytes;
  try {
    bytes = fromBase64(material);
  } catch {
    throw new Error('the key is not base64');
  }
  if (bytes.length < 2 || bytes[0] !== 0x02) throw new Error('the key is not of signature type 0x02 (ECDSA)');
  const spki = bytes.slice(1);
  let key;
  try {
    key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch (error) {
    throw new Error(`the key is not an ECDSA P-256 SubjectPublicKeyInfo (${error.message})`);
  }
  const keyId = sha256(spki).slice(0, 4);
  if (hex(keyId) !== keyIdHex) throw new Error('the key ID does not match the public key');
  return { text, name, keyId, key };
}

/** An ASN.1 DER Ecdsa-Sig-Value SEQUENCE { r INTEGER, s INTEGER } as the 64-byte IEEE P1363 r || s WebCrypto wants. */
export function derToP1363(der) {
  let i = 0;
  const length = () => {
    let n = der[i++];
    if (n === 0x81) n = der[i++];
    else if (n > 0x7f) throw new Error('unsupported DER length');
    return n;
  };
  if (der[i++] !== 0x30 || length() !== der.length - i) throw new Error('not a DER SEQUENCE');
  const parts = [0, 1].map(() => {
    if (der[i++] !== 0x02) throw new Error('not a DER INTEGER');
    const n = length();
    let value = der.slice(i, i + n);
    i += n;
    if (n === 0 || value.length !== n || value[0] & 0x80) throw new Error('bad DER INTEGER');
    while (value.length > 1 && value[0] === 0) value = value.slice(1);
    if (value.length > 32) throw new Error('DER INTEGER too long for P-256');
    return concat([new Uint8Array(32 - value.length), value]);
  });
  if (i !== der.length) throw new Error('bytes after the DER SEQUENCE');
  return concat(parts);
}

const ecdsaVerify = (key, signature, data) => subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key.key, signature, data);

/**
 * Verifies a C2SP signed note (a tlog checkpoint) with one trusted key, as CheckpointVerifier does: lines from other
 * keys are ignored, at least one must be from the trusted key and all of those must verify, then the body must be
 * exactly origin, tree size, base64 root. Returns { origin, size, root } or throws with the reason.
 */
export async function verifyCheckpoint(note, key) {
  if (typeof note !== 'string' || note.length === 0 || /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(note)) {
    throw new Error('malformed note: empty, or holds a control character other than newline');
  }
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0 || !note.endsWith('\n') || separator + 2 === note.length) throw new Error('malformed note: no signature lines');
  const text = note.slice(0, separator + 1);
  const lines = note.slice(separator + 2, -1).split('\n');
  let matching = 0;
  for (const line of lines) {
    const space = line.lastIndexOf(' ');
    if (!line.startsWith('\u2014 ') || space <= 2) throw new Error(`malformed note: "${line}" is not a signature line`);
    const name = line.slice(2, space);
    let signature;
    try {
      signature = fromBase64(line.slice(space + 1));
    } catch {
      throw new Error(`malformed note: the signature of ${name} is not base64`);
    }
    if (signature.length <= 4) throw new Error(`malformed note: the signature line of ${name} is malformed`);
    if (name !== key.name || compareBytes(signature.slice(0, 4), key.keyId) !== 0) continue;
    matching++;
    let p1363;
    try {
      p1363 = derToP1363(signature.slice(4));
    } catch (error) {
      throw new Error(`bad signature: ${error.message}`);
    }
    if (!await ecdsaVerify(key, p1363, utf8.encode(text))) throw new Error(`bad signature: the signature of ${key.name} does not verify over the note text`);
  }
  if (matching === 0) throw new Error(`unknown key: the note has no signature from ${key.name} with key ID ${hex(key.keyId)}`);
  const body = text.slice(0, -1).split('\n');
  if (body.length !== 3 || body[0].length === 0) throw new Error('malformed body: expected origin, tree size and root hash lines');
  if (!/^(0|[1-9][0-9]*)$/.test(body[1]) || !Number.isSafeInteger(Number(body[1]))) throw new Error(`malformed body: tree size "${body[1]}"`);
  let root;
  try {
    root = fromBase64(body[2]);
  } catch {
    root = new Uint8Array(0);
  }
  if (root.length !== 32 || toBase64(root) !== body[2]) throw new Error('malformed body: the root hash is not the base64 of 32 bytes');
  return { origin: body[0], size: Number(body[1]), root };
}

/**
 * Verifies a ledger receipt with the trusted key (never the key the receipt carries): the checkpoint signature, then
 * leaf = SHA-256(0x00 || UTF-8 canonical) and its RFC 9162 inclusion proof to the signed root.
 * Returns { checkpoint: null | failure text, inclusion: null | failure text }.
 */
export async function verifyReceipt(receipt, key) {
  let checkpoint;
  try {
    checkpoint = await verifyCheckpoint(receipt.signedCheckpoint, key);
  } catch (error) {
    return { checkpoint: error.message, inclusion: 'needs a verified checkpoint' };
  }
  const proof = receipt.inclusionProof ?? [];
  if (!proof.every((p) => isHex(p, 32))) return { checkpoint: null, inclusion: 'the inclusion proof is not 32-byte hex hashes' };
  const leaf = merkleLeafHash(utf8.encode(receipt.canonical));
  const included = verifyInclusion(receipt.leafIndex, checkpoint.size, leaf, proof.map(fromHex), checkpoint.root);
  return {
    checkpoint: null,
    inclusion: included ? null : `the event at leaf ${receipt.leafIndex} is not in the signed tree of size ${checkpoint.size}`,
    size: checkpoint.size,
  };
}

// ---- Witness cosignatures (c2sp.org/tlog-cosignature, docs/ledger-integrity.md "Witnesses") ----

/**
 * Parses a witness key "name+keyidhex+base64(0x04 || 32-byte Ed25519 public key)" and imports it for WebCrypto. The key
 * ID must be SHA-256(name || 0x0A || 0x04 || public key)[:4]. Throws with a reason.
 */
export async function parseWitnessKey(text) {
  const parts = typeof text === 'string' ? text.split('+') : [];
  if (parts.length < 3) throw new Error('a witness key is "name+keyid+key"');
  const [name, keyIdHex, material] = [parts[0], parts[1], parts.slice(2).join('+')];
  if (name.length === 0 || /[\s+\p{Cc}]/u.test(name)) throw new Error('the witness name must be non-empty, without spaces, control characters or "+"');
  if (!/^[0-9a-f]{8}$/.test(keyIdHex)) throw new Error('the witness key ID must be 8 lowercase hex digits');
  let bytes;
  try {
    bytes = fromBase64(material);
  } catch {
    throw new Error('the witness key is not base64');
  }
  if (bytes.length !== 33 || bytes[0] !== 0x04) throw new Error('the witness key is not of signature type 0x04 (Ed25519 cosignature/v1) with a 32-byte key');
  const publicKey = bytes.slice(1);
  const keyId = sha256(concat([utf8.encode(name), Uint8Array.of(0x0a, 0x04), publicKey])).slice(0, 4);
  if (hex(keyId) !== keyIdHex) throw new Error('the witness key ID does not match its name and public key');
  return { text, name, keyId, key: await subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']) };
}

/**
 * Counts the cosignatures of a signed checkpoint note that verify under the witness keys (parsed with parseWitnessKey):
 * each line from a witness's name and key ID must be base64(key ID || u64 big-endian time || Ed25519 signature over
 * "cosignature/v1\ntime <time>\n" || the note text); lines of other keys are ignored, a witness counts once, and a
 * line that does not verify is named. Returns { met, cosigned: [{ name, time }], problems }.
 */
export async function checkCosignatures(note, witnesses, quorum) {
  const separator = typeof note === 'string' ? note.lastIndexOf('\n\n') : -1;
  if (separator < 0) return { met: false, cosigned: [], problems: ['malformed note: no signature lines'] };
  const text = note.slice(0, separator + 1);
  const lines = note.slice(separator + 2, -1).split('\n');
  const cosigned = [];
  const problems = [];
  for (const witness of witnesses) {
    let found = null;
    for (const line of lines) {
      const space = line.lastIndexOf(' ');
      if (!line.startsWith('\u2014 ') || line.slice(2, space) !== witness.name) continue;
      let signature;
      try {
        signature = fromBase64(line.slice(space + 1));
      } catch {
        signature = new Uint8Array(0);
      }
      if (signature.length < 4 || compareBytes(signature.slice(0, 4), witness.keyId) !== 0) continue;
      const time = signature.length === 76 ? new DataView(signature.buffer).getBigUint64(4, false) : -1n;
      const message = utf8.encode(`cosignature/v1\ntime ${time}\n${text}`);
      if (time >= 0n && time <= BigInt(Number.MAX_SAFE_INTEGER) && await subtle.verify('Ed25519', witness.key, signature.slice(12), message)) {
        found ??= { name: witness.name, time: Number(time) };
      } else {
        problems.push(`the cosignature of ${witness.name} does not verify over the checkpoint`);
      }
    }
    if (found !== null) cosigned.push(found);
  }
  return { met: cosigned.length >= quorum, cosigned, problems };
}

/** "2 of 3 witnesses cosigned (quorum 2): a, b", as WitnessCheck.Describe writes it. */
const describeWitnessing = (found, count, quorum) => `${found.cosigned.length} of ${count} witnesses cosigned (quorum ${quorum})`
  + (found.cosigned.length === 0 ? '' : `: ${found.cosigned.map((c) => c.name).join(', ')}`)
  + (found.problems.length === 0 ? '' : `; ${found.problems.join('; ')}`);

/**
 * The witnessing check of a bundle: whether the checkpoint of every receipt that verifies under the trusted ledger key
 * carries cosignatures meeting the policy ({ witnesses: key texts, quorum: k, default all }). Not run without witness
 * keys; a policy not met fails the bundle.
 */
async function checkWitnessing(bundle, key, witnessKeys, quorum) {
  if (!witnessKeys || witnessKeys.length === 0) {
    return { name: 'witnessing', pass: false, outcome: 'not-run', detail: 'no witness policy was given: the receipts\' checkpoints were not checked against witnesses' };
  }
  const fail = (detail) => ({ name: 'witnessing', pass: false, outcome: 'fail', detail });
  let witnesses;
  try {
    witnesses = await Promise.all(witnessKeys.map(parseWitnessKey));
  } catch (error) {
    return fail(`the witness policy is unusable: ${error.message}`);
  }
  const k = quorum ?? witnesses.length;
  if (!Number.isInteger(k) || k < 1 || k > witnesses.length || new Set(witnesses.map((w) => w.name)).size !== witnesses.length) {
    return fail(`the witness policy needs distinct witnesses and a quorum from 1 to ${witnesses.length}, got ${k}`);
  }
  let first = null;
  for (const event of bundle.events ?? []) {
    const note = event.receipt?.signedCheckpoint;
    if (key === null || note === undefined) continue;
    try {
      await verifyCheckpoint(note, key);
    } catch {
      continue; // no checkpoint to count cosignatures on: the receipt checks name it
    }
    const found = await checkCosignatures(note, witnesses, k);
    if (!found.met) return fail(`${event.type} #${event.sequence}: ${describeWitnessing(found, witnesses.length, k)}`);
    first ??= found;
  }
  return first === null
    ? { name: 'witnessing', pass: false, outcome: 'not-run', detail: 'no verified receipt: no checkpoint to check against the witnesses' }
    : { name: 'witnessing', pass: true, outcome: 'pass', detail: describeWitnessing(first, witnesses.length, k), cosigned: first.cosigned };
}

// ---- Evidence bundles ("fair-draw-evidence/1", docs/draw-protocol.md §12) ----

export const BUNDLE_FORMAT = 'fair-draw-evidence/1';

/** An ISO-8601 UTC instant ("2021-04-03T13:30:00Z", up to nine fraction digits) as BigInt nanoseconds, or null. */
export function instantNs(text) {
  const match = typeof text === 'string' && /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  const ms = match ? Date.parse(`${match[1]}Z`) : NaN;
  return Number.isNaN(ms) ? null : BigInt(ms) * 1000000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

// The ledger stores payloads with PascalCase members; the bundle is camelCase. Compare them as camelCase.
const camel = (value) => Array.isArray(value) ? value.map(camel)
  : value !== null && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([name, member]) => [name[0].toLowerCase() + name.slice(1), camel(member)]))
    : value;
// Stored type names are snake_case ("draw_committed"); accept the CLR name ("DrawCommitted") too.
const eventKind = (type) => String(type).replace(/_/g, '').toLowerCase();
const withoutNulls = (value) => Array.isArray(value) ? value.map(withoutNulls)
  : value !== null && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter(([, member]) => member != null).map(([name, member]) => [name, withoutNulls(member)]))
    : value;
const sameJson = (a, b) => a !== undefined && b !== undefined && jcs(a) === jcs(b);
const sameInstant = (a, b) => instantNs(a) !== null && instantNs(a) === instantNs(b);

/**
 * Verifies an evidence bundle offline. Trusts only `trustedKey` (a verifier key text, e.g. from the bureau's published
 * notice); without it, the bundle's own ledgerKey is used and the report says so. Every value the bundle records is
 * recomputed or checked against a signed ledger record; its `verification` member (the server's report) is ignored.
 * With `witnesses` (witness key texts, from outside the bundle) and `quorum` (default: all), `witnessing` reports
 * whether the receipts' checkpoints are cosigned by k of them; a policy not met makes the bundle fail, and without
 * one witnessing is not run and decides nothing.
 * The result names the round's `state` (docs/draw-protocol.md §13, "Round states"; `now`, an ISO instant, decides a
 * lapse by the clock, default the current time) and its `outcome`: 'fail' when a check failed, else 'attention' for a
 * set-aside, lapsed or superseded round (with `setAside`, the signed set-aside record, or `note`), else 'pass' when
 * every check ran and passed, else 'pending'.
 */
export async function verifyBundle(bundle, { trustedKey, witnesses, quorum, now, onProgress, workers } = {}) {
  const { check, notRun, notReached, result } = checker();
  const keyText = trustedKey ?? bundle.ledgerKey;
  const keySource = trustedKey === undefined ? 'bundle.ledgerKey' : 'trustedKey';
  let witnessing;
  let standing = { state: null, note: null, setAside: null };
  const report = (extra = {}) => {
    let verdict = result({ name: `${bundle.taskId} round ${bundle.round}`, trustedKey: { source: keySource, key: keyText }, witnessing, ...extra });
    if (witnessing.outcome === 'fail' && !verdict.checks.some((c) => c.outcome === 'fail')) {
      verdict = { ...verdict, ok: false, firstMismatch: 'witnessing' };
    }
    const failed = verdict.checks.some((c) => c.outcome === 'fail') || witnessing.outcome === 'fail';
    const outcome = failed ? 'fail' : ATTENTION_STATES.includes(standing.state) ? 'attention' : verdict.ok ? 'pass' : 'pending';
    return { ...verdict, ...standing, outcome };
  };

  check('format', bundle.format === BUNDLE_FORMAT && bundle.suite === 'DRAW-v1-SHA256', `${bundle.format} ${bundle.suite}`);
  let key = null;
  let keyProblem = '';
  try {
    key = await parseVerifierKey(keyText);
  } catch (error) {
    keyProblem = `: ${error.message}`;
  }
  check('trusted key', key !== null, keySource === 'trustedKey'
    ? `the given key ${keyText}${keyProblem}${bundle.ledgerKey === keyText ? '' : `; the bundle names another ledger key, ${bundle.ledgerKey}`}`
    : `the bundle's own ledgerKey ${keyText}${keyProblem} (not independently trusted: pass the bureau's published key)`);

  try {
    const nowNs = now === undefined ? BigInt(Date.now()) * 1000000n : instantNs(now);
    standing = await checkBundle(bundle, key, check, notRun, notReached, nowNs, { onProgress, workers });
  } catch (error) {
    check('bundle readable', false, `verification stopped: ${error.message}`);
  }
  witnessing = await checkWitnessing(bundle, key, witnesses, quorum);
  return report();
}

/** The states that ask for an auditor's attention (the round did not run to its end). */
const ATTENTION_STATES = ['set-aside', 'lapsed', 'superseded'];
const STEPS = ['poolfrozen', 'drawcommitted', 'commitmentpublished', 'randomnessrecorded', 'drawexecuted', 'inspectorsassigned'];
const STEP_STATES = ['frozen', 'committed', 'published', 'resolved', 'executed', 'assigned'];
const GRACE_NS = 72n * 3600n * 1000000000n;

/**
 * How far the round went: the furthest step that has an event in the bundle or an output of its own (an execution's
 * selection root, an assignment's walks), so that leaving out a step's event fails that step's binding rather than
 * making the round look unfinished.
 */
function furthestStep(bundle) {
  const kinds = new Set((bundle.events ?? []).map((e) => eventKind(e.type)));
  const out = bundle.outputs ?? {};
  const shown = [true, true, false, (bundle.randomness?.values ?? []).length > 0, Boolean(out.selectionRoot), (out.assignments ?? []).length > 0];
  return STEPS.reduce((furthest, kind, i) => (kinds.has(kind) || shown[i] ? i : furthest), 0);
}

/**
 * The round's state as RoundStates.Of derives it (§13, "Round states"): set aside when the bundle holds its
 * round_set_aside; lapsed when unexecuted and, as of the next round's freeze (bundle.successor) or else `nowNs`, past
 * PublishBy without a publication or with a party secret unrevealed then, or past the latest source plus 72 hours;
 * superseded when followed by a newer round otherwise; else the furthest step it took.
 */
function roundState(bundle, furthest, partyCommitments, successorAt, nowNs) {
  const events = bundle.events ?? [];
  if (events.some((e) => eventKind(e.type) === 'roundsetaside')) return 'set-aside';
  const asOf = successorAt ?? nowNs;
  const publishBy = instantNs(bundle.commitment.publishBy);
  const revealed = events.filter((e) => eventKind(e.type) === 'partysecretrevealed' && instantNs(e.at) < publishBy).length;
  const latest = bundle.inputs.sources.map((s) => instantNs(s.resolvesAt)).reduce((a, b) => (b > a ? b : a), 0n);
  const lapse = furthest >= STEPS.indexOf('drawexecuted') || publishBy === null ? null
    : furthest < STEPS.indexOf('commitmentpublished') || revealed < partyCommitments ? publishBy : latest + GRACE_NS;
  if (lapse !== null && asOf !== null && asOf >= lapse) return 'lapsed';
  return successorAt !== null ? 'superseded' : STEP_STATES[furthest];
}

async function checkBundle(bundle, key, check, notRun, notReached, nowNs, { onProgress, workers }) {
  const input = bundle.inputs;
  const out = bundle.outputs;
  const committed = bundle.commitment;
  const furthest = furthestStep(bundle);
  const reached = (kind) => furthest >= STEPS.indexOf(kind);
  check('task', bundle.taskId === input.taskId && Number.isInteger(bundle.round) && bundle.round >= 1, `${bundle.taskId} round ${bundle.round}`);

  // Pools (§3): the roots recomputed from the members must be the recorded roots.
  const pools = await computePools(input, { onProgress });
  for (const [name, pool, recorded] of [['entity', 'entityPool', out.entityRoot], ['inspector', 'inspectorPool', out.inspectorRoot], ['conflict', 'conflictPool', out.conflictRoot]]) {
    const root = pools.roots[pool];
    check(`${name} pool root`, root === recorded && pools.duplicateFree[pool],
      !pools.duplicateFree[pool] ? `the ${name} pool lists ${pools.duplicates[pool]}` : root === recorded ? root : `recomputed ${root}, recorded ${recorded}`);
  }

  // Commitment (§5) and its signature by the trusted key (ECDSA P-256 over the canonical bytes, IEEE P1363).
  const { commitHash, commitment, secrets } = await checkCommitment(
    check, committed.canonical, committed.commitHash, input, pools, reached('randomnessrecorded'));
  let signed = false;
  let signatureDetail;
  if (key === null) {
    signatureDetail = 'no usable trusted key';
  } else if (committed.signingKey !== key.text) {
    signatureDetail = `the commitment names signing key ${committed.signingKey}, not the trusted key`;
  } else {
    let signature = new Uint8Array(0);
    try {
      signature = fromBase64(committed.signature);
    } catch { /* reported below */ }
    signed = signature.length === 64 && await ecdsaVerify(key, signature, utf8.encode(committed.canonical));
    signatureDetail = signed ? `verified with ${key.name}+${hex(key.keyId)}` : 'the signature does not verify over the canonical bytes';
  }
  check('commitment signature', signed, signatureDetail);

  // A newer round's freeze (bundle.successor) ends this round's clock: its signed record must follow the round.
  let successorAt = null;
  if (bundle.successor) {
    const next = bundle.successor;
    const verified = key === null || !next.receipt ? null : await verifyReceipt(next.receipt, key);
    let record = null;
    try {
      record = JSON.parse(next.receipt?.canonical ?? 'null');
    } catch { /* reported below */ }
    const data = camel(record?.data ?? {});
    const last = (bundle.events ?? []).filter((e) => eventKind(e.type) !== 'lapsedroundresolved').at(-1);
    const fine = verified?.checkpoint === null && verified.inclusion === null && record?.stream === `task:${bundle.taskId}`
      && eventKind(record.type) === 'poolfrozen' && data.round === bundle.round + 1 && record.version === next.version
      && (last === undefined || next.version === last.version + 1) && sameInstant(record.time, next.at);
    check('successor', fine, fine ? `round ${data.round} frozen at ${record.time}` : "the next round's pool_frozen does not verify as the event after this round's");
    successorAt = fine ? instantNs(record.time) : null;
  }
  const state = roundState(bundle, furthest, (commitment.partyCommitments ?? []).length, successorAt, nowNs);
  const stopped = (step) => `the round (${state}) was never ${step}`;

  if (!reached('drawexecuted')) {
    const why = stopped(reached('randomnessrecorded') ? 'executed' : 'given its randomness');
    for (const name of ['values in committed order', 'values canonical', 'IKM', 'PRK', 'stratum sizes', 'selection', 'selection root',
      'rank roots', 'assignment transcript', 'infeasible entities', 'adjustments']) notReached(name, why);
  } else {
    await checkDrawn(
      bundle, pools, commitment, commitHash, secrets, reached('inspectorsassigned'), check, notReached, stopped, { onProgress, workers });
  }
  await checkLedger(bundle, key, pools, commitment, reached, check, notRun, notReached, stopped, onProgress);
  const dataOf = (kind) => {
    const event = (bundle.events ?? []).find((e) => eventKind(e.type) === kind);
    return event?.receipt ? camel(JSON.parse(event.receipt.canonical).data ?? {}) : null;
  };
  const setAside = dataOf('roundsetaside');
  // A lapsed round's values (its own, or recorded after the lapse) and the sample they would have drawn, never executed.
  const values = state !== 'lapsed' ? null : dataOf('lapsedroundresolved')?.values ?? (reached('randomnessrecorded') ? bundle.randomness.values : null);
  const wouldBe = values === null ? null
    : (await selectEntities(strataRules(input), pools.byStratum, ticketMaker(hkdfExtract(commitHash, ikmOf(values, secrets)))))
      .selected.map((e) => ({ stratum: e.stratum, entityId: e.id, rank: e.rank, ticket: hex(e.ticket) }));
  return {
    state,
    setAside: setAside === null ? null : { reason: setAside.reason, evidence: setAside.evidence, approvedBy: setAside.approvedBy, setAsideBy: setAside.setAsideBy, setAsideAt: setAside.setAsideAt },
    wouldBe,
    note: state !== 'lapsed' ? null : wouldBe !== null ? `the values its sources resolved to would have drawn the ${wouldBe.length} entities in wouldBe (never executed)`
      : 'the values its sources resolved to are not recorded, so the sample they would have drawn is not shown',
  };
}

/** Seed, selection, matching and adjustments of an executed round (§6–§10); the matching only once it was assigned. */
async function checkDrawn(bundle, pools, commitment, commitHash, secrets, assigned, check, notReached, stopped,
  { onProgress, workers }) {
  const input = bundle.inputs;
  const out = bundle.outputs;
  // Randomness, IKM, PRK (§6, §7).
  const randomness = bundle.randomness;
  const ticket = await checkSeed(check, randomness.values, commitment.randomness?.sources ?? [], secrets, commitHash, randomness);

  // Selection (§8).
  const selection = await selectEntities(strataRules(input), pools.byStratum, ticket, { onProgress });
  const sizes = selection.strata.map((s) => ({ stratum: s.stratum, poolSize: s.poolSize, sampleSize: s.sampleSize }));
  check('stratum sizes', sameJson(sizes, out.strata), sizes.map((s) => `${s.stratum} ${s.sampleSize}/${s.poolSize}`).join(', '));
  const selected = selection.selected.map((e) => ({ stratum: e.stratum, entityId: e.id, rank: e.rank, ticket: hex(e.ticket) }));
  const selectedAt = selected.findIndex((e, i) => !sameJson(e, out.selected[i]));
  check('selection', sameJson(selected, out.selected), selectedAt < 0 && selected.length === out.selected.length
    ? `${selected.length} entities`
    : `position ${selectedAt < 0 ? selected.length : selectedAt}: recomputed ${jcs(selected[selectedAt] ?? null)}, recorded ${jcs(out.selected[selectedAt] ?? null)}`);
  check('selection root', selection.root === out.selectionRoot, selection.root);
  await checkRankRoots(check, selection, out.rankRoots);
  if (!assigned) {
    for (const name of ['assignment transcript', 'infeasible entities', 'adjustments']) notReached(name, stopped('assigned its inspectors'));
    return;
  }

  // Inspector matching (§9).
  const matching = await matchInspectors(selection.selected, input, strataRules(input), ticket, { onProgress, workers });
  const walkAt = matching.assignments.findIndex((a, i) => !sameJson(a, out.assignments[i]));
  check('assignment transcript', sameJson(matching.assignments, out.assignments), walkAt < 0 && matching.assignments.length === out.assignments.length
    ? `${matching.assignments.length} walks`
    : `walk ${walkAt < 0 ? matching.assignments.length : walkAt} (entity ${matching.assignments[walkAt]?.entityId ?? out.assignments[walkAt]?.entityId}) differs`);
  const infeasible = (out.infeasible ?? []).map((e) => ({ stratum: e.stratum, entityId: e.entityId, found: e.found, required: e.required }));
  check('infeasible entities', sameJson(matching.infeasible, infeasible), `${matching.infeasible.length} infeasible`);

  // Later substitutions and reassignments (§10), replayed in ledger order against the full rank lists and the book.
  const adjustments = out.adjustments ?? [];
  const replayed = await replayAdjustments(adjustments, {
    selection, assignments: out.assignments, infeasible: out.infeasible, matcher: inspectorMatcher(input, strataRules(input), ticket),
    onProgress,
  });
  for (const r of replayed) check(r.name, r.pass, r.detail);
  if (adjustments.length === 0) check('adjustments', true, 'none');
}

/** Every event's receipt, the signed records bound to the bundle's values, and the order of the steps in time. */
async function checkLedger(bundle, key, pools, commitment, reached, check, notRun, notReached, stopped, onProgress) {
  const input = bundle.inputs;
  const out = bundle.outputs;
  const committed = bundle.commitment;
  const randomness = bundle.randomness;
  const adjustments = out.adjustments ?? [];

  // Ledger receipts: every event must be in the signed log, and its record must be the event the bundle describes.
  // The round's events are consecutive versions of the task's stream from its pool_frozen on, so none can be left out
  // between them; a bundle without events is not checked against the log at all (not run, never passed).
  const events = bundle.events ?? [];
  const consecutive = events.filter((e) => eventKind(e.type) !== 'lapsedroundresolved');
  if (events.length === 0) {
    notRun('ledger events', 'the bundle lists no ledger events: nothing was checked against the signed log');
  } else {
    // A lapsed round's values (lapsed_round_resolved) are recorded after newer rounds: they follow the others.
    const gap = consecutive.findIndex((e, i) => i > 0 && e.version !== consecutive[i - 1].version + 1);
    check('ledger events', eventKind(events[0].type) === 'poolfrozen' && gap < 0, gap >= 0
      ? `versions jump from ${consecutive[gap - 1].version} to ${consecutive[gap].version}: an event of the round is missing`
      : eventKind(events[0].type) === 'poolfrozen' ? `${events.length} events, versions ${events[0].version}–${events.at(-1).version}`
      : `the round's first event is ${events[0].type}, not its pool_frozen`);
  }
  const records = new Map();
  const reporting = progress(onProgress, 'ledger', events.length);
  for (const [index, event] of events.entries()) {
    if (reporting.due(index)) await reporting.report(index);
    const label = `${event.type} #${event.sequence}`;
    const receipt = event.receipt;
    if (!receipt) {
      check(`receipt ${label}`, false, 'not yet in the signed log');
      continue;
    }
    const verified = key === null ? { checkpoint: 'no usable trusted key', inclusion: 'needs a verified checkpoint' } : await verifyReceipt(receipt, key);
    check(`receipt checkpoint ${label}`, verified.checkpoint === null, verified.checkpoint ?? `signed tree of size ${verified.size}`);
    check(`receipt inclusion ${label}`, verified.inclusion === null, verified.inclusion ?? `leaf ${receipt.leafIndex}`);
    let record = null;
    try {
      record = JSON.parse(receipt.canonical);
    } catch { /* reported below */ }
    const data = camel(record?.data ?? {});
    const problems = record === null ? ['the canonical record is not JSON'] : [
      [jcs(record) === receipt.canonical, 'the record is not canonical JSON'],
      [record.stream === `task:${bundle.taskId}` && receipt.streamKey === record.stream, `stream ${record.stream}`],
      [record.type === event.type, `type ${record.type}`],
      [record.version === event.version && receipt.version === event.version, `version ${record.version}`],
      [receipt.sequence === event.sequence, `sequence ${receipt.sequence}`],
      [sameInstant(record.time, event.at), `time ${record.time}, event at ${event.at}`],
      [data.taskId === bundle.taskId && data.round === bundle.round, `task ${data.taskId} round ${data.round}`],
    ].filter(([ok]) => !ok).map(([, problem]) => problem);
    check(`receipt record ${label}`, problems.length === 0, problems.join('; ') || `${record.stream} v${record.version} at ${record.time}`);
    const kind = eventKind(event.type);
    if (!records.has(kind)) records.set(kind, []);
    records.get(kind).push({ event, receipt, record, data });
  }
  if (reporting.due(events.length)) await reporting.report(events.length);

  // Bind the signed records to the bundle's values: each step's record must carry what the bundle shows.
  const only = (kind) => (records.get(kind)?.length === 1 ? records.get(kind)[0] : null);
  const bind = (name, kind, mismatches) => {
    if (!reached(kind)) {
      notReached(name, stopped({ commitmentpublished: 'published', randomnessrecorded: 'given its randomness', drawexecuted: 'executed' }[kind] ?? 'assigned its inspectors'));
      return;
    }
    const found = records.get(kind) ?? [];
    if (found.length !== 1) {
      check(name, false, found.length === 0 ? `no ${kind} record with a receipt` : `${found.length} ${kind} records in one round`);
      return;
    }
    const wrong = mismatches(found[0].data, found[0]).filter(([ok]) => !ok).map(([, member]) => member);
    check(name, wrong.length === 0, wrong.length === 0 ? `${found[0].event.type} #${found[0].event.sequence}` : `differs in ${wrong.join(', ')}`);
  };
  bind('ledger binds the pools', 'poolfrozen', (d) => [
    [d.entityRoot === out.entityRoot, 'entityRoot'],
    [d.inspectorRoot === out.inspectorRoot, 'inspectorRoot'],
    [d.conflictRoot === out.conflictRoot, 'conflictRoot'],
    [d.entityCount === input.entities.length && sameJson(d.strata, pools.counts), 'entityCount/strata'],
    [d.asOfSequence === input.asOfSequence && sameJson(d.excluded ?? [], input.excluded ?? []), 'asOfSequence/excluded'],
  ]);
  bind('ledger binds the commitment', 'drawcommitted', (d) => [
    [d.canonical === committed.canonical, 'canonical'],
    [d.commitHash === committed.commitHash, 'commitHash'],
    [d.signature === committed.signature && d.signingKey === committed.signingKey, 'signature/signingKey'],
    [(d.sources ?? []).length === input.sources.length && d.sources.every((s, i) => sameJson({ ...s, resolvesAt: 0 }, { ...input.sources[i], resolvesAt: 0 })
      && sameInstant(s.resolvesAt, input.sources[i].resolvesAt)), 'sources'],
    [d.fallback === input.fallback, 'fallback'],
    [sameJson(d.partyCommitments, commitment.partyCommitments), 'partyCommitments'],
    [sameInstant(d.publishBy, committed.publishBy), 'publishBy'],
  ]);
  const commitRecord = only('drawcommitted');
  // The publication names the checkpoint that contained the commitment when it was published: it must verify too.
  const published = only('commitmentpublished');
  let publication = null;
  if (published !== null && key !== null) {
    try {
      publication = await verifyCheckpoint(published.data.checkpoint, key);
    } catch { /* reported below */ }
  }
  bind('ledger binds the publication', 'commitmentpublished', (d) => [
    [d.commitHash === committed.commitHash, 'commitHash'],
    [commitRecord !== null && d.commitmentSequence === commitRecord.event.sequence && d.leafIndex === commitRecord.receipt.leafIndex, 'commitmentSequence/leafIndex'],
    [publication !== null && publication.size === d.checkpointSize && d.leafIndex < publication.size, 'checkpoint (must verify with the trusted key and contain the commitment)'],
  ]);
  const revealed = (records.get('partysecretrevealed') ?? []).map((r) => r.data).sort((a, b) => a.index - b.index);
  check('ledger binds the party secrets', sameJson(revealed.map((r) => r.secret), input.partySecrets) && revealed.every((r, i) => r.index === i),
    `${revealed.length} revealed, ${input.partySecrets.length} in the bundle`);
  bind('ledger binds the randomness', 'randomnessrecorded', (d) => [[sameJson(d.values, randomness.values), 'values']]);
  // A lottery value counts only once a second party confirmed it (§13 step 5a). A recording with evidence (since issue
  // 20) names each lottery value's announcement and needs one confirmation: by someone other than the recorder, with
  // the recorded lottery values, after the recording and before the execution in time and in the ledger.
  const recordedRecord = only('randomnessrecorded');
  if (recordedRecord !== null && recordedRecord.data.evidence != null) {
    const lottery = new Set(input.sources.filter((s) => s.kind === 'lottery').map((s) => s.label));
    const executed = only('drawexecuted');
    const between = (first, middle, last) => first < middle && (last === null || middle < last);
    bind('ledger binds the lottery confirmation', 'lotteryvaluesconfirmed', (d, r) => [
      [[...lottery].every((label) => recordedRecord.data.evidence.some((e) => e.label === label && e.announcement?.trim())), 'announcement'],
      [sameJson(d.values, randomness.values.filter((v) => lottery.has(v.label))), 'values'],
      [d.confirmedBy !== recordedRecord.data.recordedBy, 'confirmedBy (the recorder)'],
      [between(recordedRecord.event.sequence, r.event.sequence, executed?.event.sequence ?? null), 'ledger order'],
      [instantNs(recordedRecord.record.time) <= instantNs(r.record.time)
        && (executed === null || instantNs(r.record.time) <= instantNs(executed.record.time)), 'time'],
    ]);
  }

  // Each drand value (§6) must be its committed chain's BLS signature of the round, over the previous signature kept as
  // evidence (chained chains): the bundle's values (which the ledger binds to the round's record), or a lapsed round's
  // values recorded after the lapse.
  const resolved = recordedRecord ?? only('lapsedroundresolved');
  for (const source of (commitment.randomness?.sources ?? []).filter((s) => s.kind === 'drand')) {
    const name = `drand signature ${source.label}`;
    if (resolved === null) {
      notReached(name, stopped('given its randomness'));
      continue;
    }
    const drand = parseDrandReference(source.reference);
    const values = resolved === recordedRecord ? randomness.values : resolved.data.values;
    const refusal = drand === null
      ? { field: 'reference', reason: `${source.reference} names no registered drand chain` }
      : checkDrandValue({
        chain: drand.chain,
        round: drand.round,
        signature: values.find((v) => v.label === source.label)?.value,
        previousSignature: (resolved.data.evidence ?? []).find((e) => e.label === source.label)?.previousSignature ?? undefined,
      });
    check(name, refusal === null, refusal === null
      ? `${drand.chain.name} round ${drand.round}: signed by the chain's key ${drand.chain.publicKey.slice(0, 16)}…`
      : `${refusal.field}: ${refusal.reason}`);
  }
  bind('ledger binds the execution', 'drawexecuted', (d) => [
    [d.commitHash === committed.commitHash, 'commitHash'],
    [d.prk === randomness.prk, 'prk'],
    [d.selectionRoot === out.selectionRoot, 'selectionRoot'],
    [sameJson(d.strata, out.strata) && sameJson(d.selected, out.selected), 'strata/selected'],
    [sameJson(d.rankRoots ?? null, out.rankRoots ?? null), 'rankRoots'],
  ]);
  bind('ledger binds the assignments', 'inspectorsassigned', (d) => [
    [sameJson(d.assignments, out.assignments.map((a) => ({ ...a, candidates: a.candidates.map(({ ticket: _, ...c }) => c) }))), 'assignments'],
    [sameJson(d.infeasible, out.infeasible ?? []), 'infeasible'],
  ]);

  // The adjustments the bundle lists are the ledger's, in ledger order (instants compared as instants, nulls as absent).
  const adjustmentRecords = ['entitysubstituted', 'inspectorreassigned'].flatMap((kind) => records.get(kind) ?? [])
    .sort((a, b) => a.event.sequence - b.event.sequence);
  const payload = (value, instant) => ({ ...withoutNulls(value), [instant]: instantNs(value?.[instant])?.toString() ?? null });
  const adjustmentAt = adjustmentRecords.findIndex((r, i) => {
    const listed = adjustments[i];
    return listed === undefined || (eventKind(r.event.type) === 'entitysubstituted'
      ? listed.kind !== 'substitution' || !sameJson(payload(r.data, 'substitutedAt'), payload(listed.substitution, 'substitutedAt'))
      : listed.kind !== 'reassignment' || !sameJson(payload(r.data, 'reassignedAt'), payload(listed.reassignment, 'reassignedAt')));
  });
  check('ledger binds the adjustments', adjustmentAt < 0 && adjustmentRecords.length === adjustments.length, adjustmentAt >= 0
    ? `adjustment ${adjustmentAt} differs from ${adjustmentRecords[adjustmentAt].event.type} #${adjustmentRecords[adjustmentAt].event.sequence}`
    : adjustmentRecords.length === adjustments.length ? `${adjustments.length} adjustments` : `${adjustmentRecords.length} adjustment records, ${adjustments.length} in the bundle`);

  // Order in time, from the signed records: frozen ≤ committed ≤ published < publishBy = min(resolvesAt), every source
  // at least 24 h after the commitment; party secrets revealed before publishBy; max(resolvesAt) ≤ randomness
  // recorded ≤ executed ≤ assigned ≤ set aside; the pool's ledger position before the commitment's; and the steps in
  // that order in the ledger (by sequence). A step the round never reached has no time to compare.
  const at = (kind) => instantNs(only(kind)?.record.time);
  const resolves = input.sources.map((s) => instantNs(s.resolvesAt));
  const steps = {
    frozen: at('poolfrozen'), committed: at('drawcommitted'), published: at('commitmentpublished'),
    publishBy: instantNs(committed.publishBy), recorded: at('randomnessrecorded'), executed: at('drawexecuted'), assigned: at('inspectorsassigned'),
  };
  const stepKinds = { published: 'commitmentpublished', recorded: 'randomnessrecorded', executed: 'drawexecuted', assigned: 'inspectorsassigned' };
  const before = (a, b) => a === null || b === null || a <= b;
  const setAsideAt = at('roundsetaside');
  // Equal instants are allowed (a coarse or fixed clock); the ledger's sequence order of the steps is strict.
  const ledgerOrder = ['poolfrozen', 'drawcommitted', 'commitmentpublished', 'partysecretrevealed', 'randomnessrecorded', 'drawexecuted', 'inspectorsassigned']
    .flatMap((kind) => (records.get(kind) ?? []).map((r) => r.event.sequence).sort((a, b) => a - b))
    .concat(adjustmentRecords.map((r) => r.event.sequence))
    .concat((records.get('roundsetaside') ?? []).map((r) => r.event.sequence));
  const missing = Object.entries(steps).filter(([step, t]) => t === null && (!stepKinds[step] || reached(stepKinds[step]))).map(([step]) => step);
  const order = [];
  if (missing.length > 0 || resolves.some((t) => t === null)) {
    order.push(`missing times: ${[...missing, ...(resolves.some((t) => t === null) ? ['resolvesAt'] : [])].join(', ')}`);
  } else {
    const first = resolves.reduce((a, b) => (b < a ? b : a));
    const last = resolves.reduce((a, b) => (b > a ? b : a));
    const rules = [
      [steps.frozen <= steps.committed, 'pool frozen after the commitment'],
      [before(steps.committed, steps.published), 'published before it was committed'],
      [steps.published === null || steps.published < steps.publishBy, 'published at or after publishBy'],
      [steps.publishBy === first, 'publishBy is not the first instant a source resolves'],
      [steps.committed + 24n * 3600n * 1000000000n <= first, 'a source resolves less than 24 h after the commitment'],
      [(records.get('partysecretrevealed') ?? []).every((r) => instantNs(r.record.time) < first), 'a party secret revealed after a source resolved'],
      [before(last, steps.recorded), 'randomness recorded before every source had resolved'],
      [before(steps.recorded, steps.executed), 'executed before the randomness was recorded'],
      [before(steps.executed, steps.assigned), 'inspectors assigned before the execution'],
      [adjustmentRecords.every((r) => instantNs(r.record.time) !== null && steps.assigned !== null && steps.assigned <= instantNs(r.record.time)), 'an adjustment before the assignment'],
      [setAsideAt === null || Object.values(steps).every((t) => t === null || t === steps.publishBy || t <= setAsideAt), 'set aside before a step of the round'],
      [input.asOfSequence < (commitRecord?.event.sequence ?? -1), "the pool's ledger position is not before the commitment"],
      [ledgerOrder.every((sequence, i) => i === 0 || ledgerOrder[i - 1] < sequence), 'the steps are not in this order in the ledger'],
    ];
    order.push(...rules.filter(([ok]) => !ok).map(([, problem]) => problem));
  }
  check('order in time', order.length === 0, order.join('; ') || 'frozen ≤ committed ≤ published < publishBy = first resolvesAt ≤ last resolvesAt ≤ recorded ≤ executed ≤ assigned ≤ adjustments, in ledger order');
}

if (globalThis.process?.argv?.[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { readFile } = await import('node:fs/promises');
  const args = process.argv.slice(2);
  const usage = 'usage: node verifier/draw-verifier.mjs [file] [--key <verifier key text>] [--witness <witness key text>]… [--quorum <k>]';
  const option = (name) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args.splice(at, 2)[1];
    if (value === undefined) {
      console.error(usage);
      process.exit(2);
    }
    return value;
  };
  const trustedKey = option('--key');
  const quorumText = option('--quorum');
  const witnesses = [];
  for (let witness = option('--witness'); witness !== undefined; witness = option('--witness')) witnesses.push(witness);
  const quorum = quorumText === undefined ? undefined : Number(quorumText);
  const started = performance.now();
  const file = JSON.parse(await readFile(args[0] ?? new URL('../docs/draw-vectors.json', import.meta.url), 'utf8'));
  const results = [];
  if (typeof file.format === 'string') {
    results.push(await verifyBundle(file, { trustedKey, witnesses, quorum }));
  } else {
    for (const vector of file.vectors ?? []) results.push(await verifyVector(vector));
  }
  if (results.length === 0) {
    console.log('NOT verified: the file holds no vectors');
  }
  // A bundle's round passes or needs attention (exit 0), or fails or is pending (exit 1), as verify-draw exits.
  const outcome = (result) => result.outcome ?? (result.ok ? 'pass' : 'fail');
  for (const result of results) {
    const state = result.state ? ` (${result.state})` : '';
    const why = outcome(result) === 'attention' ? `: ${result.setAside ? `set aside by ${result.setAside.setAsideBy}, approved by ${result.setAside.approvedBy}: ${result.setAside.reason}` : result.note ?? 'it did not run to its end'}`
      : result.firstMismatch ? ` (first mismatch: ${result.firstMismatch})` : '';
    console.log(`${outcome(result).toUpperCase()} ${result.name}${state}${why}`);
    if (result.trustedKey) {
      console.log(`  trusted key (${result.trustedKey.source === 'trustedKey' ? '--key' : "the bundle's own ledgerKey; pass --key with the published key"}): ${result.trustedKey.key}`);
    }
    for (const c of [...result.checks, ...(result.witnessing ? [result.witnessing] : [])]) {
      console.log(`  ${{ pass: 'pass', fail: 'FAIL', 'not-run': 'NOT RUN', 'not-reached': 'not reached' }[c.outcome]} ${c.name}${c.detail && (!c.pass || result.trustedKey) ? ` — ${c.detail}` : ''}`);
    }
  }
  const verified = results.length > 0 && results.every((r) => ['pass', 'attention'].includes(outcome(r)));
  console.log(`${verified ? 'verified' : 'NOT verified'} in ${Math.round(performance.now() - started)} ms`);
  process.exitCode = verified ? 0 : 1;
}
