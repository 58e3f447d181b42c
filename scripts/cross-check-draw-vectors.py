#!/usr/bin/env python3
# Independent re-implementation of DRAW-v1 (docs/draw-protocol.md) using only hashlib/hmac/unicodedata: recomputes
# every leaf, root, CommitHash, IKM, PRK, ticket, selection, rank root, the assignment transcript and the replayed
# adjustments of docs/draw-vectors.json, checks each per-entity proof (§8.1) from the roots alone, and asserts each
# equals the published value.
# Usage: python3 scripts/cross-check-draw-vectors.py [vectors.json]
import os, sys, json, hashlib, hmac, struct, unicodedata
def enc(x):
    if isinstance(x, str): x = unicodedata.normalize('NFC', x).encode('utf-8')
    return struct.pack('>I', len(x)) + x
def encs(*xs): return b''.join(enc(x) for x in xs)
H = lambda b: hashlib.sha256(b).digest()
def mth(leaves):
    if not leaves: return H(b'')
    if len(leaves) == 1: return H(b'\x00' + leaves[0])
    k = 1
    while k * 2 < len(leaves): k *= 2
    return H(b'\x01' + mth(leaves[:k]) + mth(leaves[k:]))
def verify_inclusion(index, size, leaf_hash, proof, root):  # RFC 9162 §2.1.3.2
    if not 0 <= index < size: return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0: return False
        if fn % 2 == 1 or fn == sn:
            r = H(b'\x01' + p + r)
            while fn % 2 == 0 and fn != 0: fn >>= 1; sn >>= 1
        else:
            r = H(b'\x01' + r + p)
        fn >>= 1; sn >>= 1
    return sn == 0 and r == root
def hkdf_extract(salt, ikm): return hmac.new(salt, ikm, hashlib.sha256).digest()
def hkdf_expand(prk, info, n):
    out, t, i = b'', b'', 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]
u8 = lambda s: unicodedata.normalize('NFC', s).encode()
RELAXATION = 'manual assignment (合理调整) of a qualified inspector by an approver, recorded as InspectorReassigned with reason and evidence'
def canonical_value(raw):  # §6: drand hex trimmed and lower-cased; lottery numbers ascending, each ended by '.', then '/'
    if 'signature' in raw:
        h = raw['signature'].strip().lower()
        assert h and len(h) % 2 == 0 and all(c in '0123456789abcdef' for c in h), raw
        return h
    assert raw['numbers'] and min(raw['numbers']) >= 0, raw
    return ''.join(f'{n}.' for n in sorted(raw['numbers'])) + '/'
def check(v):
    I = v['inputs']
    el = sorted(encs('entity', e['stratum'], e['id']) for e in I['entities'])
    il = sorted(encs('inspector', i['id'], i['unit'], 'active' if i['active'] else 'inactive', str(len(i['expertise'])), *sorted(i['expertise'], key=u8), str(i['capacity'])) for i in I['inspectors'])
    cl = sorted(encs('conflict', c['inspectorId'], c['entityId']) for c in I['conflicts'])
    assert [x.hex() for x in el] == v['entityPool']['leaves']; assert mth(el).hex() == v['entityPool']['root']
    assert [x.hex() for x in il] == v['inspectorPool']['leaves']; assert mth(il).hex() == v['inspectorPool']['root']
    assert [x.hex() for x in cl] == v['conflictPool']['leaves']; assert mth(cl).hex() == v['conflictPool']['root']
    canon = v['commitment']['canonical']
    c = json.loads(canon)
    assert c['entityPool']['root'] == v['entityPool']['root'] and c['inspectorPool']['root'] == v['inspectorPool']['root'] and c['conflictPool']['root'] == v['conflictPool']['root']
    assert json.dumps(c, ensure_ascii=False, separators=(',', ':'), sort_keys=True) == canon  # ASCII-only keys: sort_keys == JCS order
    ch = H(canon.encode()); assert ch.hex() == v['commitment']['commitHash']
    secrets = [bytes.fromhex(s) for s in I['partySecrets']]
    assert c['partyCommitments'] == [H(s).hex() for s in secrets]
    vals = v['randomness']['values']
    if 'rawValues' in I:
        assert [{'label': r['label'], 'value': canonical_value(r)} for r in I['rawValues']] == vals, v['name']
    assert [x['label'] for x in vals] == [s['label'] for s in c['randomness']['sources']]
    ikm = b''.join(enc(x['label']) + enc(x['value']) for x in vals) + b''.join(enc('party') + enc(s) for s in secrets)
    assert ikm.hex() == v['randomness']['ikm']
    prk = hkdf_extract(ch, ikm); assert prk.hex() == v['randomness']['prk']
    ticket = lambda *ls: hkdf_expand(prk, encs('DRAW-v1', *ls), 32)
    rules = {r['stratum']: r for r in I['rules']['strata']}
    strata = sorted({e['stratum'] for e in I['entities']}, key=u8)
    selected = []
    for h, s in zip(strata, v['selection']['strata']):
        ids = [e['id'] for e in I['entities'] if e['stratum'] == h]
        ranked = sorted(ids, key=lambda i: (ticket('entity', h, i), enc(i)))
        num, den = map(int, rules[h]['ratio'].split('/'))
        n = -(-num * len(ids) // den)
        assert s['stratum'] == h and s['sampleSize'] == n
        assert [(r['id'], r['ticket']) for r in s['ranked']] == [(i, ticket('entity', h, i).hex()) for i in ranked]
        assert mth([encs('ranked', h, i) + enc(ticket('entity', h, i)) for i in ranked]).hex() == s['rankRoot'], (v['name'], h)
        selected += [(h, i) for i in ranked[:n]]
    sl = [encs('selected', h, i) for h, i in selected]
    assert [x['leaf'] for x in v['selection']['selected']] == [x.hex() for x in sl]
    assert mth(sl).hex() == v['selection']['root']
    check_entity_proofs(v, len(el), ticket)
    insp = {i['id']: i for i in I['inspectors']}
    conf = {(x['inspectorId'], x['entityId']) for x in I['conflicts']}
    held = {i: 0 for i in insp}; need = I['rules']['inspectorsPerEntity']; cap = I['rules']['capacityCap']
    walk = sorted(selected, key=lambda e: (ticket('entity', e[0], e[1]), enc(e[1])))
    unit = lambda iid: unicodedata.normalize('NFC', insp[iid]['unit'])
    def decide(iid, h, b, held, units, declared):  # §9 step 3: the first failing check
        i = insp[iid]; tag = rules[h].get('expertise')
        return ('inactive' if not i['active'] else 'no-expertise' if tag and tag not in i['expertise']
                else 'recused' if (iid, b) in conf or iid in declared else 'capacity' if held[iid] >= min(i['capacity'], cap)
                else 'same-unit' if unit(iid) in units else 'assigned')
    def consult(h, b, start, needed, held, units, declared=frozenset(), taken_off=frozenset()):  # §9 from position `start` on
        cands, got = [], []
        for iid in sorted(insp, key=lambda i: (ticket('inspector', b, i), enc(i)))[start:]:
            if len(got) == needed: break
            dec = 'removed' if iid in taken_off else decide(iid, h, b, held, units, declared)  # §10.1: taken off, never back
            if dec == 'assigned': units.add(unit(iid)); held[iid] += 1; got.append(iid)
            cands.append({'inspectorId': iid, 'ticket': ticket('inspector', b, iid).hex(), 'decision': dec})
        return cands, got
    out, infeasible = [], []
    for h, b in walk:
        cands, got = consult(h, b, 0, need, held, set())
        out.append({'stratum': h, 'entityId': b, 'candidates': cands})
        if len(got) < need: infeasible.append({'stratum': h, 'entityId': b, 'found': len(got), 'required': need, 'relaxation': RELAXATION})
    assert out == v['assignments'], v['name']; assert infeasible == v['infeasible']
    if 'adjustments' in v:
        ranked = {s['stratum']: [r['id'] for r in s['ranked']] for s in v['selection']['strata']}
        replay(v, out, selected, ranked, insp, consult, decide, unit, ticket, need)
    print(v['name'], 'OK: leaves, roots, commitHash, IKM, PRK', v['randomness']['prk'][:16], 'tickets, selection, rank roots, entity proofs, assignments',
          *(['and', len(v['adjustments']), 'adjustments'] if 'adjustments' in v else []))

def replay(v, transcript, selected, ranked, insp, consult, decide, unit, ticket, need):
    """§12.2 item 8 on a vector: each act decided from the book before it, compared with the vector, then applied."""
    assigned = {w['entityId']: [c['inspectorId'] for c in w['candidates'] if c['decision'] == 'assigned'] for w in transcript}
    consulted = {w['entityId']: len(w['candidates']) for w in transcript}
    held = {i: sum(ids.count(i) for ids in assigned.values()) for i in insp}
    removed, substitutions = {}, []  # entity -> inspectors taken off it; (replaced, replacement) in order
    stratum_of = {i: h for h, ids in ranked.items() for i in ids}
    for a in v['adjustments']:
        act, rec = a['act'], json.loads(a['record'])
        assert json.dumps(rec, ensure_ascii=False, separators=(',', ':'), sort_keys=True) == a['record']  # JCS (ASCII keys)
        assert rec['Reason'].strip() and rec['Evidence'].strip() and rec['ApprovedBy'] not in ('', rec.get('SubstitutedBy', rec.get('ReassignedBy')))
        b = act['entityId']
        def as_of_act(entity):  # the declarations naming `entity` and a pool inspector, once each, by inspector id (UTF-16)
            pairs = {(c['inspectorId'], c['entityId']) for c in act['declared'] if c['entityId'] == entity and c['inspectorId'] in insp}
            return [{'inspectorId': i, 'entityId': e} for i, e in sorted(pairs, key=lambda p: p[0].encode('utf-16-be'))]
        if a['kind'] == 'substitution':
            sample = [i for _, i in selected] + [r for _, r in substitutions]
            assert b in sample and b not in [x for x, _ in substitutions], b
            h = stratum_of[b]; used = {i for _, i in selected} | {x for s in substitutions for x in s}
            rank = next(k for k, i in enumerate(ranked[h]) if i not in used); r = ranked[h][rank]
            conflicts = as_of_act(r)
            free = dict(held)
            for i in assigned[b]: free[i] -= 1
            cands, got = consult(h, r, 0, need, free, set(), {c['inspectorId'] for c in conflicts})
            expected = {'stratum': h, 'replacedId': b, 'replacementId': r, 'replacementRank': rank,
                        'replacementTicket': ticket('entity', h, r).hex(), 'assignment': {'stratum': h, 'entityId': r, 'candidates': cands},
                        'conflicts': conflicts}
            assert expected == a['substitution'], (v['name'], a['substitution'])
            assert {k: rec[k[0].upper() + k[1:]] for k in ('stratum', 'replacedId', 'replacementId', 'replacementRank', 'replacementTicket')} \
                == {k: expected[k] for k in ('stratum', 'replacedId', 'replacementId', 'replacementRank', 'replacementTicket')}
            assert rec['Assignment'] == {'Candidates': [{'Decision': c['decision'], 'InspectorId': c['inspectorId']} for c in cands], 'EntityId': r, 'Stratum': h}
            for i in assigned.pop(b): held[i] -= 1
            substitutions.append((b, r)); assigned[r] = got; consulted[r] = len(cands)
            for i in got: held[i] += 1
        else:
            kept = list(assigned[b]); out = act['inspectorId']; kept.remove(out)
            h = stratum_of[b]; conflicts = as_of_act(b); declared = {c['inspectorId'] for c in conflicts}
            free = dict(held); free[out] -= 1
            units = {unit(i) for i in kept}
            named = act.get('replacementInspectorId')
            if named is not None:
                assert named in insp and named != out and named not in kept and named not in removed.get(b, set())
                assert decide(named, h, b, free, units, declared) == 'assigned', named
                rule, replacement, cands = 'manual', named, []
            else:
                cands, got = consult(h, b, consulted[b], 1, free, units, declared, removed.get(b, set()) | {out})
                rule, replacement = 'next-ticket', (got[0] if got else None)
            expected = {'entityId': b, 'removedInspectorId': out, 'trigger': act['trigger'], 'rule': rule,
                        'replacementInspectorId': replacement, 'candidates': cands, 'conflicts': conflicts}
            assert act['trigger'] in ('recused', 'unavailable', 'other') and expected == a['reassignment'], (v['name'], a['reassignment'])
            assert {k: rec[k[0].upper() + k[1:]] for k in ('entityId', 'removedInspectorId', 'trigger', 'rule', 'replacementInspectorId')} \
                == {k: expected[k] for k in ('entityId', 'removedInspectorId', 'trigger', 'rule', 'replacementInspectorId')}
            assert rec['Candidates'] == [{'Decision': c['decision'], 'InspectorId': c['inspectorId']} for c in cands]
            assigned[b] = kept + ([replacement] if replacement else []); held[out] -= 1
            removed.setdefault(b, set()).add(out); consulted[b] += len(cands)
            if replacement: held[replacement] += 1
        conflicts_of = a['substitution']['conflicts'] if a['kind'] == 'substitution' else a['reassignment']['conflicts']
        assert rec['Conflicts'] == [{'EntityId': c['entityId'], 'InspectorId': c['inspectorId']} for c in conflicts_of]
        order = [i for _, i in selected]  # the sample in selection order, a replacement in its replaced entity's place
        for x, r in substitutions: order = [r if i == x else i for i in order]
        utf16 = lambda i: i.encode('utf-16-be')  # ids in UTF-16 code-unit order, as .NET's ordinal and JavaScript's sort
        book = {'entities': [{'entityId': e, 'inspectors': assigned[e], 'consulted': consulted[e],
                              'removed': sorted(removed.get(e, set()), key=utf16)} for e in order],
                'held': [{'inspectorId': i, 'held': held[i]} for i in sorted(insp, key=utf16)]}
        assert book == a['book'], (v['name'], a['kind'], b)

def check_entity_proofs(v, pool_size, ticket):  # §8.1: each proof from the entity root and the stratum's rank root alone
    strata = {s['stratum']: s for s in v['selection']['strata']}
    for p in v.get('entityProofs', []):
        h, i, s = p['stratum'], p['entityId'], strata[p['stratum']]
        leaf = encs('entity', h, i); assert p['entityLeaf'] == leaf.hex(), i
        proof = [bytes.fromhex(x) for x in p['entityProof']]
        assert verify_inclusion(p['leafIndex'], pool_size, H(b'\x00' + leaf), proof, bytes.fromhex(v['entityPool']['root'])), i
        t = ticket('entity', h, i); assert p['ticket'] == t.hex(), i
        ranked = encs('ranked', h, i) + enc(t); assert p['rankedLeaf'] == ranked.hex(), i
        size = len(s['ranked'])  # N_h, as the commitment's strata counts state it
        proof = [bytes.fromhex(x) for x in p['rankProof']]
        assert verify_inclusion(p['rank'], size, H(b'\x00' + ranked), proof, bytes.fromhex(s['rankRoot'])), i
        assert p['selected'] == (p['rank'] < s['sampleSize']), i

def main(path):
    d = json.load(open(path, encoding='utf-8'))
    assert d['vectors'], 'the file holds no vectors'
    for v in d['vectors']:
        check(v)

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'docs', 'draw-vectors.json'))
