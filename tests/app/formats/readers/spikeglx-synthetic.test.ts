import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRecording } from '../../../../app/formats/readers/open-recording.ts';
import { isSentence } from './fixture-paths.ts';
import { imecMeta, range, syntheticSamples, writeSpikeGlx } from './spikeglx-synth.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'spikegen-sglx-'));
const N = 300;

/** NP2.0 single shank (imDatPrb_type 21): IMRO (channel bank_mask ref electrode), snsShankMap, imMaxInt 8192. */
function np2Meta(withGainKeys: boolean): Record<string, string> {
  const saved = [...range(0, 384), 384];
  const names = [...range(0, 384).map((c) => `AP${c}`), 'SY0'];
  return imecMeta(saved, names, {
    acqApLfSy: '384,0,1', snsApLfSy: '384,0,1', imAiRangeMax: '0.5', imAiRangeMin: '-0.5', imDatPrb_type: '21',
    imDatPrb_pn: 'NP2000', imDatPrb_sn: '19011116954', firstSample: '90000',
    ...(withGainKeys ? { imMaxInt: '8192', imChan0apGain: '80' } : {}),
    '~imroTbl': '(21,384)' + range(0, 384).map((c) => `(${c} 1 0 ${c})`).join(''),
    '~snsShankMap': '(1,2,480)' + range(0, 384).map((c) => `(0:${c % 2}:${Math.floor(c / 2)}:1)`).join(''),
  });
}

test('NP2.0 (type 21): gain imAiRangeMax / imMaxInt / 80, geometry from the IMRO electrodes, firstSample', () => {
  const dir = tmp();
  try {
    for (const withGainKeys of [true, false]) {
      const data = syntheticSamples(N, 385);
      const bin = writeSpikeGlx(join(dir, String(withGainKeys)), 'np2_g0_t0.imec0.ap', np2Meta(withGainKeys), data);
      const r = openRecording({ format: 'spikeglx', path: bin });
      try {
        assert.equal(r.numChannels, 384);
        assert.equal(r.numSamples, N);
        assert.equal(r.tStart, 3);
        // neo: 0.5 / 8192 * (1 / 80) * 1e6; without the keys: imMaxInt defaults to 8192, the gain to the ProbeTable's 80
        assert.ok(r.gainToUv.every((g) => g === 0.762939453125), `gain ${r.gainToUv[0]}`);
        const p = r.probe;
        assert.ok(p);
        assert.deepEqual(Array.from(p.contact_positions.subarray(0, 8)), [0, 0, 32, 0, 0, 15, 32, 15]);
        assert.equal(p.contact_positions[383 * 2 + 1], 2865);
        assert.equal(p.contact_ids?.[383], 'e383');
        assert.equal(p.annotations.serial_number, '19011116954');
        const w = r.readWindow(10, 20, [0, 383]);
        for (let i = 0; i < 10; i++) {
          assert.equal(w[i * 2], Math.fround(data[(10 + i) * 385] * 0.762939453125));
          assert.equal(w[i * 2 + 1], Math.fround(data[(10 + i) * 385 + 383] * 0.762939453125));
        }
      } finally { r.close(); }
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('NP2.0 4-shank (type 24): contacts s{shank}e{electrode}, x shifted by the 250 µm shank pitch', () => {
  const dir = tmp();
  try {
    const saved = [...range(0, 384), 384];
    const shank = (c: number) => c % 4;
    const elec = (c: number) => Math.floor(c / 4);
    const meta = imecMeta(saved, [...range(0, 384).map((c) => `AP${c}`), 'SY0'], {
      acqApLfSy: '384,0,1', snsApLfSy: '384,0,1', imAiRangeMax: '0.5', imMaxInt: '8192', imDatPrb_type: '24',
      imDatPrb_pn: 'NP2010', '~imroTbl': '(24,384)' + range(0, 384).map((c) => `(${c} ${shank(c)} 0 0 ${elec(c)})`).join(''),
    });
    const bin = writeSpikeGlx(dir, 'ms_g0_t0.imec1.ap', meta, syntheticSamples(20, 385));
    const r = openRecording({ format: 'spikeglx', path: bin });
    try {
      assert.equal(r.channelIds[0], 'imec1.ap#AP0');
      const p = r.probe;
      assert.ok(p);
      assert.deepEqual(p.contact_ids?.slice(0, 5), ['s0e0', 's1e0', 's2e0', 's3e0', 's0e1']);
      assert.deepEqual(Array.from(p.contact_positions.subarray(0, 10)), [0, 0, 250, 0, 500, 0, 750, 0, 32, 0]);
      assert.deepEqual(p.shank_ids?.slice(0, 5), ['0', '1', '2', '3', '0']);
    } finally { r.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('NP1.0 saved subset: gains and positions follow each saved channel\'s IMRO entry', () => {
  const dir = tmp();
  try {
    const saved = [...range(0, 10), ...range(100, 110), 768];
    const names = [...saved.slice(0, 20).map((c) => `AP${c}`), 'SY0'];
    // channels 100..109 record bank 1 (electrodes 484..493) at AP gain 250; the others bank 0 at 500
    const imro = '(0,384)' + range(0, 384).map((c) => (c >= 100 && c < 110 ? `(${c} 1 0 250 250 1)` : `(${c} 0 0 500 250 1)`)).join('');
    const meta = imecMeta(saved, names, {
      acqApLfSy: '384,384,1', snsApLfSy: '20,0,1', imAiRangeMax: '0.6', imMaxInt: '512', imDatPrb_type: '0',
      imDatPrb_pn: 'NP1000', '~imroTbl': imro,
    });
    const bin = writeSpikeGlx(dir, 'sub_g0_t0.imec0.ap', meta, syntheticSamples(50, 21));
    const r = openRecording({ format: 'spikeglx', path: bin });
    try {
      assert.equal(r.numChannels, 20);
      assert.deepEqual(r.channelIds.slice(9, 11), ['imec0.ap#AP9', 'imec0.ap#AP100']);
      assert.equal(r.gainToUv[9], 2.34375);
      assert.equal(r.gainToUv[10], 4.6875);
      const p = r.probe;
      assert.ok(p);
      assert.equal(p.getContactCount(), 20);
      assert.deepEqual(p.contact_ids?.slice(9, 11), ['e9', 'e484']);
      // electrode 484: row 242 (even: x = 16), y = 242 × 20
      assert.deepEqual(Array.from(p.contact_positions.subarray(20, 22)), [16, 4840]);
    } finally { r.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('NP1.0 LF stream: the IMRO LF gain, channels LF0…, ids imec0.lf#…', () => {
  const dir = tmp();
  try {
    const saved = [...range(384, 768), 768];
    const meta = imecMeta(saved, [...range(0, 384).map((c) => `LF${c}`), 'SY0'], {
      acqApLfSy: '384,384,1', snsApLfSy: '0,384,1', imAiRangeMax: '0.6', imMaxInt: '512', imSampRate: '2500',
      imDatPrb_pn: 'NP1000', '~imroTbl': '(0,384)' + range(0, 384).map((c) => `(${c} 0 0 500 125 1)`).join(''),
    });
    const bin = writeSpikeGlx(dir, 'lf_g0_t0.imec0.lf', meta, syntheticSamples(10, 385));
    const r = openRecording({ format: 'spikeglx', path: bin });
    try {
      assert.equal(r.samplingFrequency, 2500);
      assert.equal(r.channelIds[5], 'imec0.lf#LF5');
      assert.ok(r.gainToUv.every((g) => g === 0.6 / 512 * (1 / 125) * 1e6));
      assert.equal(r.probe?.getContactCount(), 384);
    } finally { r.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('SpikeGLX bad inputs give one clear sentence', () => {
  const dir = tmp();
  try {
    const make = (name: string, n = 20) => writeSpikeGlx(join(dir, name), `${name}_g0_t0.imec0.ap`, np2Meta(true), syntheticSamples(n, 385));
    const missingMeta = make('nometa');
    unlinkSync(missingMeta.replace(/\.bin$/, '.meta'));
    const truncated = make('trunc');
    truncateSync(truncated, 385 * 2 * 10);
    const ragged = make('ragged');
    truncateSync(ragged, 385 * 2 * 20 - 3);
    writeFileSync(ragged.replace(/\.bin$/, '.meta'), Object.entries(np2Meta(true)).map(([k, v]) => `${k}=${v}`).join('\n'));
    const badCount = writeSpikeGlx(join(dir, 'count'), 'count_g0_t0.imec0.ap', { ...np2Meta(true), nSavedChans: '300' }, syntheticSamples(5, 385));
    const noRange = writeSpikeGlx(join(dir, 'norange'), 'nr_g0_t0.imec0.ap', { ...np2Meta(true), imAiRangeMax: '' }, syntheticSamples(5, 385));
    const nidq = writeSpikeGlx(join(dir, 'nidq'), 'run_g0_t0.nidq', { ...np2Meta(true), fileName: 'run_g0_t0.nidq.bin' }, syntheticSamples(5, 385));
    const cases: [string, RegExp][] = [
      [missingMeta, /metadata file .*\.meta is missing/],
      [truncated, /holds 7700 bytes but its \.meta says 15400 \(fileSizeBytes\); the file is truncated/],
      [ragged, /not a whole number of 770-byte frames/],
      [badCount, /nSavedChans=300 but snsChanMap lists 385 channels/],
      [noRange, /has no "imAiRangeMax" line/],
      [nidq, /is not an imec probe stream/],
      [join(dir, 'nothing-here.ap.bin'), /metadata file .* is missing/],
      [dir, /holds no SpikeGLX \.ap\.bin/],
    ];
    for (const [path, re] of cases) {
      assert.throws(() => openRecording({ format: 'spikeglx', path }), (e: unknown) => {
        assert.match((e as Error).message, re);
        assert.ok(isSentence(e), (e as Error).message);
        return true;
      });
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
