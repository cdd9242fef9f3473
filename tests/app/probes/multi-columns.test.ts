// generate_multi_columns_probe / generate_linear_probe / generate_tetrode edge cases. Expected values were
// printed by the real probeinterface (main, 0.3.2) for the same arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateLinearProbe, generateMultiColumnsProbe, generateTetrode, probeToDict,
} from '../../../app/probes/index.ts';

const rows = (p: ReturnType<typeof generateMultiColumnsProbe>, key: string) => probeToDict(p)[key];

test('defaults: 3 columns of 10 contacts, pitch 20, circles of radius 6, tip contour with margin 25', () => {
  const p = generateMultiColumnsProbe();
  assert.equal(p.getContactCount(), 30);
  const pos = rows(p, 'contact_positions') as number[][];
  assert.deepEqual([pos[0], pos[9], pos[10], pos[29]], [[0, 0], [0, 180], [20, 0], [40, 180]]);
  assert.deepEqual(rows(p, 'probe_planar_contour'), [[-25, 205], [-25, -25], [20, -125], [65, -25], [65, 205]]);
  assert.deepEqual(p.contact_shape_params[0], { radius: 6 });
  assert.deepEqual(p.contact_ids?.slice(0, 3), ['0', '1', '2']);
  assert.equal(p.device_channel_indices, null);
  assert.equal(p.shank_ids, null);
});

test('one column with one contact', () => {
  const p = generateMultiColumnsProbe({ num_columns: 1, num_contact_per_column: 1 });
  assert.deepEqual(rows(p, 'contact_positions'), [[0, 0]]);
  assert.deepEqual(rows(p, 'probe_planar_contour'), [[-25, 25], [-25, -25], [0, -125], [25, -25], [25, 25]]);
  assert.deepEqual(p.contact_ids, ['0']);
});

test('per-column counts, fractional pitches and y shifts, square contacts', () => {
  const p = generateMultiColumnsProbe({
    num_columns: 2, num_contact_per_column: [3, 2], xpitch: 16.5, ypitch: 12.5, y_shift_per_column: [0, 6.25],
    contact_shapes: 'square', contact_shape_params: { width: 12 },
  });
  assert.deepEqual(rows(p, 'contact_positions'), [[0, 0], [0, 12.5], [0, 25], [16.5, 6.25], [16.5, 18.75]]);
  assert.deepEqual(rows(p, 'probe_planar_contour'), [[-25, 50], [-25, -25], [8.25, -125], [41.5, -25], [41.5, 50]]);
  assert.deepEqual(p.contact_shapes, ['square', 'square', 'square', 'square', 'square']);
});

test('an empty column is allowed and the contour follows the contacts that exist', () => {
  const p = generateMultiColumnsProbe({ num_columns: 2, num_contact_per_column: [0, 3] });
  assert.deepEqual(rows(p, 'contact_positions'), [[20, 0], [20, 20], [20, 40]]);
  assert.deepEqual(rows(p, 'probe_planar_contour'), [[-5, 65], [-5, -25], [20, -125], [45, -25], [45, 65]]);
});

test('the Neuronexus-32 layout: 3 columns [10, 12, 10], middle column 15 µm lower', () => {
  const p = generateMultiColumnsProbe({ num_columns: 3, num_contact_per_column: [10, 12, 10], xpitch: 30, ypitch: 30,
    y_shift_per_column: [0, -15, 0], contact_shape_params: { radius: 8 } });
  const pos = rows(p, 'contact_positions') as number[][];
  assert.equal(pos.length, 32);
  assert.deepEqual([pos[10], pos[21], pos[22]], [[30, -15], [30, 315], [60, 0]]);
});

test('mismatched arguments are refused with a sentence', () => {
  assert.throws(() => generateMultiColumnsProbe({ contact_shapes: 'rect', contact_shape_params: { width: 5 } }),
    /contact_shapes and contact_shape_params must be coordinated: a 'rect' contact needs 'height'/);
  assert.throws(() => generateMultiColumnsProbe({ num_columns: 2, y_shift_per_column: [0] }),
    /y_shift_per_column 1 must have the same length as num_columns 2/);
  assert.throws(() => generateMultiColumnsProbe({ num_columns: 3, num_contact_per_column: [1, 2] }),
    /num_contact_per_column has 2 entries but num_columns is 3/);
  assert.throws(() => generateMultiColumnsProbe({ num_columns: 0 }), /num_columns must be a positive integer/);
  assert.throws(() => generateMultiColumnsProbe({ num_contact_per_column: 0 }), /at least one contact/);
  // two contacts at the same place (xpitch 0 and equal shifts) are refused like set_contacts does
  assert.throws(() => generateMultiColumnsProbe({ num_columns: 2, num_contact_per_column: 1, xpitch: 0 }),
    /Contact positions must be unique within a probe\. Found 1 duplicate\(s\): Position \(0, 0\) appears at indices \[0, 1\]/);
});

test('generate_linear_probe: 16 contacts, 20 µm apart, in one column', () => {
  const p = generateLinearProbe();
  assert.equal(p.getContactCount(), 16);
  assert.deepEqual((rows(p, 'contact_positions') as number[][])[15], [0, 300]);
  assert.deepEqual(rows(p, 'probe_planar_contour'), [[-25, 325], [-25, -25], [0, -125], [25, -25], [25, 325]]);
});

test('generate_tetrode keeps numpy cos/sin round-off', () => {
  assert.deepEqual(rows(generateTetrode(), 'contact_positions'),
    [[10, 0], [6.123233995736766e-16, 10], [-10, 1.2246467991473533e-15], [-1.8369701987210296e-15, -10]]);
});
