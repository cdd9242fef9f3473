// The Probe model and its operations: checks of set_contacts, get_slice, wiring order, bounds, auto shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Probe, channelLocations, channelOrder, cloneProbe, createAutoShape, generateMultiColumnsProbe, getNamedProbe,
  getSlice, moveProbe, probeBounds, probeSize, probeToDict, to3d,
} from '../../../app/probes/index.ts';

function small(): Probe {
  const p = new Probe({ name: 'p', manufacturer: 'me' });
  p.setContacts({ positions: [[0, 0], [10, 0], [0, 30], [10, 30]], shapes: 'square', shape_params: { width: 5 },
    contact_ids: ['a', 'b', 'c', 'd'], shank_ids: ['0', '0', '1', '1'] });
  p.annotateContacts({ q: [1, 2, 3, 4] });
  return p;
}

test('constructor keeps probeinterface key order for the identity annotations', () => {
  const p = new Probe({ manufacturer: 'imec', model_name: 'NP1000', name: 'x', serial_number: '1' });
  assert.deepEqual(Object.keys(p.annotations), ['name', 'serial_number', 'model_name', 'manufacturer']);
  assert.equal(p.model_name, 'NP1000');
  assert.throws(() => new Probe({ ndim: 4 as 2 }), /A probe has ndim 2 or 3, not 4\./);
  assert.throws(() => p.annotate({ first_index: 2 }), /'first_index' annotation must be 0 or 1/);
});

test('set_contacts checks: ndim, shapes, lengths, 3-D plane axes, ids', () => {
  const p = new Probe();
  assert.throws(() => p.setContacts({ positions: [[0, 0, 0]] }), /row 0 has 3 coordinates but the probe has ndim 2/);
  assert.throws(() => p.setContacts({ positions: [[0, 0]], shapes: ['oval' as 'circle'] }), /Contact shape 'oval' is not one of/);
  assert.throws(() => p.setContacts({ positions: [[0, 0]], shapes: ['circle', 'circle'] }), /2 contact shapes were given for 1 contacts/);
  assert.throws(() => new Probe({ ndim: 3 }).setContacts({ positions: [[0, 0, 0]] }), /A 3-D probe needs plane_axes/);
  assert.throws(() => p.setContacts({ positions: [[0, 0], [1, 1]], contact_ids: ['a', 'a'] }), /Contact ids must be unique/);
  assert.throws(() => small().setDeviceChannelIndices([0, 1]), /2 device channel indices were given for 4 contacts/);
  // double-sided probes may hold two contacts at one position, one per side
  p.setContacts({ positions: [[0, 0], [0, 0]], contact_sides: ['front', 'back'] });
  assert.equal(p.getContactCount(), 2);
  assert.deepEqual(p.contact_shape_params, [{ radius: 10 }, { radius: 10 }]);
});

test('get_slice keeps selection order, ids, shanks, annotations, contour, and slices contact annotations', () => {
  const p = small();
  createAutoShape(p, 'rect', 5);
  p.setDeviceChannelIndices([3, 2, 1, 0]);
  const s = getSlice(p, [3, 1]);
  assert.deepEqual(Array.from(s.contact_positions), [10, 30, 10, 0]);
  assert.deepEqual(s.contact_ids, ['d', 'b']);
  assert.deepEqual(s.shank_ids, ['1', '0']);
  assert.deepEqual(Array.from(s.device_channel_indices ?? []), [0, 2]);
  assert.deepEqual(s.contact_annotations, { q: [4, 2] });
  assert.deepEqual(s.probe_planar_contour, p.probe_planar_contour);
  assert.deepEqual(s.annotations, { name: 'p', manufacturer: 'me' });
  assert.deepEqual(probeToDict(getSlice(p, [false, true, false, true])).contact_ids, ['b', 'd']);
  assert.throws(() => getSlice(p, [0, 0]), /must not repeat an index/);
  assert.throws(() => getSlice(p, [4]), /Contact index 4 is outside 0\.\.3/);
  assert.deepEqual(probeToDict(cloneProbe(p)), probeToDict(p));
});

test('channel locations follow device_channel_indices and drop unconnected contacts, like set_probe', () => {
  const p = small();
  assert.deepEqual(Array.from(channelLocations(p)), [0, 0, 10, 0, 0, 30, 10, 30]); // unwired: contact order
  p.setDeviceChannelIndices([2, -1, 0, 1]);
  assert.deepEqual(Array.from(channelOrder(p)), [2, 3, 0]);
  assert.deepEqual(Array.from(channelLocations(p)), [0, 30, 10, 30, 0, 0]);
  assert.throws(() => channelLocations(p, 'xyz'), /need a 3-D probe/);
  const p3 = to3d(p, 'xz');
  assert.deepEqual(Array.from(channelLocations(p3, 'xz')), [0, 30, 10, 30, 0, 0]);
  assert.deepEqual(Array.from(channelLocations(p3)), [0, 0, 10, 0, 0, 0]);
});

test('bounds and size of contacts, optionally with the contour', () => {
  const p = getNamedProbe('Neuropixels1-384');
  assert.deepEqual(probeBounds(p), { min: [0, 0], max: [48, 3820] });
  assert.deepEqual(probeSize(p), [48, 3820]);
  assert.deepEqual(probeBounds(p, true), { min: [-11, -220], max: [59, 9989] });
});

test('move translates contacts and contour; to_3d puts the plane on xz', () => {
  const p = generateMultiColumnsProbe({ num_columns: 1, num_contact_per_column: 2 });
  moveProbe(p, [100, -5]);
  assert.deepEqual(Array.from(p.contact_positions), [100, -5, 100, 15]);
  assert.deepEqual(Array.from(p.probe_planar_contour ?? []).slice(0, 2), [75, 40]);
  const q = to3d(p);
  assert.deepEqual(Array.from(q.contact_positions), [100, 0, -5, 100, 0, 15]);
  assert.deepEqual(Array.from(q.contact_plane_axes.subarray(0, 6)), [1, 0, 0, 0, 0, 1]);
  assert.throws(() => moveProbe(p, [1]), /needs 2 numbers, not 1/);
});

test('auto shape per shank uses each shank\'s x range and the y range of all contacts', () => {
  const p = small();
  createAutoShape(p, 'tip', 10);
  assert.deepEqual(probeToDict(p).probe_planar_contour, [
    [-10, 40], [-10, -10], [5, -50], [20, -10], [20, 40],
    [-10, 40], [-10, -10], [5, -50], [20, -10], [20, 40],
  ]);
  createAutoShape(p, 'circular', 0);
  assert.equal(p.probe_planar_contour?.length, 2 * 2 * 100);
  assert.throws(() => createAutoShape(p, 'star' as 'tip'), /'tip', 'rect' or 'circular'/);
});
