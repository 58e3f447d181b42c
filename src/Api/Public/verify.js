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

const run = async () => {
  body.replaceChildren();
  summary.textContent = '正在下载并核验… / downloading and verifying…';
  try {
    const response = await fetch(evidence);
    if (!response.ok) throw new Error(await refusal(response));
    const bundle = await response.json();
    const key = document.getElementById('key').value.trim();
    const started = performance.now();
    const result = await verifyBundle(bundle, key ? { trustedKey: key } : {});
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
