// The verification page's script. Everything that did not come from this file (the task id in the address, the
// server's answers, the verifier's findings) is written as text, never as markup; the page's Content-Security-Policy
// also refuses inline scripts and HTML written from strings (Trusted Types).
import { verifyBundle } from '/verifier/draw-verifier.mjs';

const segment = location.pathname.split('/').pop();
let task;
try {
  task = decodeURIComponent(segment);
} catch {
  task = segment; // not valid percent-encoding: shown as typed
}
const evidence = `/api/tasks/${encodeURIComponent(task)}/draw/evidence`;
document.getElementById('task').textContent = task;
document.getElementById('download').href = evidence;
const summary = document.getElementById('summary');
const witnessing = document.getElementById('witnessing');
const body = document.querySelector('#checks tbody');

/** Replaces the summary by a coloured verdict and a plain-text explanation. */
const report = (className, verdict, explanation) => {
  const label = document.createElement('span');
  label.className = className;
  label.textContent = verdict;
  summary.replaceChildren(label, explanation);
};

/** The problem details' title and detail of a refused request, or its status and text. */
const refusal = async (response) => {
  const text = await response.text();
  try {
    const problem = JSON.parse(text);
    return `HTTP ${response.status}: ${problem.title ?? ''} ${problem.detail ?? ''}`.trim();
  } catch {
    return `HTTP ${response.status}: ${text}`;
  }
};

/**
 * The witness policy: the keys the visitor gave, or else those this server publishes (GET /api/ledger/checkpoint),
 * with where they came from — keys from the server are not independent of it, and the output says so.
 */
const witnessPolicy = async () => {
  const given = document.getElementById('witnesses').value.split('\n').map((line) => line.trim()).filter((line) => line);
  const quorumText = document.getElementById('quorum').value.trim();
  if (given.length > 0) {
    return { witnesses: given, quorum: quorumText ? Number(quorumText) : undefined, source: '您填写的见证人公钥 / the witness keys you gave' };
  }
  const response = await fetch('/api/ledger/checkpoint');
  const published = response.ok ? await response.json() : { witnessKeys: [] };
  return {
    witnesses: published.witnessKeys ?? [],
    quorum: quorumText ? Number(quorumText) : published.witnessQuorum ?? undefined,
    source: '本服务器公布的配置（并非独立来源，请与见证单位公布的公钥核对）/ this server\'s published configuration (not independent of it: compare with the keys the witnesses publish)',
  };
};

/** Writes the witnessing result as text: the outcome, its detail and where the witness keys came from. */
const showWitnessing = (check, source) => {
  const label = document.createElement('span');
  label.className = check.outcome;
  label.textContent = { pass: '见证：通过 / witnessing: met', fail: '见证：不满足 / witnessing: NOT met', 'not-run': '见证：未执行 / witnessing: not run' }[check.outcome];
  const keys = source === null
    ? ' — 本服务器未配置见证人，您也未填写见证人公钥 / this server configures no witnesses and you gave none'
    : ` — 见证人公钥来源 / witness keys from: ${source}`;
  witnessing.replaceChildren(label, ` (${check.detail})${keys}`);
};

const run = async () => {
  body.replaceChildren();
  witnessing.replaceChildren();
  summary.textContent = '正在下载并核验… / downloading and verifying…';
  try {
    const response = await fetch(evidence);
    if (!response.ok) throw new Error(await refusal(response));
    const bundle = await response.json();
    const key = document.getElementById('key').value.trim();
    const policy = await witnessPolicy();
    const started = performance.now();
    const result = await verifyBundle(bundle, { ...(key ? { trustedKey: key } : {}), witnesses: policy.witnesses, quorum: policy.quorum });
    showWitnessing(result.witnessing, policy.witnesses.length > 0 ? policy.source : null);
    for (const check of result.checks) {
      const row = body.insertRow();
      row.insertCell().textContent = { pass: '通过 pass', fail: '不通过 FAIL', 'not-run': '未执行 NOT RUN' }[check.outcome];
      row.cells[0].className = check.outcome;
      row.insertCell().textContent = check.name;
      row.insertCell().textContent = check.detail ?? '';
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      report('pass', '核验通过 / verified', ` (${result.checks.length} checks, ${seconds} s)`);
    } else {
      report('fail', '核验不通过 / NOT verified', `: ${result.firstMismatch ?? ''}`);
    }
  } catch (error) {
    report('fail', '无法核验 / cannot verify', `: ${error.message}`);
  }
};

document.getElementById('run').addEventListener('click', run);
run();
