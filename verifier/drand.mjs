// The BLS12-381 check of a drand value (docs/draw-protocol.md §6) with @noble/curves, for the chains of
// drand-chains.json. Runs in a browser (through the page's import map) and under Node; drand-check.mjs is its CLI.
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import registry from './drand-chains.json' with { type: 'json' };

export const DRAND_CHAINS = registry.chains;

/** Per scheme: the signature's group and length in bytes, the hash-to-curve DST, whether the message chains. */
const SCHEMES = {
  'bls-unchained-g1-rfc9380': {
    signatures: bls12_381.shortSignatures, bytes: 48, chained: false, dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
  },
  'pedersen-bls-chained': {
    signatures: bls12_381.longSignatures, bytes: 96, chained: true, dst: 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_',
  },
};

const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const isHex = (text, bytes) => typeof text === 'string' && new RegExp(`^[0-9a-f]{${2 * bytes}}$`).test(text);

/** A registered chain by name or chain hash, or undefined. */
export const drandChain = (nameOrHash) => DRAND_CHAINS.find((chain) => chain.name === nameOrHash || chain.hash === nameOrHash);

/** The chain and round of a committed reference "drand <name> <hash> round <r>", or null when it is not one. */
export function parseDrandReference(reference) {
  const match = /^drand (\S+) ([0-9a-f]{64}) round ([1-9][0-9]*)$/.exec(reference ?? '');
  const chain = match && drandChain(match[2]);
  return chain && chain.name === match[1] ? { chain, round: BigInt(match[3]) } : null;
}

/** The message drand signs for a round: SHA-256(previous signature || u64be(round)), or SHA-256(u64be(round)) unchained. */
export function drandMessage(round, previousSignature) {
  const roundBytes = new Uint8Array(8);
  new DataView(roundBytes.buffer).setBigUint64(0, BigInt(round), false);
  if (previousSignature === undefined) return sha256(roundBytes);
  const previous = fromHex(previousSignature);
  const message = new Uint8Array(previous.length + 8);
  message.set(previous);
  message.set(roundBytes, previous.length);
  return sha256(message);
}

/**
 * Checks a drand value (the round's signature, lowercase hex) against its chain's public key. Returns null when it
 * verifies, else { field, reason } where field is "signature" or "previousSignature".
 */
export function checkDrandValue({ chain, round, signature, previousSignature }) {
  const scheme = SCHEMES[chain.scheme];
  if (!scheme) return { field: 'signature', reason: `the chain's scheme ${chain.scheme} is not supported` };
  if (!isHex(signature, scheme.bytes)) {
    return { field: 'signature', reason: `a ${chain.name} signature is ${scheme.bytes} bytes (${2 * scheme.bytes} hex digits)` };
  }

  if (scheme.chained && !isHex(previousSignature, scheme.bytes)) {
    return { field: 'previousSignature', reason: `a ${chain.name} value needs the previous round's signature (96 bytes, hex)` };
  }

  if (!scheme.chained && previousSignature != null) {
    return { field: 'previousSignature', reason: `${chain.name} is unchained: its values have no previous signature` };
  }

  const message = scheme.signatures.hash(drandMessage(round, scheme.chained ? previousSignature : undefined), scheme.dst);
  let valid;
  try {
    valid = scheme.signatures.verify(fromHex(signature), message, fromHex(chain.publicKey));
  } catch {
    valid = false; // not a point of the signature group: no signature of this chain
  }

  if (valid) return null;
  return scheme.chained
    ? { field: 'signature', reason: `not ${chain.name}'s signature of round ${round} over this previous signature` }
    : { field: 'signature', reason: `not ${chain.name}'s signature of round ${round}` };
}
