import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNamedProbe } from '../../../app/probes/named-probes.ts';
import {
  closeRaw, openForPositionalWrites, preallocateBinaryFolder, readBinaryFolderInfo, readFrames, writeFrames,
} from '../../../app/formats/si-binary-folder.ts';
import { float64Values, int64Values, readNpyIndependently } from '../../helpers/independent-npy.ts';
import { refPath } from '../../helpers/reference.ts';

const REF = (name: string, file: string) => refPath(`formats/${name}/${file}`);
const tmp = () => mkdtempSync(join(tmpdir(), 'spikegen-binfolder-'));
const readText = (p: string) => readFileSync(p, 'utf8');

/** The reference folders: 0.5 s of Neuropixels1-128 at 30 kHz (tests/fixtures/reference/formats/README.md). */
const SHAPE = { numSamples: 15000, numChannels: 128, samplingFrequency: 30000 };

/** Fields where our int16 folder deliberately differs from SpikeInterface's: we store a real gain. */
const INT16_DIFFERS = ['kwargs.gain_to_uV', 'kwargs.offset_to_uV', 'properties.gain_to_uV', 'properties.offset_to_uV'];

function drop(obj: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const copy = structuredClone(obj);
  for (const p of paths) {
    const parts = p.split('.');
    let o = copy as Record<string, unknown>;
    for (const k of parts.slice(0, -1)) o = o[k] as Record<string, unknown>;
    assert.ok(parts[parts.length - 1] in o, `${p} exists`);
    delete o[parts[parts.length - 1]];
  }
  return copy;
}

test('float32 folder: binary.json, si_folder.json and probegroup.json are byte-identical to SpikeInterface 0.105 output', () => {
  const dir = tmp();
  try {
    const f = preallocateBinaryFolder(dir, { ...SHAPE, dtype: 'float32', probe: getNamedProbe('Neuropixels1-128') });
    for (const file of ['binary.json', 'si_folder.json', 'probegroup.json']) {
      assert.equal(readText(join(dir, file)), readText(REF('static_binary_float32', file)), file);
    }
    // probe.json (ours, next to probegroup.json) is the same probeinterface document
    assert.equal(readText(join(dir, 'probe.json')), readText(REF('static_binary_float32', 'probegroup.json')));
    assert.equal(statSync(f.rawPath).size, 7_680_000); // README: float32 = 7,680,000 B
    assert.equal(f.bytesPerSample, 128 * 4);
    assert.deepEqual(readdirSync(join(dir, 'properties')), ['group.npy']);
    assert.deepEqual(readFileSync(join(dir, 'properties/group.npy')), readFileSync(REF('static_binary_float32', 'properties/group.npy')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('int16 folder: equal to the reference field by field except the stored gain, which is in kwargs, properties and properties/*.npy', () => {
  const dir = tmp();
  try {
    const f = preallocateBinaryFolder(dir, { ...SHAPE, dtype: 'int16', probe: getNamedProbe('Neuropixels1-128'), gainToUv: 0.0125, offsetToUv: 0 });
    assert.equal(statSync(f.rawPath).size, 3_840_000);
    const ours = JSON.parse(readText(join(dir, 'binary.json'))) as Record<string, Record<string, unknown>>;
    const ref = JSON.parse(readText(REF('drifting_binary_int16', 'binary.json'))) as Record<string, Record<string, unknown>>;
    assert.deepEqual(drop(ours, INT16_DIFFERS), drop(ref, INT16_DIFFERS));
    assert.deepEqual(Object.keys(ours), Object.keys(ref));
    assert.deepEqual(Object.keys(ours.kwargs), Object.keys(ref.kwargs));
    // SpikeInterface's _save passes get_channel_gains(): one float per channel
    assert.deepEqual(ours.kwargs.gain_to_uV, new Array(128).fill(0.0125));
    assert.deepEqual(ours.kwargs.offset_to_uV, new Array(128).fill(0));
    assert.deepEqual(ours.properties.gain_to_uV, new Array(128).fill(0.0125));
    assert.match(readText(join(dir, 'binary.json')), /"offset_to_uV": \[\n\s+0\.0,/); // floats, as numpy float64 lists dump

    const oursFolder = JSON.parse(readText(join(dir, 'si_folder.json'))) as Record<string, unknown>;
    const refFolder = JSON.parse(readText(REF('drifting_binary_int16', 'si_folder.json'))) as Record<string, unknown>;
    const folderDiffers = ['properties.gain_to_uV', 'properties.offset_to_uV'];
    assert.deepEqual(drop(oursFolder, folderDiffers), drop(refFolder, folderDiffers));
    assert.deepEqual((oursFolder.properties as Record<string, unknown>).offset_to_uV, new Array(128).fill(0));

    const gain = readNpyIndependently(join(dir, 'properties/gain_to_uV.npy'));
    assert.equal(gain.descr, '<f8');
    assert.deepEqual(gain.shape, [128]);
    assert.deepEqual(float64Values(gain), new Array(128).fill(0.0125));
    const offset = readNpyIndependently(join(dir, 'properties/offset_to_uV.npy'));
    assert.deepEqual(float64Values(offset), new Array(128).fill(0));
    const group = readNpyIndependently(join(dir, 'properties/group.npy'));
    assert.equal(group.descr, '<i8');
    assert.deepEqual(int64Values(group), new Array(128).fill(0));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('readBinaryFolderInfo reads the SpikeInterface reference folders', () => {
  const s = readBinaryFolderInfo(refPath('formats/static_binary_float32'));
  assert.equal(s.numChannels, 128);
  assert.equal(s.numSamples, 15000);
  assert.equal(s.dtype, 'float32');
  assert.equal(s.samplingFrequency, 30000);
  assert.equal(s.gains, null);
  assert.equal(s.siVersion, '0.105.0');
  assert.deepEqual(Array.from(s.probe!.contact_positions.subarray(0, 8)), [16, 0, 48, 0, 0, 20, 32, 20]);
  const d = readBinaryFolderInfo(refPath('formats/drifting_binary_int16'));
  assert.equal(d.dtype, 'int16');
  assert.equal(d.numSamples, 15000);
  // row 0 and sample 1000 as expected.json lists them
  const fd = openSync(d.rawPath, 'r');
  try {
    assert.deepEqual(Array.from(readFrames(fd, 0, 1, 128, 'int16').subarray(0, 8)), [-9, -6, 3, 1, 0, -10, -5, -8]);
    assert.deepEqual(Array.from(readFrames(fd, 1000, 1, 128, 'int16').subarray(0, 8)), [-4, 1, -2, -6, 2, -7, 1, -4]);
  } finally { closeSync(fd); }
});

test('dataset-shaped round trip: preallocate → readBinaryFolderInfo → positional writes out of order → read back', () => {
  const root = tmp();
  try {
    const dir = join(root, 'drifting');
    const numSamples = 1000, numChannels = 128;
    const f = preallocateBinaryFolder(dir, { numSamples, numChannels, dtype: 'int16', samplingFrequency: 30000, probe: getNamedProbe('Neuropixels1-128'), gainToUv: 0.05 });
    const info = readBinaryFolderInfo(dir);
    assert.equal(info.numSamples, numSamples);
    assert.equal(info.numChannels, numChannels);
    assert.equal(info.dtype, 'int16');
    assert.deepEqual(Array.from(info.gains!), new Array(numChannels).fill(0.05));
    assert.deepEqual(Array.from(info.offsets!), new Array(numChannels).fill(0));
    assert.equal(info.channelIds[127], '127');
    assert.equal(info.probe!.getContactCount(), 128);
    assert.equal(info.rawPath, f.rawPath);

    const expected = new Int16Array(numSamples * numChannels);
    for (let i = 0; i < expected.length; i++) expected[i] = ((i * 7919) % 65536) - 32768;
    // two writers, chunks in reverse order, as workers finish in any order
    const fdA = openForPositionalWrites(f.rawPath), fdB = openForPositionalWrites(f.rawPath);
    const chunks = [[600, 1000], [250, 600], [0, 250]];
    chunks.forEach(([a, b], k) => writeFrames(k % 2 ? fdB : fdA, a, expected.subarray(a * numChannels, b * numChannels), numChannels));
    closeRaw(fdA); closeRaw(fdB);
    assert.equal(statSync(f.rawPath).size, numSamples * numChannels * 2); // positional writes never grow the file
    const back = new Int16Array(new Uint8Array(readFileSync(f.rawPath)).buffer);
    assert.deepEqual(back, expected);
    const fd = openForPositionalWrites(f.rawPath);
    assert.deepEqual(readFrames(fd, 100, 3, numChannels, 'int16'), expected.subarray(100 * numChannels, 103 * numChannels));
    closeRaw(fd);
    assert.throws(() => writeFrames(0, 0, new Int16Array(5), 128), /whole number of 128-channel frames/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('errors are sentences: int16 without a gain, a folder that already holds a recording, a probe/channel mismatch', () => {
  const dir = tmp();
  try {
    const probe = getNamedProbe('Neuropixels1-128');
    assert.throws(() => preallocateBinaryFolder(dir, { ...SHAPE, dtype: 'int16', probe }), /An int16 recording needs a gain/);
    assert.throws(() => preallocateBinaryFolder(dir, { ...SHAPE, numChannels: 64, dtype: 'float32', probe }), /128 wired contacts but the recording has 64 channels/);
    preallocateBinaryFolder(dir, { ...SHAPE, numSamples: 10, dtype: 'float32', probe });
    assert.throws(() => preallocateBinaryFolder(dir, { ...SHAPE, numSamples: 10, dtype: 'float32', probe }), /already holds a recording; choose another output folder/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
