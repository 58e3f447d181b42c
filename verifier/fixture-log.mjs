// Test support for the duty verifier's node tests: a ledger log built in memory (RFC 6962 tree, inclusion and consistency
// proofs), its checkpoints signed as C2SP notes with a fresh ECDSA P-256 key (DER signatures, as CheckpointSigner
// writes them) and cosigned by fresh Ed25519 witnesses (cosignature/v1), all with WebCrypto.
import { sha256 } from '@noble/hashes/sha2.js';
import { hex, merkleLeafHash } from './draw-verifier.mjs';

const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const concat = (...parts) => Uint8Array.from(Buffer.concat(parts.map((part) => Buffer.from(part))));
const nodeHash = (left, right) => sha256(concat([1], left, right));
const split = (n) => 2 ** Math.floor(Math.log2(n - 1));

/** RFC 6962 MTH over leaf hashes. */
export const root = (hashes) => (hashes.length === 1 ? hashes[0]
  : nodeHash(root(hashes.slice(0, split(hashes.length))), root(hashes.slice(split(hashes.length)))));

/** The multi-leaf inclusion proof of ascending `indexes`: the roots of the split's subtrees holding none of them. */
function multiPath(indexes, hashes, offset = 0) {
  if (!indexes.some((i) => i >= offset && i < offset + hashes.length)) return [root(hashes)];
  if (hashes.length === 1) return [];
  const k = split(hashes.length);
  return [...multiPath(indexes, hashes.slice(0, k), offset), ...multiPath(indexes, hashes.slice(k), offset + k)];
}

/** RFC 6962 §2.1.2 SUBPROOF(m, D[n], b) over leaf hashes; PROOF(m, D[n]) is SUBPROOF(m, D[n], true). */
export function subproof(m, hashes, complete) {
  const n = hashes.length;
  if (m === n) return complete ? [] : [root(hashes)];
  const k = split(n);
  return m <= k ? [...subproof(m, hashes.slice(0, k), complete), root(hashes.slice(k))]
    : [...subproof(m - k, hashes.slice(k), false), root(hashes.slice(0, k))];
}

/** P1363 r || s as the DER SEQUENCE of two INTEGERs. */
function toDer(p1363) {
  const integer = (bytes) => {
    let value = Array.from(bytes);
    while (value.length > 1 && value[0] === 0) value = value.slice(1);
    if (value[0] & 0x80) value = [0, ...value];
    return [0x02, value.length, ...value];
  };
  const body = [...integer(p1363.slice(0, 32)), ...integer(p1363.slice(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/**
 * A ledger key, fresh or the PKCS#8 `pkcs8` (base64) of a fixed one: `text` is its verifier key, `sign(body)` the signed
 * note of a checkpoint body.
 */
export async function ledgerKey(name = 'fairdraw.test/ledger', pkcs8 = null) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = pkcs8 === null ? (await subtle.generateKey(algorithm, true, ['sign', 'verify'])).privateKey
    : await subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), algorithm, true, ['sign']);
  const { x, y } = await subtle.exportKey('jwk', privateKey);
  const publicKey = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y }, algorithm, true, ['verify']);
  const pair = { privateKey, publicKey };
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const keyId = sha256(spki).slice(0, 4);
  return {
    name,
    text: `${name}+${hex(keyId)}+${base64(concat([2], spki))}`,
    /** The ECDSA P-256 signature (IEEE P1363, base64) of `text`, as a draw commitment's Signature. */
    signText: async (text) => base64(new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, utf8.encode(text)))),
    sign: async (body) => {
      const signature = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, utf8.encode(body)));
      return `${body}\n\u2014 ${name} ${base64(concat(keyId, toDer(signature)))}\n`;
    },
  };
}

/** A witness, fresh or of a fixed 32-byte seed (hex): `text` is its witness key, `cosign(note, time)` its line over the note. */
export async function witness(name, seed = null) {
  const pair = seed === null ? await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) : {
    privateKey: await subtle.importKey('pkcs8', Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed, 'hex')]),
      { name: 'Ed25519' }, true, ['sign']),
  };
  pair.publicKey ??= await subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: (await subtle.exportKey('jwk', pair.privateKey)).x }, { name: 'Ed25519' }, true, ['verify']);
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const keyId = sha256(concat(utf8.encode(name), [0x0a, 0x04], publicKey)).slice(0, 4);
  return {
    name,
    text: `${name}+${hex(keyId)}+${base64(concat([4], publicKey))}`,
    cosign: async (note, time) => {
      const body = note.slice(0, note.lastIndexOf('\n\n') + 1);
      const stamp = Buffer.alloc(8);
      stamp.writeBigUInt64BE(BigInt(time));
      const signature = new Uint8Array(await subtle.sign('Ed25519', pair.privateKey, utf8.encode(`cosignature/v1\ntime ${time}\n${body}`)));
      return `\u2014 ${name} ${base64(concat(keyId, stamp, signature))}\n`;
    },
  };
}

/** A log of UTF-8 leaves: its root, multi-leaf inclusion and consistency proofs (hex) and signed checkpoints at any size. */
export function log(leaves, key) {
  const hashes = leaves.map((leaf) => merkleLeafHash(utf8.encode(leaf)));
  return {
    root: (size) => root(hashes.slice(0, size)),
    multiInclusion: (indexes, size) => (indexes.length === 0 ? [] : multiPath(indexes, hashes.slice(0, size)).map(hex)),
    consistency: (from, to) => (from === to ? [] : subproof(from, hashes.slice(0, to), true).map(hex)),
    checkpoint: (size) => key.sign(`${key.name}\n${size}\n${base64(root(hashes.slice(0, size)))}\n`),
  };
}
