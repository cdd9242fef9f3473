import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy } from '../../../../app/formats/npy.ts';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import { listOpenEphysStreams } from '../../../../app/formats/readers/openephys-streams.ts';
import { OE_DIR, OE_SESSION, isSentence, json, maxAbsDiff, rows } from './fixture-paths.ts';

interface OeTruth {
  num_samples: number; bit_volts: number; first_sample_number: number; t_start_s: number; first_row_int16: number[];
  per_channel_sum_int64: number[]; checks_at_spike_samples: { sample: number; channel: number; int16_value: number; uV_value: number }[];
}
const gt = json<OeTruth>(`${OE_DIR}ground_truth.json`);
const neo = json<{ neo_snapshot: { signal_streams: string[][]; stream0: { t_start: number; gains_unique: number[]; scaled_row0_first8: number[] } } }>(`${OE_DIR}readback.json`).neo_snapshot;
const STREAM = 'Record Node 101#Acquisition_Board-100.Rhythm Data';
const F32 = 1e-6; // relative: our µV are float32, like SpikeInterface's get_traces(return_in_uV=True)

test('Open Ephys fixture: stream, channels, gain and t_start equal neo / SpikeInterface', () => {
  assert.deepEqual(listOpenEphysStreams(OE_SESSION).map((s) => s.name), [neo.signal_streams[0][0]]);
  const r = openRecording({ format: 'openephys', path: OE_SESSION });
  try {
    assert.equal(r.format, 'openephys');
    assert.match(r.path, /Acquisition_Board-100\.Rhythm Data\/continuous\.dat$/);
    assert.equal(r.numChannels, 64);
    assert.equal(r.numSamples, gt.num_samples);
    assert.equal(r.samplingFrequency, 30000);
    assert.deepEqual(r.channelIds.slice(0, 3), ['CH1', 'CH2', 'CH3']);
    assert.equal(r.channelIds[63], 'CH64');
    assert.ok(r.gainToUv.every((g) => g === neo.stream0.gains_unique[0]));
    assert.equal(r.tStart, neo.stream0.t_start);
    assert.equal(r.tStart, gt.first_sample_number / 30000);
    assert.equal(r.probe, null);
  } finally { r.close(); }
});

test('Open Ephys fixture: µV values equal neo\'s scaled values; raw equals the file', () => {
  const r = openRecording({ format: 'openephys', path: OE_SESSION, stream: STREAM });
  try {
    const all = r.readWindow(0, r.numSamples);
    neo.stream0.scaled_row0_first8.forEach((v, c) => assert.ok(Math.abs(all[c] - v) <= Math.abs(v) * F32, `row 0 ch ${c}`));
    gt.first_row_int16.forEach((v, c) => assert.equal(all[c], Math.fround(v * gt.bit_volts)));
    for (const c of gt.checks_at_spike_samples) {
      const got = all[c.sample * 64 + c.channel];
      assert.ok(Math.abs(got - c.uV_value) <= Math.abs(c.uV_value) * F32, `sample ${c.sample}: ${got} vs ${c.uV_value}`);
    }
    const raw = r.readRaw(0, r.numSamples);
    const sums = new Array<number>(64).fill(0);
    for (let i = 0; i < raw.length; i++) sums[i % 64] += raw[i];
    assert.deepEqual(sums, gt.per_channel_sum_int64);
    for (const [s, e] of [[0, 1], [251, 252], [1001, 2999], [29990, 30000]]) {
      assert.equal(maxAbsDiff(r.readWindow(s, e), rows(all, 64, s, e)), 0);
    }
    const sub = r.readWindow(250, 253, [22]);
    assert.deepEqual(Array.from(sub), [250, 251, 252].map((i) => all[i * 64 + 22]));
  } finally { r.close(); }
});

test('Open Ephys fixture: the stream can be named by its folder or its oebin stream_name, from any folder level', () => {
  const rec = `${OE_SESSION}/Record Node 101/experiment1/recording1`;
  for (const [path, stream] of [[rec, 'Acquisition_Board-100.Rhythm Data'], [`${rec}/structure.oebin`, 'Rhythm Data'], [`${OE_SESSION}/Record Node 101`, undefined]]) {
    const r = openRecording({ format: 'openephys', path: path as string, stream });
    try { assert.equal(r.numChannels, 64); } finally { r.close(); }
  }
});

interface Ch { channel_name: string; bit_volts: number; units: string }
const ch = (name: string, bitVolts: number, units = 'uV'): Ch => ({ channel_name: name, bit_volts: bitVolts, units });

/** Writes one recording folder with the given streams (folder, channels, samples, first sample number). */
function writeOe(recDir: string, streams: { folder: string; channels: Ch[]; n: number; first: number; legacy?: boolean }[]): void {
  mkdirSync(recDir, { recursive: true });
  const continuous = streams.map((s) => ({
    folder_name: `${s.folder}/`, sample_rate: 30000.0, stream_name: s.folder.split('.').pop(), num_channels: s.channels.length, channels: s.channels,
  }));
  writeFileSync(join(recDir, 'structure.oebin'), JSON.stringify({ 'GUI version': '0.6.7', continuous, events: [], spikes: [] }, null, 4));
  for (const s of streams) {
    const d = join(recDir, 'continuous', s.folder);
    mkdirSync(d, { recursive: true });
    const m = s.channels.length;
    const data = Int16Array.from({ length: s.n * m }, (_, k) => (k % m) * 100 + Math.floor(k / m));
    writeFileSync(join(d, 'continuous.dat'), new Uint8Array(data.buffer));
    const numbers = BigInt64Array.from({ length: s.n }, (_, i) => BigInt(s.first + i));
    writeFileSync(join(d, s.legacy ? 'timestamps.npy' : 'sample_numbers.npy'), encodeNpy(numbers));
  }
}

test('Open Ephys with two streams, SYNC and ADC channels, and the pre-0.6 layout', () => {
  const root = mkdtempSync(join(tmpdir(), 'spikegen-oe-'));
  try {
    const rec = join(root, 'session', 'Record Node 102', 'experiment1', 'recording1');
    writeOe(rec, [
      { folder: 'Neuropix-PXI-100.ProbeA-AP', channels: [ch('CH1', 0.195), ch('CH2', 0.195), ch('CH3', 0.195), ch('ProbeA-AP_SYNC', 1, '')], n: 50, first: 3000 },
      { folder: 'Acquisition_Board-101.Rhythm Data', channels: [ch('CH1', 0.195), ch('CH2', 0.195), ch('ADC1', 0.00015, 'V')], n: 40, first: 0 },
    ]);
    const session = join(root, 'session');
    assert.throws(() => openRecording({ format: 'openephys', path: session }), (e: unknown) => {
      assert.match((e as Error).message, /has 2 streams \(Record Node 102#Acquisition_Board-101\.Rhythm Data; Record Node 102#Neuropix-PXI-100\.ProbeA-AP\); choose one by name/);
      return isSentence(e);
    });
    assert.throws(() => openRecording({ format: 'openephys', path: session, stream: 'ProbeB-AP' }), (e: unknown) => {
      assert.match((e as Error).message, /has no stream "ProbeB-AP"; its streams are: /);
      return isSentence(e);
    });
    const ap = openRecording({ format: 'openephys', path: session, stream: 'Record Node 102#Neuropix-PXI-100.ProbeA-AP' });
    try {
      assert.deepEqual(ap.channelIds, ['CH1', 'CH2', 'CH3'], 'the SYNC channel is not a voltage channel');
      assert.equal(ap.tStart, 0.1);
      assert.equal(ap.numSamples, 50);
      // value(i, col) = col * 100 + i; the reader skips the 4th (SYNC) column of each frame
      assert.deepEqual(Array.from(ap.readRaw(7, 9)), [7, 107, 207, 8, 108, 208]);
    } finally { ap.close(); }
    const board = openRecording({ format: 'openephys', path: session, stream: 'Rhythm Data' });
    try {
      assert.deepEqual(board.channelIds, ['CH1', 'CH2'], 'ADC channels (volts) are left out as neo does');
      assert.equal(board.tStart, 0);
    } finally { board.close(); }

    const legacy = join(root, 'legacy', 'experiment1', 'recording1');
    writeOe(legacy, [{ folder: 'Rhythm_FPGA-100.0', channels: [ch('CH1', 0.195, ''), ch('CH2', 0.195, 'mV')], n: 10, first: 60000, legacy: true }]);
    const old = openRecording({ format: 'openephys', path: join(root, 'legacy') });
    try {
      assert.equal(old.tStart, 2, 'timestamps.npy of sample numbers / rate');
      assert.deepEqual(Array.from(old.gainToUv), [0.195, 195], '"" is µV, mV × 1000');
    } finally { old.close(); }

    truncateSync(join(rec, 'continuous', 'Acquisition_Board-101.Rhythm Data', 'continuous.dat'), 30 * 3 * 2);
    assert.throws(() => openRecording({ format: 'openephys', path: session, stream: 'Rhythm Data' }), (e: unknown) => {
      assert.match((e as Error).message, /holds 30 samples but sample_numbers\.npy lists 40; continuous\.dat is truncated/);
      return isSentence(e);
    });
    assert.throws(() => openRecording({ format: 'openephys', path: join(root, 'nowhere') }), /does not exist/);
    mkdirSync(join(root, 'empty'));
    assert.throws(() => openRecording({ format: 'openephys', path: join(root, 'empty') }), /No structure\.oebin was found/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
