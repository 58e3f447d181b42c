// Witnessed time bounds of DUTY-v2 (docs/duty-report.md §3): an event's time bounded by witnesses' cosignature/v1
// timestamps (c2sp.org/tlog-cosignature) on checkpoints that are prefixes of the bundle's final one, since the server's
// clock is the operator's. The cosignatures are checked by draw-verifier.mjs's checkCosignatures under witness keys the
// caller gives, never keys taken from the bundle. Runs in browsers and under Node.
import { checkCosignatures, fromHex, verifyCheckpoint } from './draw-verifier.mjs';
import { verifyConsistency } from './log-consistency.mjs';

/** POSIX seconds as the spec's instant text: UTC ISO-8601 with whole seconds. */
export const instantOf = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The k-th earliest timestamp among the valid cosignatures of distinct trusted witnesses ({ name, time } as
 * checkCosignatures returns them), or null with fewer than k.
 */
export function quorumTime(cosigned, quorum) {
  const times = cosigned.map((c) => c.time).sort((a, b) => a - b);
  return quorum >= 1 && times.length >= quorum ? times[quorum - 1] : null;
}

/**
 * Checks the bundle's bound checkpoints ({ checkpoint: cosigned note, consistencyProof: hex hashes }) against the
 * final checkpoint ({ size, root }): each must verify under the trusted ledger key (parsed with parseVerifierKey), be no
 * larger than the final one and be proved its prefix. Returns { bounds: [{ size, cosigned, time }], problems,
 * cosignatureProblems }, where
 * `time` is the quorum time in POSIX seconds (null when the witnesses given did not reach the quorum on it), and each
 * problem names the checkpoint as "tampered: bound checkpoint of size m: …" (a trusted witness's line that does not
 * verify is a cosignature problem; it counts for nothing).
 */
export async function checkBoundCheckpoints(entries, final, { key, witnesses = [], quorum = 1 }) {
  const bounds = [];
  const problems = [];
  const cosignatureProblems = [];
  for (const [index, entry] of (entries ?? []).entries()) {
    let checkpoint;
    try {
      checkpoint = await verifyCheckpoint(entry?.checkpoint, key);
    } catch (error) {
      problems.push(`tampered: bound checkpoint ${index + 1}: ${error.message}`);
      continue;
    }
    const name = `tampered: bound checkpoint of size ${checkpoint.size}`;
    const proof = (entry.consistencyProof ?? []).map((text) => (/^[0-9a-f]{64}$/.test(text) ? fromHex(text) : null));
    if (checkpoint.size > final.size) {
      problems.push(`${name}: larger than the final checkpoint's ${final.size}`);
    } else if (proof.includes(null) || !await verifyConsistency(checkpoint.size, final.size, checkpoint.root, final.root, proof)) {
      problems.push(`${name}: its consistency proof to the final checkpoint of size ${final.size} does not verify`);
    } else if (bounds.length > 0 && bounds.at(-1).size > checkpoint.size) {
      problems.push(`reordered: bound checkpoint of size ${checkpoint.size} after one of size ${bounds.at(-1).size}`);
    } else {
      const found = witnesses.length === 0 ? { cosigned: [], problems: [] } : await checkCosignatures(entry.checkpoint, witnesses, quorum);
      cosignatureProblems.push(...found.problems.map((problem) => `${name}: ${problem}`));
      bounds.push({ size: checkpoint.size, cosigned: found.cosigned, time: quorumTime(found.cosigned, quorum) });
    }
  }
  return { bounds, problems, cosignatureProblems };
}

/**
 * An event's bounds at leaf `index` from checked bound checkpoints: `upper` = the least quorum time of a checkpoint that
 * includes it (size > index), `lower` = the greatest of one that does not (size ≤ index); POSIX seconds or null.
 * The as-of time of a report at position P is boundsAt(P, bounds).lower.
 */
export function boundsAt(index, bounds) {
  const timed = bounds.filter((bound) => bound.time !== null);
  const upper = timed.filter((bound) => bound.size > index).map((bound) => bound.time);
  const lower = timed.filter((bound) => bound.size <= index).map((bound) => bound.time);
  return { lower: lower.length === 0 ? null : Math.max(...lower), upper: upper.length === 0 ? null : Math.min(...upper) };
}

/**
 * A deadline judged on an event's bounds (docs/duty-report.md §3): 'in-time' when upper ≤ deadline, 'late' when
 * lower ≥ deadline, else 'undetermined'. Times in POSIX seconds.
 */
export function judge({ lower, upper }, deadline) {
  if (upper !== null && upper <= deadline) return 'in-time';
  if (lower !== null && lower >= deadline) return 'late';
  return 'undetermined';
}

/** "Nothing happened by the deadline": 'holds' once the as-of time ≥ deadline, 'pending' before, 'undetermined' without one. */
export const nothingBy = (asOfTime, deadline) => (asOfTime === null ? 'undetermined' : asOfTime >= deadline ? 'holds' : 'pending');
