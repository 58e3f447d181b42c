// The per-entity check of DRAW-v1 (docs/draw-protocol.md §8.1, entry format §12.5): was this entity selected in this
// round? It reads one entry of GET /api/public/entities/{uscc}/draws and trusts nothing in it but what the signed ledger
// records say: every value (roots, N_h, ratio, source values, party secrets, PRK, the selection) comes from the canonical
// records of the round's events, each checked against its receipt under the trusted key. Cost O(log N), no pool.
// What it cannot prove on its own is that the stratum's ranked tree holds the sorted tickets of the whole pool: only the
// full verification (draw-verifier.mjs, verifyBundle's 'rank roots') proves that, as a Certificate Transparency monitor
// does for a log whose inclusion proofs a client checks.

import {
  camel, enc, hex, fromHex, hkdfExtract, ikmOf, merkleLeafHash, parseVerifierKey, rankedLeaf, sampleSize, sha256,
  ticketMaker, verifyInclusion, verifyReceipt,
} from './draw-verifier.mjs';

const utf8 = new TextEncoder();
const isHashHex = (text) => typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);

/** The round's signed records: each receipt verified under the key, of the round's task stream, type and round. */
async function signedRecords(entry, key, check) {
  const receipts = entry.receipts ?? {};
  const wanted = [['poolFrozen', 'pool_frozen'], ['drawCommitted', 'draw_committed'], ['randomnessRecorded', 'randomness_recorded'],
    ['drawExecuted', 'draw_executed']];
  const records = { partySecrets: [] };
  const one = async (receipt, type) => {
    if (receipt === null || receipt === undefined) return null;
    const verified = await verifyReceipt(receipt, key);
    let record = null;
    try {
      record = JSON.parse(receipt.canonical);
    } catch { /* reported below */ }
    const data = camel(record?.data ?? {});
    const problem = verified.checkpoint ?? verified.inclusion
      ?? (record?.stream !== `task:${entry.taskId}` ? `the record is of stream ${record?.stream}, not task:${entry.taskId}`
        : record.type !== type ? `the record is a ${record.type}, not a ${type}`
          : data.round !== entry.round || data.taskId !== entry.taskId ? `the record is of ${data.taskId} round ${data.round}` : null);
    check(`receipt ${type}`, problem === null, problem ?? `ledger sequence ${receipt.sequence}, leaf ${receipt.leafIndex}`);
    return problem === null ? data : undefined;
  };
  for (const [name, type] of wanted) records[name] = await one(receipts[name], type);
  for (const receipt of receipts.partySecrets ?? []) records.partySecrets.push(await one(receipt, 'party_secret_revealed'));
  return records;
}

/**
 * Checks one entry. Returns { outcome: 'pass' | 'fail' | 'pending', selected, rank, poolSize, sampleSize, stratum, checks }:
 * 'fail' when a check failed (each named), 'pending' for a round not executed yet (its pool membership alone is proved),
 * a round executed before rank roots were recorded, or records not yet in the signed log; else 'pass'.
 */
export async function verifyEntityDraw(entry, { trustedKey } = {}) {
  const checks = [];
  const check = (name, pass, detail = '') => checks.push({ name, outcome: pass ? 'pass' : 'fail', detail: String(detail) });
  const result = (pending, facts = {}) => ({
    outcome: checks.some((c) => c.outcome === 'fail') ? 'fail' : pending ? 'pending' : 'pass',
    selected: null, rank: null, poolSize: null, sampleSize: null, stratum: entry?.stratum ?? null, ...facts, checks,
  });

  let key;
  try {
    key = await parseVerifierKey(trustedKey ?? entry?.receipts?.poolFrozen?.verifierKey);
  } catch (error) {
    check('trusted key', false, error.message);
    return result(false);
  }
  check('trusted key', true, trustedKey
    ? `${key.name} (given)`
    : `${key.name}: the entry's own key, so this shows only that the entry is consistent with itself`);

  const records = await signedRecords(entry, key, check);
  const frozen = records.poolFrozen;
  if (!frozen) {
    check('pool membership', false, 'no verified pool_frozen record');
    return result(false);
  }

  // The entity's leaf in the frozen entity root (§3).
  const leaf = enc('entity', entry.stratum, entry.entityId);
  const proof = (entry.entityProof ?? []).filter(isHashHex).map(fromHex);
  const member = proof.length === (entry.entityProof ?? []).length
    && await verifyInclusion(entry.leafIndex, frozen.entityCount, merkleLeafHash(leaf), proof, fromHex(frozen.entityRoot));
  check('pool membership', member, member
    ? `leaf ${entry.leafIndex} of ${frozen.entityCount} under the frozen root ${frozen.entityRoot.slice(0, 16)}…`
    : `enc("entity", ${entry.stratum}, ${entry.entityId}) is not at leaf ${entry.leafIndex} under the frozen root`);
  const executed = records.drawExecuted;
  const poolSize = frozen.strata.find((s) => s.stratum === entry.stratum)?.count;
  if (executed === null) return result(true, { stratum: entry.stratum, poolSize: poolSize ?? null });
  if (executed === undefined || !records.drawCommitted || !records.randomnessRecorded) {
    check('records', false, 'the executed round lacks a verified draw_committed, randomness_recorded or draw_executed record');
    return result(false);
  }

  // The seed (§5–§7), recomputed from the signed commitment, values and party secrets: PRK = HMAC(CommitHash, IKM).
  const committed = records.drawCommitted;
  const commitHash = hex(await sha256(utf8.encode(committed.canonical)));
  const commitment = JSON.parse(committed.canonical);
  check('commitment', commitHash === committed.commitHash && commitment.entityPool?.root === frozen.entityRoot
    && executed.commitHash === commitHash, `CommitHash ${commitHash.slice(0, 16)}… over the frozen entity root`);
  const secrets = records.partySecrets;
  const commitments = commitment.partyCommitments ?? [];
  const secretBytes = [];
  for (let i = 0; i < commitments.length; i++) {
    const revealed = secrets.find((s) => s?.index === i);
    const bytes = revealed ? fromHex(revealed.secret) : null;
    secretBytes.push(bytes);
    check(`party secret ${i}`, bytes !== null && hex(await sha256(bytes)) === commitments[i],
      revealed ? 'SHA-256 matches the commitment' : 'not revealed');
  }
  const values = records.randomnessRecorded.values ?? [];
  const labels = (commitment.randomness?.sources ?? []).map((s) => s.label);
  check('values in committed order', values.map((v) => v.label).join('\n') === labels.join('\n'), labels.join(', '));
  const prk = await hkdfExtract(fromHex(commitHash), ikmOf(values, secretBytes.filter((s) => s !== null)));
  check('PRK', hex(prk) === executed.prk, `HMAC(CommitHash, IKM) = ${hex(prk).slice(0, 16)}…`);

  // The entity's ticket and its stratum's sizes: N_h from the frozen pool, n_h from the committed ratio (§4, §7).
  const ticket = await (await ticketMaker(prk))('entity', entry.stratum, entry.entityId);
  check('ticket', hex(ticket) === entry.ticket, `ticket("entity", ${entry.stratum}, ${entry.entityId}) = ${hex(ticket).slice(0, 16)}…`);
  const rule = (commitment.rules?.strata ?? []).find((s) => s.stratum === entry.stratum);
  const outcome = (executed.strata ?? []).find((s) => s.stratum === entry.stratum);
  const n = rule && poolSize !== undefined ? sampleSize(rule.ratio, poolSize) : null;
  check('stratum sizes', n !== null && outcome?.poolSize === poolSize && outcome?.sampleSize === n,
    `N_h = ${poolSize}, n_h = ceil(${rule?.ratio} × N_h) = ${n}`);
  const facts = { stratum: entry.stratum, poolSize: poolSize ?? null, sampleSize: n };

  // The rank: the ranked leaf at index `rank` of the stratum's tree of N_h leaves under the recorded rank root (§8.1).
  const rankRoot = (executed.rankRoots ?? null)?.find((r) => r.stratum === entry.stratum)?.root;
  if (executed.rankRoots === undefined || executed.rankRoots === null) {
    const detail = 'the round was executed before rank roots were recorded: only its full verification decides';
    checks.push({ name: 'rank', outcome: 'not-available', detail });
    return result(true, facts);
  }
  const rankProof = (entry.rankProof ?? []).filter(isHashHex).map(fromHex);
  const ranked = isHashHex(rankRoot) && rankProof.length === (entry.rankProof ?? []).length && Number.isSafeInteger(entry.rank)
    && await verifyInclusion(
      entry.rank, poolSize, merkleLeafHash(rankedLeaf(entry.stratum, entry.entityId, ticket)), rankProof, fromHex(rankRoot));
  check('rank', ranked, ranked ? `rank ${entry.rank} of ${poolSize} under the rank root ${rankRoot.slice(0, 16)}…`
    : `enc("ranked", …) is not at index ${entry.rank} of the stratum's ranked tree of ${poolSize}`);
  if (!ranked) return result(false, facts);

  // selected iff rank < n_h, and the signed selection agrees: listed at its rank with its ticket, or not listed.
  const selected = entry.rank < n;
  const listed = (executed.selected ?? []).filter((s) => s.entityId === entry.entityId);
  check('selection list', selected
    ? listed.length === 1 && listed[0].stratum === entry.stratum && listed[0].rank === entry.rank && listed[0].ticket === hex(ticket)
    : listed.length === 0, selected
    ? `selected: rank ${entry.rank} < n_h ${n}, listed in draw_executed`
    : `not selected: rank ${entry.rank} ≥ n_h ${n}, not listed`);
  return result(false, { ...facts, selected, rank: entry.rank });
}
