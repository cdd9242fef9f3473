import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import { generateLinearProbe } from '../../../../app/probes/multi-columns.ts';
import { stringifyProbeinterfaceJson } from '../../../../app/probes/probeinterface-json.ts';
import { SI_REF, isSentence, json, maxAbsDiff, rows } from './fixture-paths.ts';

interface FolderExpect {
  num_channels: number; num_samples: number; dtype: string; sampling_frequency: number; channel_ids: string[];
  first_row_first8: number[]; sample_1000_channel_0_to_7: number[]; sum_float64: number; min: number; max: number;
  channel_locations_first4: number[][];
}
const expected = json<{ folders: Record<string, FolderExpect> }>(`${SI_REF}expected.json`).folders;

for (const name of ['static_binary_float32', 'drifting_binary_int16']) {
  test(`SpikeInterface folder ${name} (written by SI 0.105) reads as si.load returned it`, () => {
    const x = expected[name];
    const r = openRecording({ format: 'spikeinterface', path: join(SI_REF, name) });
    try {
      assert.equal(r.format, 'spikeinterface');
      assert.equal(r.numChannels, x.num_channels);
      assert.equal(r.numSamples, x.num_samples);
      assert.equal(r.dtype, x.dtype);
      assert.equal(r.samplingFrequency, x.sampling_frequency);
      assert.deepEqual(r.channelIds, x.channel_ids);
      assert.equal(r.tStart, 0);
      assert.ok(r.gainToUv.every((g) => g === 1), 'no gain stored: the samples are µV');
      const all = r.readWindow(0, r.numSamples);
      assert.deepEqual(Array.from(all.subarray(0, 8)), x.first_row_first8);
      assert.deepEqual(Array.from(all.subarray(1000 * 128, 1000 * 128 + 8)), x.sample_1000_channel_0_to_7);
      let sum = 0, min = Infinity, max = -Infinity;
      for (const v of all) { sum += v; min = Math.min(min, v); max = Math.max(max, v); }
      assert.ok(Math.abs(sum - x.sum_float64) < 1e-6 * Math.abs(x.sum_float64), `sum ${sum}`);
      assert.equal(min, x.min);
      assert.equal(max, x.max);
      assert.deepEqual(Array.from(r.probe?.contact_positions.subarray(0, 8) ?? []), x.channel_locations_first4.flat());
      assert.equal(maxAbsDiff(r.readWindow(4321, 4400, [5, 0]), Float32Array.from({ length: 79 * 2 }, (_, k) => all[(4321 + (k >> 1)) * 128 + (k % 2 ? 0 : 5)])), 0);
      assert.equal(maxAbsDiff(r.readWindow(14990, 15000), rows(all, 128, 14990, 15000)), 0);
    } finally { r.close(); }
  });
}

test('our own int16 folder: per-channel gains and offsets, t_starts, probe put in channel order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-sifolder-'));
  try {
    const n = 3, frames = 20;
    const data = Int16Array.from({ length: n * frames }, (_, k) => (k % n) * 1000 + Math.floor(k / n));
    writeFileSync(join(dir, 'traces_cached_seg0.raw'), new Uint8Array(data.buffer));
    writeFileSync(join(dir, 'binary.json'), JSON.stringify({
      class: 'spikeinterface.core.binaryrecordingextractor.BinaryRecordingExtractor', version: '0.105.0', relative_paths: true,
      kwargs: {
        file_paths: ['traces_cached_seg0.raw'], sampling_frequency: 20000.0, t_starts: [1.25], num_channels: n, dtype: '<i2',
        channel_ids: ['a', 'b', 'c'], time_axis: 0, file_offset: 0, gain_to_uV: [0.5, 0.25, 2], offset_to_uV: [0, 10, -1],
      },
    }));
    const probe = generateLinearProbe({ num_elec: 3, ypitch: 20 });
    probe.setDeviceChannelIndices([2, 0, 1]);
    writeFileSync(join(dir, 'probegroup.json'), stringifyProbeinterfaceJson(probe));
    const r = openRecording({ format: 'spikeinterface', path: dir });
    try {
      assert.deepEqual(r.channelIds, ['a', 'b', 'c']);
      assert.equal(r.tStart, 1.25);
      assert.deepEqual(Array.from(r.readWindow(4, 5)), [4 * 0.5, 1004 * 0.25 + 10, 2004 * 2 - 1]);
      // contact 1 is wired to channel 0, contact 2 to channel 1, contact 0 to channel 2
      assert.deepEqual(Array.from(r.probe?.contact_positions ?? []), [0, 20, 0, 40, 0, 0]);
    } finally { r.close(); }
    mkdirSync(join(dir, 'not-a-folder'));
    assert.throws(() => openRecording({ format: 'spikeinterface', path: join(dir, 'not-a-folder') }), (e: unknown) => {
      assert.match((e as Error).message, /cannot read .*binary\.json/);
      return isSentence(e);
    });
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
