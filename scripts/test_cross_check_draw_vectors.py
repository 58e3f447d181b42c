#!/usr/bin/env python3
# Tampered copies of docs/draw-vectors.json that scripts/cross-check-draw-vectors.py must refuse: one change per new
# vector member (raw values, relaxation, each adjustment's payload, record and book, rank roots, per-entity proofs).
# Stdlib only.
# Usage: python3 -m unittest discover -s scripts -p 'test_*.py'
import copy, importlib.util, json, os, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('cross_check', os.path.join(HERE, 'cross-check-draw-vectors.py'))
cross_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cross_check)
VECTORS = json.load(open(os.path.join(HERE, '..', 'docs', 'draw-vectors.json'), encoding='utf-8'))['vectors']
ADJUSTED = next(v for v in VECTORS if 'adjustments' in v)


def record(adjustment, change):
    data = json.loads(adjustment['record'])
    change(data)
    adjustment['record'] = json.dumps(data, ensure_ascii=False, separators=(',', ':'), sort_keys=True)


TAMPERINGS = {
    'a raw drand signature of another value': lambda v: v['inputs']['rawValues'][0].update(signature=' 00' + v['inputs']['rawValues'][0]['signature'].strip()[2:]),
    'raw lottery numbers of another draw': lambda v: v['inputs']['rawValues'][1]['numbers'].__setitem__(0, 34),
    'another relaxation': lambda v: v['infeasible'][0].update(relaxation='redraw with another seed'),
    'another replacement rank': lambda v: v['adjustments'][0]['substitution'].update(replacementRank=3),
    'a changed decision in the substitution walk': lambda v: v['adjustments'][0]['substitution']['assignment']['candidates'][0].update(decision='assigned'),
    'a declared conflict dropped from the substitution': lambda v: v['adjustments'][0]['substitution'].update(conflicts=[]),
    'another next-ticket replacement': lambda v: v['adjustments'][1]['reassignment'].update(replacementInspectorId='GY-0206'),
    'a next-ticket walk started over': lambda v: v['adjustments'][1]['reassignment']['candidates'].pop(0),
    'a manual choice that fails a check': lambda v: (v['adjustments'][2]['act'].update(replacementInspectorId='GY-0205'),
                                                     v['adjustments'][2]['reassignment'].update(replacementInspectorId='GY-0205')),
    'a record naming another replacement': lambda v: record(v['adjustments'][2], lambda d: d.update(ReplacementInspectorId='GY-0208')),
    'a record approved by its actor': lambda v: record(v['adjustments'][1], lambda d: d.update(ApprovedBy=d['ReassignedBy'])),
    'a record not in JCS form': lambda v: v['adjustments'][0].update(record=v['adjustments'][0]['record'].replace(',', ', ', 1)),
    'a book where a manual reassignment moved the consulted position': lambda v: v['adjustments'][2]['book']['entities'][0].update(consulted=8),
    'a book holding another count': lambda v: v['adjustments'][0]['book']['held'][0].update(held=2),
    'another rank root': lambda v: v['selection']['strata'][0].update(rankRoot='00' * 32),
    'a rank proof moved to another rank': lambda v: v['entityProofs'][1].update(rank=v['entityProofs'][0]['rank']),
    'an unselected entity claimed selected': lambda v: v['entityProofs'][1].update(selected=True),
    'a per-entity proof with another ticket': lambda v: v['entityProofs'][0].update(ticket='00' * 32),
    'a pool inclusion proof of another leaf': lambda v: v['entityProofs'][0].update(leafIndex=v['entityProofs'][1]['leafIndex']),
}


class TamperedVectors(unittest.TestCase):
    def test_the_published_vectors_pass(self):
        for vector in VECTORS:
            cross_check.check(copy.deepcopy(vector))

    def test_each_tampered_copy_of_the_new_vector_fails(self):
        for name, tamper in TAMPERINGS.items():
            with self.subTest(name):
                vector = copy.deepcopy(ADJUSTED)
                tamper(vector)
                with self.assertRaises(AssertionError):
                    cross_check.check(vector)


if __name__ == '__main__':
    unittest.main()
