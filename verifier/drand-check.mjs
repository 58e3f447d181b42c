// The server's drand check (src/Api/Draws/DrandCheck.cs runs it under Node): reads {"values": [{chain, round,
// signature, previousSignature}]} on stdin, writes {"results": [null | {field, reason}]} in the same order.
import { checkDrandValue, drandChain } from './drand.mjs';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).values.map((value) => {
  const chain = drandChain(value.chain);
  return chain
    ? checkDrandValue({ ...value, chain, previousSignature: value.previousSignature ?? undefined })
    : { field: 'signature', reason: `the drand chain ${value.chain} is not registered` };
});
process.stdout.write(JSON.stringify({ results }));
