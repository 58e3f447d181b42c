// 履职核验: the visitor chooses a duty bundle file, read here with FileReader and never uploaded, and enters the ledger key
// and witness keys; the independent duty verifier checks the bundle in this browser, then the verified report is shown
// for printing (duty.css: A4, no navigation). Everything from the bundle is written as text, never as markup.
import { verifyDutyBundle } from '/verifier/duty-verifier.mjs';
import { t } from '/portal/assets/i18n.mjs';
import { main, el, add, facts, table, heading } from '/portal/assets/portal.mjs';

document.head.append(el('link', null, { rel: 'stylesheet', href: '/portal/assets/duty.css' }));

const field = (id, label, control) => add(el('p', null, { class: 'no-print' }), el('label', label, { for: id }), el('br'), control);
const file = el('input', null, { id: 'bundle', type: 'file', accept: '.json,application/json' });
const key = el('textarea', null, { id: 'key', placeholder: 'name+keyid+base64…' });
const witnesses = el('textarea', null, { id: 'witnesses', placeholder: 'name+keyid+base64…' });
const quorum = el('input', null, { id: 'quorum', type: 'number', min: '1' });
const run = el('button', t('duty.run'), { id: 'run', type: 'button' });
const summary = el('div', null, { id: 'summary', role: 'status', class: 'no-print' });
const checks = el('div', null, { id: 'checks', class: 'no-print' });
const report = el('article', null, { id: 'report', class: 'duty-report' });

main.replaceChildren(add(el('div', null, { class: 'no-print' }), heading(t('duty.title')), el('p', t('duty.intro'))),
  field('bundle', t('duty.file'), file), field('key', t('duty.key'), key), field('witnesses', t('duty.witnesses'), witnesses),
  field('quorum', t('quorum'), quorum), add(el('p', null, { class: 'no-print' }), run), summary, checks, report);

/** The chosen file's bytes, read in this browser. */
const readChosen = (chosen) => new Promise((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(reader.result);
  reader.onerror = () => reject(reader.error);
  reader.readAsArrayBuffer(chosen);
});

const verdict = (value) => el('span', t(`duty.verdicts.${value}`), { class: `duty-verdict ${value}` });
const list = (sequences) => ((sequences ?? []).length === 0 ? t('duty.none') : sequences.join(', '));
const code = (text) => el('code', text, { class: 'hash' });

/** One clause: its verdict, the sequences it read and its findings. */
function clauseSection(c) {
  const section = add(el('section', null, { class: 'clause', 'data-clause': String(c.clause) }),
    el('h3', t('duty.clause', c.clause, t(`duty.clauseNames.${c.name}`))),
    facts([[t('duty.verdict'), verdict(c.verdict)], [t('duty.sequences'), list(c.sequences)]]));
  if ((c.findings ?? []).length > 0) {
    add(section, el('h4', t('duty.findings')), table([t('duty.verdict'), t('duty.code'), t('duty.subject'), t('duty.sequences'), t('detail')],
      c.findings.map((f) => [verdict(f.verdict), code(f.code), f.subject, list(f.sequences), f.detail ?? ''])));
  }
  return section;
}

/** The printable report of a verified bundle: the report's content, its bundle's hash and the checkpoint it rests on. */
function showReport(result) {
  const r = result.report;
  const clauses = result.compared ? r.clauses : result.recomputed.clauses;
  const bounds = result.compared ? r.bounds : result.recomputed.bounds;
  const cosigned = result.checkpoint.cosigned.map((c) => t('duty.cosignedAt', c.name, new Date(c.time * 1000).toISOString()));
  report.replaceChildren(el('h2', t('duty.reportTitle', r), { id: 'report-title' }),
    facts([
      [t('duty.year'), r.year], [t('duty.jurisdiction'), r.jurisdiction], [t('duty.department'), r.department],
      [t('duty.official'), r.official ?? t('duty.allOfficials')], [t('duty.asOf'), r.asOf],
      [t('duty.asOfTime'), (result.compared ? r.asOfTime : result.recomputed.asOfTime) ?? t('duty.noTime')],
      [t('duty.witnessPolicy'), r.witnesses ? `${r.witnesses.keys.join('; ')} (${t('quorum')} ${r.witnesses.quorum})` : t('duty.noWitnesses')],
      [t('duty.bundleHash'), add(el('span', null, { id: 'bundle-sha256' }), code(result.sha256))],
      [t('duty.checkpoint'), add(el('span', null, { id: 'checkpoint' }), code(t('duty.checkpointLine', result.checkpoint)))],
      [t('duty.cosignatures'), cosigned.length === 0 ? t('duty.noCosignature') : cosigned.join('; ')],
    ]));
  if (!result.compared) add(report, el('p', t('duty.notCompared'), { class: 'notice' }));
  add(report, ...clauses.map(clauseSection));
  add(report, add(el('section', null, { class: 'bounds' }), el('h3', t('duty.bounds')),
    table([t('duty.sequence'), t('duty.serverTime'), t('duty.lower'), t('duty.upper')],
      bounds.map((b) => [String(b.sequence), b.serverTime, b.lower ?? '—', b.upper ?? '—']))));
  if (r.official) {
    const performed = result.compared ? r.performed : result.recomputed.performed;
    const missing = result.compared ? r.missing : result.recomputed.missing;
    add(report, add(el('section', null, { class: 'official' }), el('h3', t('duty.performed')),
      table([t('duty.sequence'), t('duty.type'), t('duty.role')], performed.map((p) => [String(p.sequence), p.type, t(`duty.roles.${p.role}`)])),
      el('h3', t('duty.missing')),
      table([t('duty.verdict'), t('duty.code'), t('duty.subject'), t('duty.sequences')],
        missing.map((f) => [verdict(f.verdict), code(f.code), f.subject, list(f.sequences)]))));
  }
  const print = el('button', t('duty.print'), { id: 'print', type: 'button', class: 'no-print' });
  print.addEventListener('click', () => window.print());
  add(report, el('p', t('duty.printedNote'), { class: 'printed-note' }), add(el('p', null, { class: 'no-print' }), print));
}

async function verifyChosen() {
  report.replaceChildren();
  checks.replaceChildren();
  const chosen = file.files[0];
  if (!chosen) return summary.replaceChildren(el('span', t('duty.noFile'), { class: 'fail' }));
  if (!key.value.trim()) return summary.replaceChildren(el('span', t('duty.noKey'), { class: 'fail' }));
  summary.replaceChildren(el('span', t('duty.reading'), { class: 'pending' }));
  const witnessKeys = witnesses.value.split('\n').map((line) => line.trim()).filter((line) => line);
  const result = await verifyDutyBundle(await readChosen(chosen), {
    trustedKey: key.value.trim(), witnessKeys, quorum: quorum.value.trim() ? Number(quorum.value) : undefined,
  });
  summary.replaceChildren(result.ok ? el('span', t('duty.verified'), { class: 'pass' }) : el('span', t('duty.failed', result.failure), { class: 'fail' }));
  add(checks, el('h2', t('duty.checks')), table([t('result'), t('check'), t('detail')],
    result.checks.map((c) => [el('span', t(`checkOutcomes.${c.outcome}`), { class: c.outcome }), c.name, c.detail ?? ''])));
  if (result.ok) showReport(result);
}

run.addEventListener('click', () => verifyChosen().catch((error) => summary.replaceChildren(el('span', t('duty.failed', error.message), { class: 'fail' }))));
