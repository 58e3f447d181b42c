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
const draw = `/api/tasks/${encodeURIComponent(task)}/draw`;
document.getElementById('task').textContent = task;
document.getElementById('download').href = `${draw}/evidence`;
const summary = document.getElementById('summary');
const witnessing = document.getElementById('witnessing');
const body = document.querySelector('#checks tbody');
const roundsBody = document.querySelector('#rounds tbody');
const shown = document.getElementById('shown');
const sample = document.getElementById('sample');

// A round's state and outcome (docs/draw-protocol.md §13, "Round states"), as the verifier names them.
const STATES = {
  frozen: '已冻结 / frozen', committed: '已承诺 / committed', published: '已公示 / published', resolved: '已登记随机数 / resolved',
  executed: '已执行 / executed', assigned: '已分派 / assigned', 'set-aside': '已撤销 / set aside', lapsed: '已失效 / lapsed',
  superseded: '已被取代 / superseded',
};
const OUTCOMES = { pass: '通过 / pass', fail: '未通过 / FAIL', attention: '需关注 / attention', pending: '进行中 / pending' };

/** Why a round needs attention, or what it waits for, as one line of text. */
const noteOf = (result) => result.setAside
  ? `撤销理由 / set aside: ${result.setAside.reason}（证据 / evidence: ${result.setAside.evidence}；${result.setAside.setAsideBy}撤销，${result.setAside.approvedBy}会签 / by ${result.setAside.setAsideBy}, approved by ${result.setAside.approvedBy}）`
  : result.note ?? (result.outcome === 'fail' ? result.firstMismatch ?? '' : '');

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

/** Shows one round's checks, witnessing and sample (the entities its execution selected, even when set aside, or would have). */
const show = (result, source) => {
  body.replaceChildren();
  witnessing.replaceChildren();
  sample.replaceChildren();
  shown.textContent = `第${result.round}轮 / round ${result.round}: ${STATES[result.state] ?? result.state} — ${OUTCOMES[result.outcome]}`;
  if (result.witnessing) showWitnessing(result.witnessing, source);
  for (const check of result.checks) {
    const row = body.insertRow();
    row.insertCell().textContent = { pass: '通过 pass', fail: '不通过 FAIL', 'not-run': '未执行 NOT RUN', 'not-reached': '未到达 not reached' }[check.outcome];
    row.cells[0].className = check.outcome;
    row.insertCell().textContent = check.name;
    row.insertCell().textContent = check.detail ?? '';
  }
  // A lapsed round never drew: what its recorded source values would have drawn is shown as such.
  const drawn = result.bundle?.outputs.selected ?? [];
  const [selected, label] = drawn.length > 0 ? [drawn, '抽中对象 / selected entities']
    : [result.wouldBe ?? [], '本应抽中的对象（从未执行）/ would have been selected (never executed)'];
  if (selected.length > 0) {
    const title = document.createElement('p');
    title.textContent = `${label} (${selected.length}):`;
    const list = document.createElement('ol');
    for (const entity of selected) list.appendChild(document.createElement('li')).textContent = `${entity.stratum} ${entity.entityId}`;
    sample.replaceChildren(title, list);
  }
};

/** Lists every round with its state and outcome, each with a button that shows its checks. */
const listRounds = (results, source) => {
  roundsBody.replaceChildren();
  for (const result of results) {
    const row = roundsBody.insertRow();
    row.insertCell().textContent = String(result.round);
    row.insertCell().textContent = STATES[result.state] ?? result.state;
    row.insertCell().textContent = OUTCOMES[result.outcome];
    row.cells[2].className = result.outcome;
    row.insertCell().textContent = noteOf(result);
    const button = row.insertCell().appendChild(document.createElement('button'));
    button.textContent = '查看 / show';
    button.addEventListener('click', () => show(result, source));
  }
};

/** Verifies one round from its evidence bundle; a round not committed yet has no bundle (409) and is pending. */
const verifyRound = async (round, options) => {
  const response = await fetch(`${draw}/evidence?round=${round}`);
  if (response.status === 409) {
    return { round, state: 'frozen', outcome: 'pending', note: '尚未承诺，无可核验 / not committed yet: nothing to verify', checks: [] };
  }
  if (!response.ok) throw new Error(await refusal(response));
  const bundle = await response.json();
  return { round, bundle, ...(await verifyBundle(bundle, options)) };
};

const run = async () => {
  body.replaceChildren();
  roundsBody.replaceChildren();
  sample.replaceChildren();
  shown.replaceChildren();
  witnessing.replaceChildren();
  summary.textContent = '正在下载并核验… / downloading and verifying…';
  try {
    const response = await fetch(draw);
    if (!response.ok) throw new Error(await refusal(response));
    const { rounds } = await response.json();
    const key = document.getElementById('key').value.trim();
    const policy = await witnessPolicy();
    const source = policy.witnesses.length > 0 ? policy.source : null;
    const options = { ...(key ? { trustedKey: key } : {}), witnesses: policy.witnesses, quorum: policy.quorum };
    const started = performance.now();
    const results = [];
    for (let round = 1; round <= rounds.length; round++) results.push(await verifyRound(round, options));
    listRounds(results, source);
    const failed = results.find((r) => r.outcome === 'fail');
    show(failed ?? results.at(-1), source);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const which = (outcome) => results.filter((r) => r.outcome === outcome).map((r) => r.round).join(', ');
    if (failed) {
      report('fail', '核验不通过 / NOT verified', `: ${results.length > 1 ? `第${failed.round}轮 / round ${failed.round}: ` : ''}${failed.firstMismatch ?? ''}`);
    } else if (results.some((r) => r.outcome === 'attention')) {
      report('attention', '需关注 / needs attention', `: 第${which('attention')}轮未按流程完成，见下表 / round(s) ${which('attention')} did not run to their end, see below (${seconds} s)`);
    } else if (results.some((r) => r.outcome === 'pending')) {
      report('pending', '进行中 / pending', `: 第${which('pending')}轮尚未完成 / round(s) ${which('pending')} still in progress (${seconds} s)`);
    } else {
      report('pass', '核验通过 / verified', ` (${results.reduce((n, r) => n + r.checks.length, 0)} checks, ${seconds} s)`);
    }
  } catch (error) {
    report('fail', '无法核验 / cannot verify', `: ${error.message}`);
  }
};

document.getElementById('run').addEventListener('click', run);
run();
