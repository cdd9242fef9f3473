// Reading and writing probeinterface JSON: field order, round trips, and the list of problems of bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Probe, ProbeGroup, ProbeJsonError, generateMultiColumnsProbe, getNamedProbe, readProbeinterfaceJson,
  stringifyProbeinterfaceJson, writeProbeinterfaceJson,
} from '../../../app/probes/index.ts';

function problemsOf(input: unknown): string[] {
  try { readProbeinterfaceJson(input); } catch (e) {
    assert.ok(e instanceof ProbeJsonError, `expected ProbeJsonError, got ${String(e)}`);
    assert.ok(!e.message.includes('    at '), 'message has no stack trace');
    return e.problems;
  }
  assert.fail('the document was accepted');
}

const good = () => writeProbeinterfaceJson(getNamedProbe('Neuronexus-32')) as unknown as { probes: Record<string, unknown>[] };

test('fields are written in probeinterface order and absent ones are omitted', () => {
  const p = new Probe();
  p.setContacts({ positions: [[0, 0], [0, 20]], shape_params: { radius: 5 } });
  assert.deepEqual(Object.keys(writeProbeinterfaceJson(p).probes[0]), ['ndim', 'si_units', 'annotations',
    'contact_annotations', 'contact_positions', 'contact_plane_axes', 'contact_shapes', 'contact_shape_params']);
  p.setShankIds(['0', '1']);
  p.setDeviceChannelIndices([1, 0]);
  p.setContactIds(['a', 'b']);
  p.annotateContacts({ quality: [1, 2] });
  const d = writeProbeinterfaceJson(p);
  assert.deepEqual(Object.keys(d), ['specification', 'version', 'probes']);
  assert.deepEqual(d.probes[0].contact_plane_axes, [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]);
  assert.deepEqual(d.probes[0].shank_ids, ['0', '1']);
  assert.deepEqual(d.probes[0].contact_annotations, { quality: [1, 2] });
});

test('a group of two 3-D probes survives text round trip', () => {
  const a = new Probe({ ndim: 3, name: 'A' });
  a.setContacts({ positions: [0, 0, 0, 0, 0, 20], plane_axes: [1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1], shapes: 'rect',
    shape_params: { width: 10, height: 4 }, contact_sides: ['front', 'back'] });
  a.setDeviceChannelIndices([0, -1]);
  const b = generateMultiColumnsProbe({ num_columns: 1, num_contact_per_column: 2 });
  assert.throws(() => new ProbeGroup([a, b]), /ndim 2 does not match the group's ndim 3/);
  const c = new Probe({ ndim: 3 });
  c.setContacts({ positions: [[5, 5, 5]], plane_axes: [1, 0, 0, 0, 1, 0], shapes: 'circle', shape_params: { radius: 1 } });
  c.setDeviceChannelIndices([1]);
  const text = stringifyProbeinterfaceJson(new ProbeGroup([a, c]));
  assert.match(text, /^\{\n {4}"specification": "probeinterface"/);
  const back = readProbeinterfaceJson(text);
  assert.equal(back.probes.length, 2);
  assert.equal(back.probes[0].name, 'A');
  assert.deepEqual(writeProbeinterfaceJson(back), JSON.parse(text));
});

test('text that is not JSON is refused in one sentence', () => {
  assert.deepEqual(problemsOf('{"probes": ['), [problemsOf('{"probes": [')[0]]);
  assert.match(problemsOf('{"probes": [')[0], /^The text is not JSON \(/);
  assert.deepEqual(problemsOf('[1]'), ['The document is not a JSON object.']);
});

test('every problem of a bad file is listed, each as a sentence', () => {
  const doc = good();
  const p = doc.probes[0];
  (doc as Record<string, unknown>).specification = 'prb';
  p.ndim = 4;
  p.si_units = 'inch';
  (p.contact_shapes as string[])[3] = 'hexagon';
  (p.contact_shape_params as unknown[]).pop();
  (p.contact_positions as number[][])[5] = [0, 0];
  (p.device_channel_indices as unknown[])[2] = 1.5;
  (p.contact_ids as string[])[1] = '0';
  p.contact_annotations = { quality: [1, 2] };
  const problems = problemsOf(doc);
  assert.deepEqual(problems, [
    '"specification" must be "probeinterface", not "prb".',
    'Probe 0: "ndim" must be 2 or 3, not 4.',
    'Probe 0: "si_units" must be "um", "mm" or "m", not "inch".',
    'Probe 0: contacts 0 and 5 are both at (0, 0); positions must be unique.',
    'Probe 0: contact 3 has shape "hexagon"; shapes are circle, square, rect.',
    'Probe 0: "contact_shape_params" has 31 entries but the probe has 32 contacts.',
    'Probe 0: device channel index 2 is 1.5; it must be an integer ≥ -1.',
    'Probe 0: "contact_ids" repeat an id; contact ids must be unique within a probe.',
    'Probe 0: contact annotation "quality" has 2 entries but the probe has 32 contacts.',
  ]);
  for (const s of problems) assert.match(s, /\.$/);
});

test('missing fields, wrong point sizes and missing shape sizes are named', () => {
  assert.deepEqual(problemsOf({ specification: 'probeinterface', version: '0.3.2' }), ['"probes" must be a list of probes.']);
  assert.deepEqual(problemsOf({ specification: 'probeinterface', version: '0.3.2', probes: [{ ndim: 2, si_units: 'um' }] }),
    ['Probe 0: "contact_positions" is missing.']);
  const doc = good();
  const p = doc.probes[0];
  (p.contact_positions as number[][])[7] = [1, 2, 3];
  assert.deepEqual(problemsOf(doc), ['Probe 0: "contact_positions": point 7 is not a list of 2 finite numbers.']);
  const doc2 = good();
  (doc2.probes[0].contact_shape_params as Record<string, number>[])[4] = { width: 3 };
  delete doc2.probes[0].contact_shapes;
  (doc2.probes[0].probe_planar_contour as unknown[]).push([1]);
  assert.deepEqual(problemsOf(doc2), [
    'Probe 0: "contact_shapes" is missing.',
    'Probe 0: "probe_planar_contour": point 5 is not a list of 2 finite numbers.',
  ]);
  const doc3 = good();
  (doc3.probes[0].contact_shape_params as Record<string, number>[])[4] = { width: 3 };
  assert.deepEqual(problemsOf(doc3), ['Probe 0: contact 4 (circle) needs a non-negative "radius".']);
});

test('device channels used twice across probes are refused; -1 may repeat', () => {
  const a = good().probes[0];
  const b = structuredClone(a);
  (b.contact_positions as number[][]).forEach((r) => { r[0] += 500; });
  assert.deepEqual(problemsOf({ specification: 'probeinterface', version: '0.3.2', probes: [a, b] }),
    ['Device channel index 0 is used by probe 0 and by probe 1; channel device indices must be unique across probes.']);
  b.device_channel_indices = (b.device_channel_indices as number[]).map(() => -1);
  assert.equal(readProbeinterfaceJson({ specification: 'probeinterface', version: '0.3.2', probes: [a, b] }).probes.length, 2);
});

test('compatibility: all-empty shank ids mean one shank, all-empty contact ids mean no ids, numeric ids become text', () => {
  const doc = good();
  const p = doc.probes[0];
  p.shank_ids = new Array(32).fill('');
  p.contact_ids = new Array(32).fill('');
  let probe = readProbeinterfaceJson(doc).probes[0];
  assert.equal(probe.shank_ids, null);
  assert.equal(probe.contact_ids, null);
  p.contact_ids = Array.from({ length: 32 }, (_, i) => i);
  probe = readProbeinterfaceJson(doc).probes[0];
  assert.equal(probe.contact_ids?.[31], '31');
});
