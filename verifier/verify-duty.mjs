// CLI of the duty-bundle verifier (docs/duty-report.md §7), trusting only the keys given on the command line:
//   node verifier/verify-duty.mjs BUNDLE --key <ledger key> [--witness <witness key>]… [--quorum k] [--draws DIR]
// Prints every check and the recomputed clauses; with --draws, each named round verified from its evidence bundle in DIR
// (duty-draws.mjs). Exit 0 when everything verifies, 1 when a check fails, 2 on bad usage or an unreadable DIR.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyDutyDraws } from './duty-draws.mjs';
import { verifyDutyBundle } from './duty-verifier.mjs';

const usage = 'usage: node verifier/verify-duty.mjs BUNDLE --key <ledger verifier key> [--witness <witness key>]… '
  + '[--quorum k] [--draws DIR]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { key: { type: 'string' },
    witness: { type: 'string', multiple: true }, quorum: { type: 'string' }, draws: { type: 'string' } } });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1 || values.key === undefined || (values.quorum !== undefined && !/^[1-9][0-9]*$/.test(values.quorum))) {
  console.error(usage);
  process.exit(2);
}
const bundle = await readFile(positionals[0]);
let evidence = null;
try {
  // The folder's files, not its subfolders, as the .NET verb reads them.
  const entries = values.draws === undefined ? null : await readdir(values.draws, { withFileTypes: true });
  evidence = entries && await Promise.all(entries.filter((entry) => entry.isFile())
    .map(async (entry) => ({ name: entry.name, bytes: await readFile(join(values.draws, entry.name)) })));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const result = await verifyDutyBundle(bundle, {
  trustedKey: values.key, witnessKeys: values.witness ?? [], quorum: values.quorum === undefined ? undefined : Number(values.quorum),
});
for (const check of result.checks) console.log(`${check.outcome.padEnd(7)} ${check.name}: ${check.detail}`);
if (result.recomputed && !result.compared) {
  for (const c of result.recomputed.clauses) console.log(`recomputed clause ${c.clause} ${c.name}: ${c.verdict}`);
}
const draws = evidence === null ? { rounds: [], failures: [] }
  : await verifyDutyDraws(bundle, evidence, { trustedKey: values.key });
for (const r of draws.rounds) {
  console.log(`draws: task ${r.taskId} round ${r.round} (${r.file}, ${r.state}): DRAW-v1 ${r.outcome}`);
}
for (const failure of draws.failures) console.log(`draws: ${failure}`);
const ok = result.ok && draws.failures.length === 0;
console.log(`bundle SHA-256 ${result.sha256}`);
console.log(ok ? 'VERIFIED' : `NOT verified: ${result.failure ?? `draws: ${draws.failures[0]}`}`);
// exitCode, not exit(): exit() would cut a long verdict short when stdout is a pipe that has not drained yet.
process.exitCode = ok ? 0 : 1;
