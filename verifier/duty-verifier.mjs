// Independent verifier of DUTY-v2 duty bundles ("fairdraw-duty-bundle/v2", docs/duty-report.md §7), written from the
// spec; runs in browsers and under Node. It trusts only the ledger key and the witness keys its caller gives, never
// the bundle's: verifyDutyBundle(bytes or text, { trustedKey, witnessKeys, quorum }) checks the final checkpoint's
// signature, the events' inclusion, every bound checkpoint's consistency and cosignatures, the bundle's completeness,
// then recomputes every clause from the events (duty-clauses.mjs) and compares it with the report. Each failure is
// named as the spec's steps name it (truncated, format, signature, reordered, tampered, incomplete, mismatch); a
// bundle with nothing to check fails, never passes.
import { sha256 } from '@noble/hashes/sha2.js';
import {
  checkCosignatures, fromHex, hex, jcs, merkleLeafHash, parseVerifierKey, parseWitnessKey, verifyCheckpoint, verifyMultiInclusion,
} from './draw-verifier.mjs';
import { citedSequences, DUTY_REPORT_FORMAT, dutyReport, recomputeClauses, scopeNeeds } from './duty-clauses.mjs';
import { checkBoundCheckpoints } from './witnessed-time.mjs';

export const DUTY_BUNDLE_FORMAT = 'fairdraw-duty-bundle/v2';
export { DUTY_REPORT_FORMAT };
const ZEROS = '0'.repeat(64);
const utf8 = new TextEncoder();
const kind = (type) => String(type).replace(/_/g, '').toLowerCase();
const base64 = (bytes) => btoa(String.fromCharCode(...bytes));

/**
 * A clause's findings as comparable lines "verdict code subject [sequences]", in their order (spec §4 fixes it): what an
 * independent recomputation must agree on. A finding's words (`detail`) are for people and are not compared (§4).
 */
const findingLines = (findings) => (findings ?? []).map((f) => `${f.verdict} ${f.code} ${f.subject} [${(f.sequences ?? []).join(',')}]`);

/** A report without its findings' `detail`, the one part of it no rule fixes (spec §4, §7 step 6). */
const withoutDetail = (report) => {
  const strip = (findings) => findings?.map(({ detail, ...finding }) => finding) ?? null;
  return { ...report, clauses: report.clauses?.map((c) => ({ ...c, findings: strip(c.findings) })), missing: strip(report.missing) };
};

// The report's members and their types as the .NET verifier reads them (DutyReport): a member missing, unknown or of
// another type makes the bundle truncated there as in .NET. `int` is .NET's 32-bit int, `integer` its long (as far as a
// JavaScript number is exact).
const nullable = (type) => ({ nullable: type });
const FINDING = { verdict: 'string', code: 'string', subject: 'string', sequences: ['integer'], detail: 'string' };
const REPORT = {
  format: 'string', year: 'int', jurisdiction: 'string', department: 'string', official: nullable('string'), asOf: 'integer',
  asOfTime: nullable('string'), witnesses: nullable({ keys: ['string'], quorum: 'int' }),
  clauses: [{ clause: 'int', name: 'string', verdict: 'string', sequences: ['integer'], findings: [FINDING] }],
  draws: [{ taskId: 'string', round: 'int', entityRoot: 'string', selectionRoot: 'string' }],
  bounds: [{ sequence: 'integer', leafIndex: 'integer', serverTime: 'string', lower: nullable('string'), upper: nullable('string') }],
  performed: nullable([{ sequence: 'integer', type: 'string', role: 'string' }]), missing: nullable([FINDING]), cited: ['integer'],
};

/** Where `value` departs from `shape`, as "report.clauses[0].name is missing", or null. */
function shapeProblem(value, shape, at) {
  if (shape.nullable) return value === null ? null : shapeProblem(value, shape.nullable, at);
  if (shape === 'string') return typeof value === 'string' ? null : `${at} is not a string`;
  if (shape === 'integer' || shape === 'int') {
    const fits = Number.isSafeInteger(value) && (shape === 'integer' || Math.abs(value + 0.5) < 2 ** 31);
    return fits ? null : `${at} is not an integer${shape === 'int' ? ' of 32 bits' : ''}`;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${at} is not a list`;
    for (const [i, item] of value.entries()) {
      const problem = shapeProblem(item, shape[0], `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at} is not an object`;
  const unknown = Object.keys(value).find((name) => !(name in shape));
  if (unknown !== undefined) return `${at} has an unknown member "${unknown}"`;
  for (const [name, type] of Object.entries(shape)) {
    if (!(name in value)) return `${at}.${name} is missing`;
    const problem = shapeProblem(value[name], type, `${at}.${name}`);
    if (problem) return problem;
  }
  return null;
}

/**
 * Verifies a duty bundle. `bundle` is its bytes (Uint8Array / ArrayBuffer) or text; `trustedKey` the ledger's verifier
 * key text (e.g. from the bureau's published notice); `witnessKeys` witness key texts and `quorum` (default: all) the
 * witness policy the deadlines rest on. Returns { ok, failure, checks: [{ name, outcome, detail }], sha256, checkpoint,
 * report, recomputed, compared }: `failure` is the first failing check's detail; `compared` says
 * whether the report's verdicts were compared (only under the report's own witness policy, §7 step 6).
 */
export async function verifyDutyBundle(bundle, { trustedKey, witnessKeys = [], quorum } = {}) {
  const bytes = typeof bundle === 'string' ? utf8.encode(bundle) : new Uint8Array(bundle);
  const checks = [];
  const check = (name, pass, detail) => { checks.push({ name, outcome: pass ? 'pass' : 'fail', detail }); return pass; };
  const skip = (name, detail) => checks.push({ name, outcome: 'not-run', detail });
  const result = { sha256: hex(sha256(bytes)), checkpoint: null, report: null, recomputed: null, compared: false };
  const done = () => {
    const failed = checks.find((c) => c.outcome === 'fail');
    return { ...result, ok: failed === undefined && checks.some((c) => c.outcome === 'pass'), failure: failed?.detail ?? null, checks };
  };

  // 1. The document.
  let doc;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    check('format', false, `truncated: the bundle is not complete JSON (${error.message})`);
    return done();
  }
  const missing = ['format', 'report', 'checkpoint', 'events', 'inclusionProof', 'bounds'].find((member) => doc?.[member] === undefined);
  if (missing !== undefined) { check('format', false, `truncated: the bundle has no "${missing}"`); return done(); }
  const formats = `${doc.format} with a report of ${doc.report?.format}`;
  const known = doc.format === DUTY_BUNDLE_FORMAT && doc.report?.format === DUTY_REPORT_FORMAT;
  if (!check('format', known, known ? formats : `format: ${formats}`)) return done();
  if (!Array.isArray(doc.events) || !Array.isArray(doc.bounds) || !Array.isArray(doc.report.clauses)) {
    check('format', false, 'truncated: events, bounds or the report\'s clauses are not lists');
    return done();
  }
  const shaped = shapeProblem(doc.report, REPORT, 'report');
  if (shaped !== null) { check('format', false, `truncated: ${shaped}`); return done(); }
  result.report = doc.report;

  // 2. The final checkpoint, under the trusted key only.
  let key;
  let final;
  try {
    key = await parseVerifierKey(trustedKey);
    final = await verifyCheckpoint(doc.checkpoint, key);
  } catch (error) {
    check('signature', false, `signature: ${error.message}`);
    return done();
  }
  let witnesses;
  try {
    witnesses = await Promise.all(witnessKeys.map(parseWitnessKey));
  } catch (error) {
    check('cosignatures', false, `the witness policy is unusable: ${error.message}`);
    return done();
  }
  const k = quorum ?? witnesses.length;
  if (witnesses.length > 0 && (!Number.isInteger(k) || k < 1 || k > witnesses.length)) {
    check('cosignatures', false, `the witness policy needs a quorum from 1 to ${witnesses.length}, got ${k}`);
    return done();
  }
  const finalCosigned = witnesses.length === 0 ? { cosigned: [], problems: [] } : await checkCosignatures(doc.checkpoint, witnesses, k);
  result.checkpoint = { origin: final.origin, size: final.size, root: base64(final.root), cosigned: finalCosigned.cosigned };
  check('signature', true, `the final checkpoint (size ${final.size}) verifies under ${key.name}`);

  // 3. The events: ascending leaves below N, all proved at once by the multi-leaf inclusion proof.
  const events = [];
  let order = null;
  let unreadable = null;
  for (const entry of doc.events) {
    const where = `event at leaf ${entry?.leafIndex} (sequence ${entry?.sequence})`;
    if (events.length > 0 && !(entry?.leafIndex > events.at(-1).leafIndex)) order ??= `reordered: ${where} follows leaf ${events.at(-1).leafIndex}`;
    let record = null;
    try {
      record = typeof entry?.canonical === 'string' ? JSON.parse(entry.canonical) : null;
    } catch {
      record = null;
    }
    if (record === null) unreadable ??= `tampered: ${where} has no canonical JSON text`;
    events.push({ sequence: entry?.sequence, leafIndex: entry?.leafIndex, canonical: entry?.canonical, record });
  }
  if (order !== null) {
    check('order', false, order);
    return done();
  }
  const proof = Array.isArray(doc.inclusionProof) && doc.inclusionProof.every((p) => /^[0-9a-f]{64}$/.test(p)) ? doc.inclusionProof.map(fromHex) : null;
  const included = unreadable === null && proof !== null && verifyMultiInclusion(events.map((e) => e.leafIndex),
    events.map((e) => merkleLeafHash(utf8.encode(e.canonical))), final.size, proof, final.root);
  check('inclusion', included && events.length > 0, events.length === 0 ? 'incomplete: the bundle holds no event'
    : unreadable ?? (included ? `${events.length} events are in the final tree of size ${final.size}`
      : `tampered: the ${events.length} events are not in the final tree of size ${final.size} at their leaves (an event's bytes, a leaf index or the inclusion proof was altered)`));
  if (!included) return done();

  // 4. The bound checkpoints.
  const bound = await checkBoundCheckpoints(doc.bounds, final, { key, witnesses, quorum: k });
  check('consistency', bound.problems.length === 0, bound.problems[0]
    ?? `${bound.bounds.length} bound checkpoints are prefixes of the final checkpoint`);
  if (witnesses.length === 0) skip('cosignatures', 'no witness keys were given: every time bound is null');
  else {
    check('cosignatures', bound.cosignatureProblems.length === 0, bound.cosignatureProblems[0] ?? `${bound.bounds.filter((b) => b.time !== null).length} of `
      + `${bound.bounds.length} bound checkpoints are cosigned by ${k} of the ${witnesses.length} trusted witnesses`);
  }

  // 5. Completeness.
  const problem = completeness(doc.report, events);
  check('completeness', problem === null, problem ?? `every stream is whole from version 1 and every cited sequence is in the bundle`);
  if (checks.some((c) => c.outcome === 'fail')) return done();

  // 6. Recompute, and compare under the report's own witness policy.
  const report = doc.report;
  let recomputed;
  try {
    recomputed = await recomputeClauses(report, events, bound.bounds, { trustedKeyText: trustedKey });
  } catch (error) {
    // Events no valid ledger holds can still defeat a fold: a failure named, never a crash (as verify-duty).
    check('report', false, `tampered: the events do not fold into a report: ${error.message}`);
    return done();
  }
  result.recomputed = recomputed;
  const samePolicy = witnesses.length === 0 ? report.witnesses == null
    : report.witnesses != null && k === report.witnesses.quorum
      && JSON.stringify([...witnessKeys].sort()) === JSON.stringify([...(report.witnesses.keys ?? [])].sort());
  result.compared = samePolicy;
  if (!samePolicy) {
    skip('report', 'the report was computed under another witness policy: its verdicts are shown recomputed, not compared');
    return done();
  }
  check('as-of time', recomputed.asOfTime === (report.asOfTime ?? null),
    recomputed.asOfTime === (report.asOfTime ?? null) ? `as of ${recomputed.asOfTime ?? 'no witnessed time'}`
      : `mismatch: as-of time: report says ${report.asOfTime}, recomputed ${recomputed.asOfTime}`);
  // The report lists every event a deadline rule consulted, with its bounds: the same events, the same bounds.
  const claimedBounds = report.bounds ?? [];
  const wrongBound = recomputed.bounds.find((b, i) => jcs(b) !== jcs(claimedBounds[i] ?? null)) ?? claimedBounds[recomputed.bounds.length];
  check('bounds', wrongBound === undefined, wrongBound === undefined ? `${recomputed.bounds.length} events' bounds recomputed`
    : `mismatch: bounds of sequence ${wrongBound.sequence}: recomputed ${wrongBound.lower} … ${wrongBound.upper}, `
      + `the report says ${jcs(claimedBounds.find((b) => b.sequence === wrongBound.sequence) ?? null)}`);
  for (const [i, mine] of recomputed.clauses.entries()) {
    const theirs = report.clauses[i];
    const [claimed, found] = [findingLines(theirs?.findings), findingLines(mine.findings)];
    const same = theirs?.clause === mine.clause && theirs.name === mine.name && theirs.verdict === mine.verdict
      && JSON.stringify(claimed) === JSON.stringify(found);
    const read = JSON.stringify(theirs?.sequences) === JSON.stringify(mine.sequences);
    check(`clause ${mine.clause} ${mine.name}`, same && read, !same
      ? `mismatch: clause ${mine.clause}: report says ${theirs?.verdict} (${claimed.join('; ')}), recomputed ${mine.verdict} (${found.join('; ')})`
      : !read ? `mismatch: clause ${mine.clause}: report says it read ${theirs?.sequences?.join(', ')}, recomputed ${mine.sequences.join(', ')}`
        : `${mine.verdict}${found.length ? `: ${found.join('; ')}` : ''}`);
  }
  if (report.official) {
    const same = jcs(report.performed) === jcs(recomputed.performed)
      && JSON.stringify(findingLines(report.missing)) === JSON.stringify(findingLines(recomputed.missing));
    check('official', same, same ? `${recomputed.performed.length} steps performed, ${recomputed.missing.length} missing or late`
      : `mismatch: the official's steps: report says ${report.performed?.length} performed and ${report.missing?.length} missing, `
        + `recomputed ${recomputed.performed.length} and ${recomputed.missing.length}`);
  }
  // §7 step 6: the whole report, every member (`draws`, `cited`, …) but the findings' words, equals the one recomputed;
  // the witness keys are a set, already found equal above.
  const expected = withoutDetail(dutyReport(report, report.witnesses, recomputed));
  const claimed = withoutDetail(report);
  const differs = [...new Set([...Object.keys(expected), ...Object.keys(claimed)])].find((name) => jcs(expected[name] ?? null) !== jcs(claimed[name] ?? null)
    || (name in expected) !== (name in claimed));
  check('report', differs === undefined, differs === undefined ? 'every member of the report recomputed'
    : `mismatch: the report's "${differs}" differs from the one recomputed from the events`);
  return done();
}

const DRAW_KINDS = new Set(['poolfrozen', 'drawcommitted', 'commitmentpublished', 'partysecretrevealed', 'randomnessrecorded',
  'lotteryvaluesconfirmed', 'drawexecuted', 'inspectorsassigned', 'roundsetaside', 'lapsedroundresolved', 'entitysubstituted', 'inspectorreassigned']);
const OPENED_BY = [['item-list:', 'itemlistdrafted'], ['result:', 'inspectionresultrecorded'], ['follow-up:', 'followupopened']];

/**
 * §7 step 5, a stream's shape (in version order): a task stream's rounds numbered 1, 2, … each from its PoolFrozen, every
 * other draw event naming the round of the newest freeze before it (a LapsedRoundResolved that one or an earlier one);
 * an item list, a result and a follow-up stream opened by their first event and by no other. Null when it has it.
 */
function streamShape(name, list) {
  if (name.startsWith('task:')) {
    let round = 0;
    for (const e of list) {
      const [k, n] = [kind(e.record.type), e.record.data?.Round];
      const fits = k === 'poolfrozen' ? n === ++round
        : k === 'lapsedroundresolved' ? Number.isInteger(n) && n >= 1 && n <= round
          : DRAW_KINDS.has(k) && round > 0 && n === round;
      if (!fits) return `sequence ${e.sequence} (${e.record.type}) does not name the round its place in the stream gives (${Math.max(round, 1)})`;
    }
    return null;
  }
  const opener = OPENED_BY.find(([prefix]) => name.startsWith(prefix))?.[1];
  if (opener === undefined) return null;
  if (kind(list[0].record.type) !== opener) return `its first event (sequence ${list[0].sequence}) is not a ${opener}`;
  const again = list.slice(1).find((e) => kind(e.record.type) === opener);
  return again === undefined ? null : `sequence ${again.sequence} is a second ${opener}`;
}

/** §7 step 5: the first way the bundle is incomplete, or null. */
function completeness(report, events) {
  const streams = new Map();
  for (const event of events) {
    if (event.leafIndex >= report.asOf) return `incomplete: event beyond asOf (sequence ${event.sequence}, leaf ${event.leafIndex} ≥ ${report.asOf})`;
    if (!streams.has(event.record.stream)) streams.set(event.record.stream, []);
    streams.get(event.record.stream).push(event);
  }
  for (const [name, list] of streams) {
    list.sort((a, b) => a.record.version - b.record.version);
    for (const [i, event] of list.entries()) {
      const prev = i === 0 ? ZEROS : hex(sha256(utf8.encode(list[i - 1].canonical)));
      if (event.record.version !== i + 1 || event.record.prev !== prev) return `incomplete: stream ${name} lacks version ${i + 1}`;
    }
  }
  for (const [name, list] of streams) {
    const problem = streamShape(name, list);
    if (problem !== null) return `tampered: stream ${name}: ${problem}`;
  }
  // Only what the scope reads (§2): events of other streams a bundle carries are not judged, so ask nothing of them.
  const needs = scopeNeeds(report, events);
  const list = needs.lists.find((x) => !streams.has(x.stream));
  if (list !== undefined) return `incomplete: stream ${list.stream} that the plan names is not in the bundle`;
  const result = needs.results.find((x) => !x.drawn);
  if (result !== undefined) return `incomplete: round ${result.round} of task:${result.taskId} that ${result.stream} names is not in the bundle`;
  const present = new Set(events.map((e) => e.sequence));
  const absent = citedSequences(report).find((s) => !present.has(s));
  return absent === undefined ? null : `incomplete: cited sequence ${absent} is not in the bundle`;
}
