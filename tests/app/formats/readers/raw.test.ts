import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import type { SampleDtype } from '../../../../app/formats/readers/types.ts';
import { generateLinearProbe } from '../../../../app/probes/multi-columns.ts';
import { stringifyProbeinterfaceJson } from '../../../../app/probes/probeinterface-json.ts';
import { isSentence } from './fixture-paths.ts';

const ARRAYS = {
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
} as const;
const value = (i: number, c: number) => i * 10 + c; // exact in every dtype

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

test('raw binary: every dtype, a header, time axis 0 and 1, gain and offset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-raw-'));
  try {
    const n = 5, frames = 40, header = 123;
    for (const dtype of Object.keys(ARRAYS) as SampleDtype[]) {
      for (const timeAxis of [0, 1] as const) {
        const a = new ARRAYS[dtype](n * frames);
        for (let i = 0; i < frames; i++) {
          for (let c = 0; c < n; c++) a[timeAxis === 0 ? i * n + c : c * frames + i] = value(i, c);
        }
        const path = join(dir, `${dtype}-${timeAxis}.dat`);
        const body = bytesOf(a);
        const file = new Uint8Array(header + body.length).fill(0xab, 0, header);
        file.set(body, header);
        writeFileSync(path, file);
        const r = openRecording({
          format: 'raw', path, dtype, numChannels: n, samplingFrequency: 1000, timeAxis, fileOffset: header,
          gainToUv: [1, 2, 0.5, 1, 1], offsetToUv: 3, tStart: 7.5,
        });
        try {
          assert.equal(r.numSamples, frames, `${dtype} axis ${timeAxis}`);
          assert.equal(r.dtype, dtype);
          assert.equal(r.tStart, 7.5);
          assert.deepEqual(r.channelIds, ['0', '1', '2', '3', '4']);
          const raw = r.readRaw(11, 14, [4, 1]);
          assert.ok(raw instanceof ARRAYS[dtype]);
          assert.deepEqual(Array.from(raw), [114, 111, 124, 121, 134, 131]);
          assert.deepEqual(Array.from(r.readWindow(20, 21)), [200 + 3, 201 * 2 + 3, 202 * 0.5 + 3, 203 + 3, 204 + 3]);
          const all = r.readWindow(0, frames);
          const part = r.readWindow(17, 33);
          assert.deepEqual(Array.from(part), Array.from(all.subarray(17 * n, 33 * n)));
        } finally { r.close(); }
      }
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('raw binary: probe from a probeinterface JSON file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-raw-'));
  try {
    writeFileSync(join(dir, 'x.raw'), new Uint8Array(4 * 2 * 10));
    const probe = generateLinearProbe({ num_elec: 4, ypitch: 25 });
    writeFileSync(join(dir, 'probe.json'), stringifyProbeinterfaceJson(probe));
    const r = openRecording({ format: 'raw', path: join(dir, 'x.raw'), dtype: 'int16', numChannels: 4, samplingFrequency: 30000, probePath: join(dir, 'probe.json') });
    try {
      assert.deepEqual(Array.from(r.probe?.contact_positions ?? []), [0, 0, 0, 25, 0, 50, 0, 75]);
    } finally { r.close(); }
    assert.throws(
      () => openRecording({ format: 'raw', path: join(dir, 'x.raw'), dtype: 'int16', numChannels: 8, samplingFrequency: 30000, probePath: join(dir, 'probe.json') }),
      /The probe in .*probe\.json has 4 connected contacts but the recording has 8 channels\./,
    );
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('raw binary: wrong channel count, bad settings and missing files give one sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikegen-raw-'));
  try {
    const path = join(dir, 'rec.bin');
    writeFileSync(path, new Uint8Array(2 * 32 * 100)); // 100 frames of 32 int16 channels
    const base = { format: 'raw' as const, path, dtype: 'int16' as const, samplingFrequency: 30000 };
    const cases: [object, RegExp][] = [
      [{ ...base, numChannels: 30 }, /holds 6400 bytes of samples, which is not a whole number of 60-byte frames \(30 int16 channels after a 0-byte header\)/],
      [{ ...base, numChannels: 32, fileOffset: 10 }, /not a whole number of 64-byte frames/],
      [{ ...base, numChannels: 0 }, /channel count 0 is not a positive whole number/],
      [{ ...base, numChannels: 32, samplingFrequency: 0 }, /sampling frequency 0 is not a positive number/],
      [{ ...base, numChannels: 32, dtype: 'int8' }, /sample type "int8" is not supported/],
      [{ ...base, numChannels: 32, gainToUv: [1, 2] }, /2 values of gain_to_uV were given for 32 channels/],
      [{ ...base, numChannels: 32, timeAxis: 2 }, /time axis must be 0/],
      [{ ...base, path: join(dir, 'absent.bin'), numChannels: 32 }, /The raw recording file .*absent\.bin does not exist\./],
      [{ ...base, numChannels: 32, probePath: join(dir, 'absent.json') }, /cannot read .*absent\.json/],
    ];
    for (const [spec, re] of cases) {
      assert.throws(() => openRecording(spec as Parameters<typeof openRecording>[0]), (e: unknown) => {
        assert.match((e as Error).message, re);
        assert.ok(isSentence(e), (e as Error).message);
        return true;
      });
    }
    const ok = openRecording({ ...base, numChannels: 32, fileOffset: 64 });
    try { assert.equal(ok.numSamples, 99); } finally { ok.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
