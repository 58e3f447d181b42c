#!/usr/bin/env python3
# Independent re-implementation of DRAW-v1 (docs/draw-protocol.md) using only hashlib/hmac/unicodedata: recomputes
# every leaf, root, CommitHash, IKM, PRK, ticket, selection and the assignment transcript of docs/draw-vectors.json
# and asserts each equals the published value. Usage: python3 scripts/cross-check-draw-vectors.py
import os, json, hashlib, hmac, struct, unicodedata, math
d = json.load(open(os.path.join(os.path.dirname(__file__), '..', 'docs', 'draw-vectors.json'), encoding='utf-8'))
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
def hkdf_extract(salt, ikm): return hmac.new(salt, ikm, hashlib.sha256).digest()
def hkdf_expand(prk, info, n):
    out, t, i = b'', b'', 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]
u8 = lambda s: unicodedata.normalize('NFC', s).encode()
for v in d['vectors']:
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
        selected += [(h, i) for i in ranked[:n]]
    sl = [encs('selected', h, i) for h, i in selected]
    assert [x['leaf'] for x in v['selection']['selected']] == [x.hex() for x in sl]
    assert mth(sl).hex() == v['selection']['root']
    insp = {i['id']: i for i in I['inspectors']}
    conf = {(x['inspectorId'], x['entityId']) for x in I['conflicts']}
    held = {i: 0 for i in insp}; need = I['rules']['inspectorsPerEntity']; cap = I['rules']['capacityCap']
    walk = sorted(selected, key=lambda e: (ticket('entity', e[0], e[1]), enc(e[1])))
    out, infeasible = [], []
    for h, b in walk:
        units, cands, got = set(), [], 0
        for iid in sorted(insp, key=lambda i: (ticket('inspector', b, i), enc(i))):
            if got == need: break
            i = insp[iid]; tag = rules[h].get('expertise')
            dec = ('inactive' if not i['active'] else 'no-expertise' if tag and tag not in i['expertise']
                   else 'recused' if (iid, b) in conf else 'capacity' if held[iid] >= min(i['capacity'], cap)
                   else 'same-unit' if unicodedata.normalize('NFC', i['unit']) in units else 'assigned')
            if dec == 'assigned': units.add(unicodedata.normalize('NFC', i['unit'])); held[iid] += 1; got += 1
            cands.append({'inspectorId': iid, 'ticket': ticket('inspector', b, iid).hex(), 'decision': dec})
        out.append({'stratum': h, 'entityId': b, 'candidates': cands})
        if got < need: infeasible.append({'stratum': h, 'entityId': b, 'found': got, 'required': need})
    assert out == v['assignments'], v['name']; assert infeasible == v['infeasible']
    print(v['name'], 'OK: leaves, roots, commitHash, IKM, PRK', v['randomness']['prk'][:16], 'tickets, selection, assignments')
