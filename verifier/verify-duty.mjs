// CLI of the duty-bundle verifier (docs/duty-report.md §7), trusting only the keys given on the command line:
//   node verifier/verify-duty.mjs BUNDLE --key <ledger verifier key> [--witness <witness key>]… [--quorum k]
// Prints every check and the recomputed clauses; exit 0 when the bundle verifies, 1 when a check fails, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyDutyBundle } from './duty-verifier.mjs';

const usage = 'usage: node verifier/verify-duty.mjs BUNDLE --key <ledger verifier key> [--witness <witness key>]… [--quorum k]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { key: { type: 'string' }, witness: { type: 'string', multiple: true }, quorum: { type: 'string' } } });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1 || values.key === undefined || (values.quorum !== undefined && !/^[1-9][0-9]*$/.test(values.quorum))) {
  console.error(usage);
  process.exit(2);
}
const result = await verifyDutyBundle(await readFile(positionals[0]), {
  trustedKey: values.key, witnessKeys: values.witness ?? [], quorum: values.quorum === undefined ? undefined : Number(values.quorum),
});
for (const check of result.checks) console.log(`${check.outcome.padEnd(7)} ${check.name}: ${check.detail}`);
if (result.recomputed && !result.compared) {
  for (const c of result.recomputed.clauses) console.log(`recomputed clause ${c.clause} ${c.name}: ${c.verdict}`);
}
console.log(`bundle SHA-256 ${result.sha256}`);
console.log(result.ok ? 'VERIFIED' : `NOT verified: ${result.failure}`);
// exitCode, not exit(): exit() would cut a long verdict short when stdout is a pipe that has not drained yet.
process.exitCode = result.ok ? 0 : 1;
