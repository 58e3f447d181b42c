// The DRAW-v1 tickets (spec §7) and their order (§8–§9), for draw-verifier.mjs and, as a module worker (a Web Worker in
// browsers, a worker_threads Worker under Node), for ranking the inspectors of many entities on other cores. It imports
// @noble/hashes by relative path because a module worker does not see the page's import map.

import { hmac } from './node_modules/@noble/hashes/hmac.js';
import { sha256 } from './node_modules/@noble/hashes/sha2.js';

const utf8 = new TextEncoder();
export const nfc = (text) => text.normalize('NFC');
export const nfcBytes = (text) => utf8.encode(nfc(text));

/** enc(x) = u32be(byte length) || x; strings as NFC UTF-8. */
export function enc(...values) {
  const parts = values.map((value) => (typeof value === 'string' ? nfcBytes(value) : value));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length, false);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** Ascending unsigned bytewise order, proper prefix first (spec §2). */
export function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * ticket(l_1, …) = HKDF-Expand(SHA-256, PRK, info = enc("DRAW-v1", l_1, …), L = 32), which for L = 32 is the first
 * block, HMAC-SHA256(PRK, info || 0x01) (spec §7). The PRK's key schedule (its ipad and opad blocks) is absorbed once and
 * copied into one scratch state per ticket, so a ticket costs the message's compressions and no key set-up.
 */
export function ticketMaker(prk) {
  const keyed = hmac.create(sha256, prk);
  let scratch = keyed.clone();
  // enc() of a label, kept: the same ids and stratum names recur in every ticket (NFC and UTF-8 cost more than the hash).
  const encoded = new Map();
  const label = (text) => {
    let bytes = encoded.get(text);
    if (bytes === undefined) encoded.set(text, bytes = enc(text));
    return bytes;
  };
  const last = Uint8Array.of(1);
  // The PRK goes with the function, so that workers can make the same tickets (rankInWorkers).
  return Object.assign((...labels) => {
    scratch = keyed._cloneInto(scratch).update(label('DRAW-v1'));
    for (const text of labels) scratch.update(label(text));
    return scratch.update(last).digest();
  }, { prk });
}

const byTicket = (a, b) => compareBytes(a.ticket, b.ticket) || compareBytes(enc(a.id), enc(b.id));
const slots = 2 ** 21;
/**
 * `entries` ({ id, ticket }) in byTicket order. Each entry's position rides below the number in its ticket's first four
 * bytes (32 + 21 bits, exact in a double), so a native numeric sort orders them with no call per comparison; only
 * entries whose first four bytes tie are then ordered by byTicket. Over 2^21 entries, byTicket sorts them all.
 */
export function sortByTicket(entries) {
  const n = entries.length;
  if (n > slots) return [...entries].sort(byTicket);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = entries[i].ticket;
    packed[i] = (t[0] * 0x1000000 + ((t[1] << 16) | (t[2] << 8) | t[3])) * slots + i;
  }
  packed.sort();
  const sorted = new Array(n);
  for (let i = 0; i < n;) {
    const key = Math.floor(packed[i] / slots);
    let end = i + 1;
    while (end < n && Math.floor(packed[end] / slots) === key) end++;
    const run = [];
    for (let k = i; k < end; k++) run.push(entries[packed[k] % slots]);
    if (run.length > 1) run.sort(byTicket);
    for (const entry of run) sorted[i++] = entry;
  }
  return sorted;
}

// ---- Ranking inspectors on other cores (spec §9 step 2): workers rank, the caller walks in walk order ----

const workerRole = 'fairdraw-inspector-ranking';
const workerUrl = new URL(import.meta.url).href;

/** The positions in `ids` of the inspectors ranked for each of `entityIds`, entity after entity, as one array. */
function rankPositions(ticket, ids, entityIds) {
  const positions = new Uint32Array(entityIds.length * ids.length);
  entityIds.forEach((entityId, k) => {
    const ranked = sortByTicket(ids.map((id, at) => ({ id, at, ticket: ticket('inspector', entityId, id) })));
    ranked.forEach((entry, i) => { positions[k * ids.length + i] = entry.at; });
  });
  return positions;
}

/**
 * A worker's side: the first message gives the PRK and the inspector ids, each later one a batch of entity ids. It says
 * `{ ready: true }` in a task after this module's evaluation (its top-level await) has settled: only then may the pool
 * terminate it, since terminating a module mid-evaluation can abort the whole process in V8 (nodejs/node#43182).
 */
function serve(listen, reply) {
  let ticket;
  let ids;
  listen((message) => {
    if (message.prk) {
      ticket = ticketMaker(message.prk);
      ids = message.ids;
      return;
    }
    const positions = rankPositions(ticket, ids, message.entityIds);
    reply(positions, [positions.buffer]);
  });
  setTimeout(() => reply({ ready: true }, []), 0);
}

if (typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope) {
  serve((receive) => { globalThis.onmessage = (event) => receive(event.data); },
    (m, transfer) => globalThis.postMessage(m, transfer));
} else if (globalThis.process?.versions?.node) {
  const threads = await import('node:worker_threads');
  if (threads.workerData?.role === workerRole) {
    serve((receive) => threads.parentPort.on('message', receive),
      (m, transfer) => threads.parentPort.postMessage(m, transfer));
  }
}

// The pages' CSP requires Trusted Types for scripts: a worker's URL passes through this one named policy (CSP
// `trusted-types fairdraw-verifier-worker`), which lets through this module's own URL and nothing else.
let workerPolicy;
const trustedWorkerUrl = () => {
  if (!globalThis.trustedTypes) return workerUrl;
  workerPolicy ??= globalThis.trustedTypes.createPolicy('fairdraw-verifier-worker', {
    createScriptURL: (url) => {
      if (url !== workerUrl) throw new TypeError(`not the verifier's worker: ${url}`);
      return url;
    },
  });
  return workerPolicy.createScriptURL(workerUrl);
};

/** One worker of this module, or null where the platform has none: { post, listen, failed, terminate }. */
async function startWorker() {
  if (typeof globalThis.Worker === 'function') {
    const worker = new globalThis.Worker(trustedWorkerUrl(), { type: 'module' });
    return {
      post: (message) => worker.postMessage(message),
      listen: (receive) => { worker.onmessage = (event) => receive(event.data); },
      failed: (fail) => { worker.onerror = fail; worker.onmessageerror = fail; },
      terminate: () => worker.terminate(),
    };
  }
  if (!globalThis.process?.versions?.node) return null;
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL(workerUrl), { workerData: { role: workerRole } });
  return {
    post: (message) => worker.postMessage(message),
    listen: (receive) => worker.on('message', receive),
    failed: (fail) => { worker.on('error', fail); worker.on('messageerror', fail); worker.on('exit', fail); },
    terminate: () => worker.terminate(),
  };
}

/** `worker` answering the batches alone (its ready message held back) and terminated only once it is ready or failed. */
function onceReady(worker) {
  let receive;
  let settle;
  const settled = new Promise((resolve) => { settle = resolve; });
  const fails = [settle];
  worker.listen((message) => (message?.ready === true ? settle() : receive(message)));
  worker.failed((error) => fails.forEach((fail) => fail(error)));
  return {
    post: worker.post,
    listen: (handler) => { receive = handler; },
    failed: (fail) => { fails.push(fail); },
    terminate: () => settled.then(() => worker.terminate()),
  };
}

/**
 * The inspector rankings of `entityIds` (in that order) computed by `count` workers, batch after batch as the caller
 * walks: `rankingAt(k)` resolves to entity k's positions in `ids`, or to null if the workers failed (or the platform
 * has none), and the caller then ranks on its own thread. `close()` ends each worker once it is ready (onceReady) and
 * resolves when all are ended.
 */
export async function rankInWorkers(prk, ids, entityIds, { count = 2, batch = 64 } = {}) {
  const workers = [];
  const batches = [];
  try {
    for (let i = 0; i < count; i++) {
      const worker = await startWorker();
      if (worker === null) break;
      workers.push(onceReady(worker));
    }
  } catch {
    // A platform that refuses workers (a CSP, a missing module): the caller ranks on its own thread.
  }
  if (workers.length > 0) {
    const waiting = workers.map(() => []);
    workers.forEach((worker, w) => {
      worker.listen((positions) => waiting[w].shift().resolve(positions));
      worker.failed(() => { for (const pending of waiting[w].splice(0)) pending.resolve(null); });
      worker.post({ prk, ids });
    });
    for (let from = 0; from < entityIds.length; from += batch) {
      const w = batches.length % workers.length;
      batches.push(new Promise((resolve) => waiting[w].push({ resolve })));
      workers[w].post({ entityIds: entityIds.slice(from, from + batch) });
    }
  }
  return {
    async rankingAt(k) {
      const positions = await batches[Math.floor(k / batch)];
      return positions ? positions.subarray((k % batch) * ids.length, (k % batch + 1) * ids.length) : null;
    },
    close: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}
