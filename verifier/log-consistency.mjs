// RFC 9162 §2.1.4.2: does a consistency proof show that the tree of `first` leaves with root `firstRoot` is a prefix of
// the tree of `second` leaves with root `secondRoot` (docs/ledger-integrity.md, "Merkle tree")? Runs in browsers and
// under Node; returns false, never throws, for anything that cannot be a valid proof. Sizes are safe integers, so
// the bit steps are done with arithmetic rather than 32-bit operators.
const subtle = globalThis.crypto.subtle;

const nodeHash = async (left, right) => {
  const data = new Uint8Array(65);
  data[0] = 1;
  data.set(left, 1);
  data.set(right, 33);
  return new Uint8Array(await subtle.digest('SHA-256', data));
};

const equal = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
const odd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);

const powerOfTwo = (n) => {
  let m = n;
  while (m > 1 && !odd(m)) m = half(m);
  return m === 1;
};

export async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (firstRoot?.length !== 32 || secondRoot?.length !== 32 || !Array.isArray(proof) || proof.some((p) => p?.length !== 32)) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  // A first tree that is a perfect subtree of the second is its own first node; otherwise the proof starts with it.
  const path = powerOfTwo(first) ? [firstRoot, ...proof] : proof;
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

/** Hex text to bytes (the proof's form in GET /api/ledger/proofs/consistency); null when it is not 32-byte hex. */
export const hashFromHex = (text) => (typeof text === 'string' && /^[0-9a-f]{64}$/.test(text)
  ? Uint8Array.from(text.match(/../g), (pair) => Number.parseInt(pair, 16)) : null);
