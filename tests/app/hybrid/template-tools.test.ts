// select_templates, scale_template_to_range, relocate_templates against SpikeInterface's own output
// (fixtures/template_tools_reference.json, see make_template_tools_reference.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainChannelIndices, scaleTemplateToRange, selectTemplates, templateAmplitudes, type SelectTemplatesOptions } from '../../../app/hybrid/template-tools-amplitude.ts';
import { relocateTemplates } from '../../../app/hybrid/template-tools-relocate.ts';
import { makeTemplates } from '../../../app/hybrid/templates-object.ts';
import { defaultRng } from '../../../app/rng/index.ts';
import { REF, referenceTemplates, worst } from './template-tools-reference.ts';

const t = referenceTemplates();

test('main channels are those of Templates.get_main_channels', () => {
  assert.deepEqual(Array.from(mainChannelIndices(t)), REF.main_channels);
});

test('select_templates keeps the same units for amplitude and depth filters', () => {
  for (const { kwargs, unit_ids } of REF.select) {
    const o: SelectTemplatesOptions = {
      minAmplitude: kwargs.min_amplitude as number | undefined, maxAmplitude: kwargs.max_amplitude as number | undefined,
      minDepth: kwargs.min_depth as number | undefined, maxDepth: kwargs.max_depth as number | undefined,
      amplitudeFunction: kwargs.amplitude_function as 'ptp' | 'min' | 'max' | undefined,
      depthDirection: kwargs.depth_direction as 'x' | 'y' | undefined,
    };
    const sel = selectTemplates(t, o);
    assert.deepEqual(sel?.unitIds ?? null, unit_ids, JSON.stringify(kwargs));
  }
  assert.throws(() => selectTemplates(t, {}), /At least one of min_amplitude/);
});

test('ptp amplitudes are float32 differences, as np.ptp on float32', () => {
  const amps = templateAmplitudes(t, 'ptp');
  amps.forEach((a) => assert.equal(a, Math.fround(a)));
});

test('scale_template_to_range matches SI (float64 there, rounded once to float32 here)', () => {
  for (const { kwargs, templates } of REF.scale) {
    const s = scaleTemplateToRange(t, { minAmplitude: kwargs.min_amplitude as number, maxAmplitude: kwargs.max_amplitude as number, amplitudeFunction: kwargs.amplitude_function as 'min' | undefined });
    templates.forEach((v, i) => assert.equal(s.templatesArray[i], Math.fround(v), `value ${i}`));
    if (kwargs.amplitude_function === undefined) { // ptp: the new amplitudes span exactly the requested range
      const amps = templateAmplitudes(s, 'ptp');
      assert.ok(Math.abs(Math.min(...amps) - (kwargs.min_amplitude as number)) < 1e-3);
      assert.ok(Math.abs(Math.max(...amps) - (kwargs.max_amplitude as number)) < 1e-3);
    }
  }
});

test('relocate_templates: same numpy draws and sign rules, cubic Clough–Tocher moves', () => {
  for (const { kwargs, templates } of REF.relocate) {
    const r = relocateTemplates(t, {
      minDisplacement: kwargs.min_displacement as number, maxDisplacement: kwargs.max_displacement as number,
      margin: kwargs.margin as number | undefined, favorBorders: kwargs.favor_borders as boolean | undefined, seed: kwargs.seed as number,
    });
    const draws = defaultRng(kwargs.seed as number).uniformArray(kwargs.min_displacement as number, kwargs.max_displacement as number, t.numUnits);
    r.displacements.forEach((d, u) => assert.equal(Math.abs(d), draws[u]));
    const { err, at } = worst(r.templates.templatesArray, templates);
    assert.ok(err < 1e-6, `${JSON.stringify(kwargs)}: worst relative error ${err} at ${at} (${r.templates.templatesArray[at]} vs ${templates[at]})`);
  }
});

test('relocate with a displacement of zero returns the templates (cubic interpolation reproduces the data)', () => {
  const r = relocateTemplates(t, { minDisplacement: 0, maxDisplacement: 0, seed: 1, interpolationMethod: 'linear' });
  assert.ok(worst(r.templates.templatesArray, t.templatesArray).err < 1e-6);
});

test('sparse templates are refused by the tools with a clear message', () => {
  const sparse = makeTemplates({ ...t, shape: [t.numUnits, t.numSamples, t.numChannels], sparsityMask: new Uint8Array(t.numUnits * t.numChannels).fill(1) });
  assert.throws(() => relocateTemplates(sparse, { minDisplacement: 1, maxDisplacement: 2, seed: 0 }), /needs dense templates/);
  assert.throws(() => scaleTemplateToRange(makeTemplates({ ...t, shape: [1, t.numSamples, t.numChannels], templatesArray: t.templatesArray.slice(0, t.numSamples * t.numChannels), unitIds: [1] }), { minAmplitude: 1, maxAmplitude: 2 }), /different amplitudes/);
});
