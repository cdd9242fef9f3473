import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNumpyFolderSorting } from '../../../app/formats/si-sorting-folder.ts';
import { float32Values, int64Values, readNpyIndependently } from '../../helpers/independent-npy.ts';
import { refJson, refPath } from '../../helpers/reference.ts';

const REF = (file: string) => refPath(`formats/gt_sorting/${file}`);

interface Expected { folders: { gt_sorting: { spikes: number[][]; unit_ids: string[]; gt_unit_locations: number[][]; max_channel_index: number[] } } }

/** The reference sorting, rebuilt from expected.json (what SpikeInterface loaded back). */
function referenceInput() {
  const e = refJson<Expected>('formats/expected.json').folders.gt_sorting;
  return {
    spikes: {
      sampleIndex: Float64Array.from(e.spikes, (s) => s[0]),
      unitIndex: Int32Array.from(e.spikes, (s) => s[1]),
      segmentIndex: Int32Array.from(e.spikes, (s) => s[2]),
      length: e.spikes.length,
    },
    samplingFrequency: 30000,
    unitIds: e.unit_ids,
    properties: { gt_unit_locations: Float32Array.from(e.gt_unit_locations.flat()), max_channel_index: Int32Array.from(e.max_channel_index) },
  };
}

test('the sorting folder is byte-identical to SpikeInterface 0.105 gt_sorting (all files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-sorting-'));
  try {
    writeNumpyFolderSorting(dir, referenceInput());
    assert.deepEqual(readdirSync(dir).sort(), readdirSync(REF('')).sort());
    assert.deepEqual(readdirSync(join(dir, 'properties')).sort(), ['gt_unit_locations.npy', 'max_channel_index.npy']);
    for (const f of ['numpysorting_info.json', 'si_folder.json', 'spikes.npy', 'properties/gt_unit_locations.npy', 'properties/max_channel_index.npy']) {
      assert.deepEqual(readFileSync(join(dir, f)), readFileSync(REF(f)), f);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('independent reader: dtypes, shapes and values of the written arrays; JSON field by field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-sorting-'));
  try {
    const input = referenceInput();
    writeNumpyFolderSorting(dir, input);
    const spikes = readNpyIndependently(join(dir, 'spikes.npy'));
    assert.equal(spikes.descr, JSON.stringify([['sample_index', '<i8'], ['unit_index', '<i8'], ['segment_index', '<i8']]));
    assert.deepEqual(spikes.shape, [20]);
    const flat = int64Values(spikes);
    assert.deepEqual(flat.slice(0, 6), [1707, 7, 0, 3350, 5, 0]);
    const loc = readNpyIndependently(join(dir, 'properties/gt_unit_locations.npy'));
    assert.equal(loc.descr, '<f4');
    assert.deepEqual(loc.shape, [10, 3]);
    assert.deepEqual(float32Values(loc), Array.from(input.properties.gt_unit_locations));
    const mc = readNpyIndependently(join(dir, 'properties/max_channel_index.npy'));
    assert.equal(mc.descr, '<i8');
    assert.deepEqual(int64Values(mc), [108, 87, 3, 0, 2, 69, 19, 77, 119, 75]);
    for (const f of ['numpysorting_info.json', 'si_folder.json']) {
      assert.deepEqual(JSON.parse(readFileSync(join(dir, f), 'utf8')), JSON.parse(readFileSync(REF(f), 'utf8')), f);
    }
    // sampling_frequency is a Python float ("30000.0"), as NumpyFolderSorting.write_sorting writes float(...)
    assert.match(readFileSync(join(dir, 'numpysorting_info.json'), 'utf8'), /^\{"sampling_frequency": 30000\.0, /);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('rejects unsorted spikes, unknown units and mis-sized properties with sentences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-sorting-'));
  try {
    const bad = referenceInput();
    bad.spikes.sampleIndex[3] = 1;
    assert.throws(() => writeNumpyFolderSorting(dir, bad), /not sorted by segment and sample \(spike 3\)/);
    const unit = referenceInput();
    unit.spikes.unitIndex[0] = 10;
    assert.throws(() => writeNumpyFolderSorting(dir, unit), /unit index 10, outside the 10 units/);
    const props = referenceInput();
    props.properties.max_channel_index = new Int32Array(3);
    assert.throws(() => writeNumpyFolderSorting(dir, props), /max_channel_index must hold 10 values/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
