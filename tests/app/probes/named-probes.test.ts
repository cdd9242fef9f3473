// The six named probes of generate_drifting_recording against the probeinterface JSON the real SpikeInterface
// 0.105 / probeinterface 0.3.2 wrote for them (tests/fixtures/reference/probes), field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NAMED_PROBES, channelLocations, getNamedProbe, makeProbeByName, readProbeinterfaceJson, writeProbeinterfaceJson,
} from '../../../app/probes/index.ts';
import { refJson, refNpy } from '../../helpers/reference.ts';

interface Doc { specification: string; version: string; probes: Record<string, unknown>[] }

/** Compares one probe dict field by field so a failure names the field (and the first differing entry). */
function assertProbeDictEqual(actual: Record<string, unknown>, expected: Record<string, unknown>, name: string): void {
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${name}: field names and order`);
  for (const key of Object.keys(expected)) {
    const a = actual[key], e = expected[key];
    if (Array.isArray(e) && Array.isArray(a)) {
      assert.equal(a.length, e.length, `${name}.${key}: length`);
      const i = e.findIndex((v, k) => JSON.stringify(v) !== JSON.stringify(a[k]));
      assert.equal(i, -1, `${name}.${key}[${i}]: ${JSON.stringify(a[i])} != ${JSON.stringify(e[i])}`);
    }
    assert.deepEqual(a, e, `${name}.${key}`);
  }
}

for (const name of NAMED_PROBES) {
  test(`${name} equals the probe generate_drifting_recording builds`, () => {
    const expected = refJson<Doc>(`probes/${name}.json`);
    const actual = writeProbeinterfaceJson(getNamedProbe(name));
    assert.equal(actual.specification, expected.specification);
    assert.equal(actual.version, expected.version);
    assert.equal(actual.probes.length, 1);
    assertProbeDictEqual(actual.probes[0], expected.probes[0], name);
  });

  test(`${name}: reading the reference and writing it back gives the same document`, () => {
    const expected = refJson<Doc>(`probes/${name}.json`);
    const back = writeProbeinterfaceJson(readProbeinterfaceJson(JSON.stringify(expected)));
    assert.deepEqual(back, expected);
  });

  test(`${name}: makeProbeByName resolves it without a library`, async () => {
    const p = await makeProbeByName(name);
    assert.deepEqual(writeProbeinterfaceJson(p), writeProbeinterfaceJson(getNamedProbe(name)));
  });
}

test('the parity run probe (Neuropixels1-128) and its channel locations match SpikeInterface', () => {
  const probe = getNamedProbe('Neuropixels1-128');
  assert.deepEqual(writeProbeinterfaceJson(probe), refJson('parity/probe.json'));
  const loc = refNpy('parity/channel_locations.npy');
  assert.deepEqual(loc.shape, [128, 2]);
  assert.deepEqual(Array.from(channelLocations(probe)), Array.from(loc.data as Float64Array));
});

test('Neuropixels probes are numbered row by row from the tip: e0 (16, 0), e1 (48, 0), e2 (0, 20), e3 (32, 20)', () => {
  const p = getNamedProbe('Neuropixels1-384');
  assert.deepEqual(Array.from(p.contact_positions.subarray(0, 8)), [16, 0, 48, 0, 0, 20, 32, 20]);
  assert.deepEqual(p.contact_ids?.slice(0, 3), ['e0', 'e1', 'e2']);
  // the slice keeps the outline of the whole 10 mm shank
  assert.equal(p.probe_planar_contour?.[1], 9989);
  const p2 = getNamedProbe('Neuropixels2-384');
  assert.deepEqual(Array.from(p2.contact_positions.subarray(0, 8)), [0, 0, 32, 0, 0, 15, 32, 15]);
});

test('an unknown name is refused with the list of valid names', () => {
  assert.throws(() => getNamedProbe('Neuropixels3-64'), (e: Error) => {
    for (const n of NAMED_PROBES) assert.ok(e.message.includes(n), n);
    return e.message.startsWith("Unknown probe name 'Neuropixels3-64'");
  });
});

test('library names need a library; a bad form is refused with the valid names', async () => {
  await assert.rejects(makeProbeByName('imec/NP1010'), /probeinterface library; no library source or cache/);
  await assert.rejects(makeProbeByName('foo'), /Unknown probe name 'foo'\. Valid names are: Neuropixels1-128/);
  await assert.rejects(makeProbeByName('a/b/c'), /Unknown probe name/);
});
