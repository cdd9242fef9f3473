// Every Neuropixels part number against what the real probeinterface `build_neuropixels_probe` returns
// (fixtures/neuropixels_catalogue_reference.json, made by fixtures/make_neuropixels_catalogue_reference.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildNeuropixelsProbe, findNeuropixelsSpec, neuropixelsCatalogue, probeToDict, type Probe,
} from '../../../app/probes/index.ts';

interface Ref {
  num_contacts: number; positions_sha256: string; first_positions: number[][]; last_position: number[];
  contact_ids_sha256: string; shank_ids_sha256: string | null; shape_params: Record<string, number>;
  probe_planar_contour: number[][]; annotations: Record<string, unknown>; adc_sampling_table_sha256: string | null;
}
const REF = JSON.parse(readFileSync(new URL('./fixtures/neuropixels_catalogue_reference.json', import.meta.url), 'utf8')) as Record<string, Ref>;
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function condensed(p: Probe): Ref {
  const d = probeToDict(p);
  const annotations = { ...p.annotations };
  const table = annotations.adc_sampling_table as string | undefined;
  delete annotations.adc_sampling_table;
  const pos = p.contact_positions;
  return {
    num_contacts: p.getContactCount(),
    positions_sha256: sha(new Uint8Array(pos.buffer, pos.byteOffset, pos.byteLength)),
    first_positions: (d.contact_positions as number[][]).slice(0, 4),
    last_position: (d.contact_positions as number[][]).at(-1) as number[],
    contact_ids_sha256: sha((p.contact_ids ?? []).join('\n')),
    shank_ids_sha256: p.shank_ids ? sha(p.shank_ids.join('\n')) : null,
    shape_params: p.contact_shape_params[0],
    probe_planar_contour: d.probe_planar_contour as number[][],
    annotations,
    adc_sampling_table_sha256: table === undefined ? null : sha(table),
  };
}

test('the catalogue lists the 54 part numbers of probeinterface, in its order', () => {
  assert.deepEqual(neuropixelsCatalogue.list(), Object.keys(REF));
});

for (const pn of Object.keys(REF)) {
  test(`${pn} is built as build_neuropixels_probe builds it`, () => {
    assert.deepEqual(condensed(buildNeuropixelsProbe(pn, { annotations: 'current' })), REF[pn]);
  });
}

test('the default ("library") annotations are those of the probeinterface_library files', () => {
  const p = buildNeuropixelsProbe('NP2000');
  assert.deepEqual(Object.keys(p.annotations), ['model_name', 'manufacturer', 'description', 'shank_tips',
    'adc_bit_depth', 'num_readout_channels', 'ap_sample_frequency_hz', 'lf_sample_frequency_hz', 'adc_sampling_table']);
});

test('published facts: NP1.0 960 staggered electrodes, NP2.0 4-shank 250 µm apart, NP Ultra 6 µm pitch', () => {
  assert.equal(neuropixelsCatalogue.electrodeCount('NP1.0'), 960);
  assert.equal(neuropixelsCatalogue.electrodeCount('NP1000'), 960);
  const np24 = buildNeuropixelsProbe('NP2.0-4shank');
  assert.equal(np24.getContactCount(), 4 * 1280);
  assert.equal(np24.getShankCount(), 4);
  assert.deepEqual(np24.contact_ids?.slice(1279, 1281), ['s0e1279', 's1e0']);
  assert.deepEqual(Array.from(np24.contact_positions.subarray(1280 * 2, 1280 * 2 + 2)), [250, 0]);
  const ultra = findNeuropixelsSpec('NP Ultra');
  assert.equal(ultra.part_number, 'NP1100');
  assert.equal(ultra.electrode_pitch_horz_um, 6);
  assert.equal(ultra.electrode_size_um, 5);
  assert.equal(buildNeuropixelsProbe('24').annotations.model_name, 'NP2010');
  assert.equal(findNeuropixelsSpec('np1020').description, 'Npix 1.0 NHP MEDIUM SOI35');
});

test('an unknown part number is refused with the known ones', () => {
  assert.throws(() => buildNeuropixelsProbe('NP9999'), /Unknown Neuropixels probe 'NP9999'\. Known part numbers: NP1000, NP1001/);
});
