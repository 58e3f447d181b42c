// 账本页: the newest checkpoint, its signature verified in the browser under the ledger key, its witnessing, and the
// browser's own watch on the log: the checkpoint seen last time is kept in localStorage, and the new one must extend it
// (an RFC 6962 consistency proof checked here). A checkpoint that does not — another key, a smaller tree, another
// root at the same size, a failing proof — is shown loudly as a possible fork or rewrite and never overwrites the kept one.
import { t, beijing } from '/portal/assets/i18n.mjs';
import { main, el, add, facts, getJson, heading, failure } from '/portal/assets/portal.mjs';
import { parseVerifierKey, verifyCheckpoint } from '/verifier/draw-verifier.mjs';
import { verifyConsistency, hashFromHex } from '/verifier/log-consistency.mjs';

const KEPT = 'fairdraw.checkpoint';
const hash = (text) => el('code', text, { class: 'hash' });
const base64 = (bytes) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function kept() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEPT) ?? 'null');
    return stored && typeof stored.note === 'string' && typeof stored.key === 'string' ? stored : null;
  } catch {
    return null;
  }
}

/** Why the served checkpoint does not extend the kept one, or null when it does (after checking the proof). */
async function divergence(stored, served) {
  if (stored.key !== served.key) return t('forkKey');
  if (served.size < stored.size) return t('forkSmaller', stored.size, served.size);
  if (served.size === stored.size) return stored.root === served.root ? null : t('forkRoot', served.size);
  const response = await fetch(`/api/ledger/proofs/consistency?from=${stored.size}&to=${served.size}`);
  if (!response.ok) return t('forkProof', stored.size, served.size, `HTTP ${response.status}`);
  const proof = (await response.json()).map(hashFromHex);
  return await verifyConsistency(stored.size, served.size, fromBase64(stored.root), fromBase64(served.root), proof)
    ? null : t('forkProof', stored.size, served.size, 'RFC 9162 §2.1.4.2');
}

const noteBlock = (title, note) => add(el('div'), el('h3', title), el('pre', note, { class: 'hash' }));

async function watch(served) {
  const section = add(el('section', null, { id: 'consistency' }), el('h2', t('consistency')));
  const stored = kept();
  const keep = () => localStorage.setItem(KEPT, JSON.stringify({ ...served, seenAt: new Date().toISOString() }));
  if (!stored) {
    keep();
    return add(section, el('p', t('firstVisit', served.size), { class: 'pass', id: 'watch' }));
  }
  const reason = await divergence(stored, served);
  if (reason === null) {
    const grew = served.size > stored.size;
    keep();
    return add(section, el('p', grew ? t('consistent', stored.size, served.size) : t('unchanged', served.size), { class: 'pass', id: 'watch' }));
  }
  const forget = el('button', t('forget'), { type: 'button' });
  forget.addEventListener('click', () => {
    localStorage.removeItem(KEPT);
    location.reload();
  });
  return add(section, add(el('div', null, { class: 'alarm', role: 'alert', id: 'watch' }),
    el('p', t('forkTitle')), el('p', reason), el('p', t('forkKept'))),
  noteBlock(`${t('storedCheckpoint')} (${t('seenAt')} ${Number.isNaN(Date.parse(stored.seenAt)) ? '—' : beijing(stored.seenAt)})`, stored.note),
  noteBlock(t('servedCheckpoint'), served.note), forget);
}

async function render() {
  const checkpoint = await getJson('/api/ledger/checkpoint');
  let signed;
  let signature;
  try {
    signed = await verifyCheckpoint(checkpoint.signedNote, await parseVerifierKey(checkpoint.verifierKey));
    signature = el('span', t('signatureValid'), { class: 'pass', id: 'signature' });
  } catch (error) {
    signature = el('span', t('signatureInvalid', error.message), { class: 'fail', id: 'signature' });
  }
  const witnessing = checkpoint.witnessKeys.length > 0 ? t('witnessSummary', checkpoint) : t('noWitnesses');
  const [, size, root] = checkpoint.signedNote.split('\n');
  main.replaceChildren(heading(t('ledgerTitle')), el('p', t('ledgerIntro')),
    add(el('section', null, { id: 'checkpoint' }), el('h2', t('checkpoint')), facts([
      [t('treeSize'), size], [t('rootHash'), hash(root)], [t('verifierKey'), hash(checkpoint.verifierKey)],
      [t('signature'), signature], [t('witnessing'), witnessing],
    ]), noteBlock(t('servedCheckpoint'), checkpoint.signedNote),
    checkpoint.witnessedNote ? noteBlock(t('witnessing'), checkpoint.witnessedNote) : null));
  // Only a checkpoint whose signature verifies is compared with, or kept as, the one seen last time.
  if (signed) add(main, await watch({ note: checkpoint.signedNote, key: checkpoint.verifierKey, size: signed.size, root: base64(signed.root) }));
}

render().catch((error) => failure(error, t('ledgerTitle')));
