import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyFloat, pythonFloatText, pythonJsonDumps } from '../../../app/formats/python-json.ts';
import { DATASET_DIRS, datasetPaths } from '../../../app/formats/dataset-layout.ts';

test('pythonJsonDumps writes what json.dumps writes (separators, indent, floats, ensure_ascii)', () => {
  // json.dumps({"a": 1, "b": [1.0, 2.5], "c": None, "d": "é"})
  assert.equal(pythonJsonDumps({ a: 1, b: [pyFloat(1), 2.5], c: null, d: 'é' }), '{"a": 1, "b": [1.0, 2.5], "c": null, "d": "\\u00e9"}');
  // json.dumps({"x": [], "y": {}, "z": [1]}, indent=4)
  assert.equal(pythonJsonDumps({ x: [], y: {}, z: [1] }, 4), '{\n    "x": [],\n    "y": {},\n    "z": [\n        1\n    ]\n}');
  assert.equal(pythonJsonDumps(new Float32Array([16, 0.5])), '[16.0, 0.5]');
  assert.equal(pythonJsonDumps({ t: true, u: undefined }), '{"t": true}');
  assert.deepEqual([NaN, Infinity, -Infinity, -0, 30000, 1e21].map(pythonFloatText), ['NaN', 'Infinity', '-Infinity', '-0.0', '30000.0', '1e+21']);
});

test('dataset layout names match the contract', () => {
  assert.deepEqual(Object.values(DATASET_DIRS), ['static', 'drifting', 'sorting', 'ground_truth', 'exports', 'exports/kilosort', 'exports/spikeglx']);
  const p = datasetPaths('/d');
  assert.equal(p.drifting.raw, '/d/drifting/traces_cached_seg0.raw');
  assert.equal(p.sorting.spikes, '/d/sorting/spikes.npy');
  assert.equal(p.preset, '/d/preset.json');
  assert.equal(p.summary, '/d/dataset.json');
});
