import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import { parseSpikeGlxMeta } from '../../../../app/formats/readers/spikeglx-meta-parse.ts';
import { parseImro } from '../../../../app/formats/readers/spikeglx-imro.ts';
import { spikeGlxGeomMapProbe } from '../../../../app/formats/readers/spikeglx-probe.ts';
import { findNeuropixelsSpec } from '../../../../app/probes/neuropixels-catalogue.ts';
import { NP1_BIN, NP1_DIR, NP1_META, NP1_PROBE_DIR, json, maxAbsDiff, rows } from './fixture-paths.ts';

interface GroundTruth {
  num_samples: number; first_sample: number; t_start_s: number; gain_uV_per_bit_ap: number;
  channel_positions_um: number[][]; contact_ids: string[]; first_row_int16: number[];
  row_100_channels_0_15_int16: number[]; per_channel_sum_int64: number[]; total_sum_int64: number;
  checks_at_spike_troughs: { sample: number; channel: number; int16_value: number; uV_value: number }[];
}
const gt = json<GroundTruth>(`${NP1_DIR}ground_truth.json`);
const readback = json<{ spikeinterface: { 'imec0.ap': { channel_ids_first3: string[]; t_start: number; traces_uV_row0_first8: number[]; probe: { model_name: string; serial_number: string } } } }>(`${NP1_DIR}readback.json`);
const si = readback.spikeinterface['imec0.ap'];

test('NP1.0 fixture: header values equal what neo / SpikeInterface returned', () => {
  const r = openRecording({ format: 'spikeglx', path: NP1_BIN });
  try {
    assert.equal(r.format, 'spikeglx');
    assert.equal(r.path, NP1_BIN);
    assert.equal(r.numChannels, 384, 'SY0 is not a voltage channel');
    assert.equal(r.numSamples, gt.num_samples);
    assert.equal(r.samplingFrequency, 30000);
    assert.equal(r.dtype, 'int16');
    assert.equal(r.tStart, si.t_start);
    assert.equal(r.tStart, gt.first_sample / 30000);
    assert.deepEqual(r.channelIds.slice(0, 3), si.channel_ids_first3);
    assert.equal(r.channelIds[383], 'imec0.ap#AP383');
    assert.ok(r.gainToUv.every((g) => g === gt.gain_uV_per_bit_ap), 'every gain is exactly 2.34375');
    assert.ok(r.offsetToUv.every((o) => o === 0));
  } finally { r.close(); }
});

test('NP1.0 fixture: the probe equals probeinterface read_spikeglx (positions, ids, annotations)', () => {
  const r = openRecording({ format: 'spikeglx', path: NP1_META });
  try {
    const p = r.probe;
    assert.ok(p);
    assert.equal(p.getContactCount(), 384);
    assert.deepEqual(Array.from(p.contact_positions), gt.channel_positions_um.flat());
    assert.deepEqual(p.contact_ids, gt.contact_ids);
    assert.equal(p.model_name, si.probe.model_name);
    assert.equal(p.manufacturer, 'imec');
    assert.equal(p.annotations.serial_number, si.probe.serial_number);
    assert.equal(p.annotations.ap_gain, 500);
    assert.equal(p.annotations.lf_gain, 250);
    assert.deepEqual(Array.from(p.device_channel_indices ?? []), Array.from({ length: 384 }, (_, i) => i));
    assert.deepEqual(p.contact_shape_params[0], { width: 12 });
  } finally { r.close(); }
});

test('NP1.0 fixture: snsGeomMap gives the same geometry as the catalogue + IMRO path', () => {
  const meta = parseSpikeGlxMeta(readFileSync(NP1_META, 'utf8'));
  const probe = spikeGlxGeomMapProbe({
    meta, imro: parseImro(meta.imroTbl, NP1_META), spec: findNeuropixelsSpec('PRB_1_4_0480_1_C'), part: 'PRB_1_4_0480_1_C',
    entries: Array.from({ length: 384 }, (_, i) => i),
  });
  assert.ok(probe);
  assert.deepEqual(Array.from(probe.contact_positions), gt.channel_positions_um.flat());
});

test('NP1.0 fixture: µV values equal the int16 file × 2.34375 (row 0, row 100, spike troughs, sums)', () => {
  const r = openRecording({ format: 'spikeglx', path: NP1_PROBE_DIR });
  try {
    const all = r.readWindow(0, r.numSamples);
    assert.deepEqual(Array.from(all.subarray(0, 8)), si.traces_uV_row0_first8);
    assert.deepEqual(Array.from(rows(all, 384, 0, 1)), gt.first_row_int16.slice(0, 384).map((v) => v * 2.34375));
    assert.deepEqual(Array.from(all.subarray(100 * 384, 100 * 384 + 16)), gt.row_100_channels_0_15_int16.map((v) => v * 2.34375));
    for (const c of gt.checks_at_spike_troughs) {
      assert.equal(all[c.sample * 384 + c.channel], c.uV_value, `sample ${c.sample} channel ${c.channel}`);
    }
    const raw = r.readRaw(0, r.numSamples);
    assert.ok(raw instanceof Int16Array);
    const sums = new Array<number>(384).fill(0);
    for (let i = 0; i < raw.length; i++) sums[i % 384] += raw[i];
    assert.deepEqual(sums, gt.per_channel_sum_int64.slice(0, 384));
    for (const c of gt.checks_at_spike_troughs) assert.equal(raw[c.sample * 384 + c.channel], c.int16_value);
  } finally { r.close(); }
});

test('NP1.0 fixture: windows at arbitrary offsets and channel subsets equal slices of the whole read', () => {
  const r = openRecording({ format: 'spikeglx', path: NP1_BIN });
  try {
    const all = r.readWindow(0, r.numSamples);
    for (const [s, e] of [[0, 1], [1, 2], [37, 1234], [3749, 3751], [7000, 7500], [7499, 7500], [10, 10]]) {
      assert.equal(maxAbsDiff(r.readWindow(s, e), rows(all, 384, s, e)), 0, `window [${s}, ${e})`);
    }
    const chans = [383, 0, 50, 51, 7];
    const sub = r.readWindow(123, 456, chans);
    assert.equal(sub.length, (456 - 123) * chans.length);
    for (let i = 0; i < 456 - 123; i++) {
      chans.forEach((c, j) => assert.equal(sub[i * chans.length + j], all[(123 + i) * 384 + c]));
    }
    const out = new Float32Array(2000).fill(NaN);
    const view = r.readWindow(40, 42, undefined, out);
    assert.equal(view.buffer, out.buffer);
    assert.deepEqual(Array.from(view), Array.from(rows(all, 384, 40, 42)));
    assert.ok(Number.isNaN(out[768]), 'nothing written past the window');
    assert.throws(() => r.readWindow(0, 10, undefined, out), /output buffer holds 2000 values but the window needs 3840/);
    const rawSub = r.readRaw(5, 9, [2, 1]);
    assert.deepEqual(Array.from(rawSub), [0, 1, 2, 3].flatMap((i) => [all[(5 + i) * 384 + 2] / 2.34375, all[(5 + i) * 384 + 1] / 2.34375]));
  } finally { r.close(); }
});

test('NP1.0 fixture: out-of-range windows and channels are refused with a sentence', () => {
  const r = openRecording({ format: 'spikeglx', path: NP1_BIN });
  try {
    assert.throws(() => r.readWindow(7000, 7501), /not inside the recording's 7500 samples/);
    assert.throws(() => r.readWindow(-1, 5), /not inside/);
    assert.throws(() => r.readWindow(0.5, 5), /whole sample numbers/);
    assert.throws(() => r.readWindow(0, 5, [384]), /Channel index 384 does not exist; this recording has channels 0 to 383/);
  } finally { r.close(); }
  assert.throws(() => r.readWindow(0, 1), /is closed/);
});
