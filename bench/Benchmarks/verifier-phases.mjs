// Where the JavaScript verifier's time goes: preloaded with `node --import ./bench/Benchmarks/verifier-phases.mjs
// verifier/draw-verifier.mjs <bundle> --key <key>`, it counts WebCrypto calls and, at exit, prints the stretches of calls
// of one kind in the order they ran (pool roots are digests, tickets and inspector ranking HMAC signs) with their time.
const subtle = globalThis.crypto.subtle;
const stretches = [];
let current = null;

for (const method of ['digest', 'sign', 'verify']) {
  const call = subtle[method].bind(subtle);
  subtle[method] = (...args) => {
    const now = performance.now();
    if (current?.method !== method) {
      if (current) current.ms = now - current.start;
      current = { method, calls: 0, start: now, ms: 0 };
      stretches.push(current);
    }
    current.calls++;
    return call(...args);
  };
}

const started = performance.now();
process.on('exit', () => {
  const end = performance.now();
  if (current) current.ms = end - current.start;
  // Stretches of under 1,000 calls (a root's few nodes, a receipt's check) are folded into the next one.
  const shown = [];
  let carried = { calls: 0, ms: 0, methods: new Set() };
  for (const stretch of stretches) {
    carried = { calls: carried.calls + stretch.calls, ms: carried.ms + stretch.ms, methods: carried.methods.add(stretch.method) };
    if (stretch.calls >= 1000) {
      shown.push(carried);
      carried = { calls: 0, ms: 0, methods: new Set() };
    }
  }
  if (carried.calls > 0) shown.push(carried);
  const before = stretches.length === 0 ? end - started : stretches[0].start - started;
  console.error(`before the first WebCrypto call (reading and parsing the bundle): ${Math.round(before)} ms`);
  for (const s of shown) console.error(`${[...s.methods].join('+')}: ${s.calls} calls, ${Math.round(s.ms)} ms`);
});
