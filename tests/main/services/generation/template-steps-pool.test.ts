// The templates at displacement steps built on a real piscina render pool (workers/template-steps.ts) while the
// main thread builds the rest of the ground truth: the same bits as the one-thread build, whoever builds which
// share; a worker module without the task costs nothing but time; an error of the computation is a preset problem.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildGroundTruth, buildGroundTruthSharing } from '../../../../app/generation/ground-truth.ts';
import type { SparseTemplates } from '../../../../app/generation/templates-at-steps.ts';
import { PresetProblemError } from '../../../../app/presets/problems.ts';
import { createRenderPool } from '../../../../main/services/generation/render-pool.ts';
import { templateStepsOnPool, type PoolTemplateStepsWork } from '../../../../main/services/generation/template-steps-pool.ts';
import { smallPreset } from './helpers.ts';

const pool = createRenderPool(2);
after(() => pool.destroy());
const preset = smallPreset({ num_units: 12, duration: 3 });
const reference = buildGroundTruth(preset);

function sameBits(a: SparseTemplates, b: SparseTemplates): void {
  assert.equal(a.numSteps, b.numSteps);
  assert.deepEqual(a.channelOffsets, b.channelOffsets);
  assert.deepEqual(a.channels, b.channels);
  assert.deepEqual(new Uint32Array(a.waveforms.slice().buffer), new Uint32Array(b.waveforms.slice().buffer));
}

test('shares built by the pool\'s workers alone join into the one-thread templates, in shared memory', async () => {
  assert.ok(reference.templatesAtSteps.numSteps >= 20, `only ${reference.templatesAtSteps.numSteps} steps`);
  let work: PoolTemplateStepsWork | undefined;
  const gt = await buildGroundTruthSharing(preset, {}, (job) => {
    work = templateStepsOnPool(pool, 2, job);
    return { help: () => undefined, result: work.result }; // this thread does not help: every share is a worker's
  });
  const b = work!.builtBy;
  assert.ok(b.shares >= 4, JSON.stringify(b));
  assert.deepEqual(b, { shares: b.shares, workers: b.shares, help: 0, failed: 0 });
  sameBits(gt.templatesAtSteps, reference.templatesAtSteps);
  assert.ok(gt.templatesAtSteps.waveforms.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(gt.spikes.sampleIndex, reference.spikes.sampleIndex);
  assert.deepEqual(gt.displacementIndices, reference.displacementIndices);
  assert.deepEqual(gt.templates, reference.templates);
  assert.deepEqual(gt.amplitudeFactor, reference.amplitudeFactor);
});

test('with the main thread helping, the same bits', async () => {
  let work: PoolTemplateStepsWork | undefined;
  const gt = await buildGroundTruthSharing(preset, {}, (job) => (work = templateStepsOnPool(pool, 2, job)));
  const b = work!.builtBy;
  assert.equal(b.workers + b.help, b.shares, JSON.stringify(b));
  assert.equal(b.failed, 0);
  sameBits(gt.templatesAtSteps, reference.templatesAtSteps);
});

test('a pool whose worker module has no template task: the main thread builds the shares, same bits', async () => {
  const other = createRenderPool(1, new URL('../../../../workers/decimate-window.mjs', import.meta.url).href);
  try {
    let work: PoolTemplateStepsWork | undefined;
    const gt = await buildGroundTruthSharing(preset, {}, (job) => {
      work = templateStepsOnPool(other, 1, job);
      return { help: () => undefined, result: work.result };
    });
    assert.equal(work!.builtBy.workers, 0);
    assert.ok(work!.builtBy.failed > 0);
    sameBits(gt.templatesAtSteps, reference.templatesAtSteps);
  } finally {
    await other.destroy();
  }
});

test('an error of the template computation is a problem of the preset\'s template parameters', async () => {
  await assert.rejects(buildGroundTruthSharing(preset, { templateErrorBoundUv: -1 }, (job) => templateStepsOnPool(pool, 2, job)), (e: unknown) => {
    assert.ok(e instanceof PresetProblemError, String(e));
    assert.equal(e.problems[0].path, 'params.generate_templates_kwargs');
    assert.match(e.problems[0].message, /errorBoundUv must be >= 0/);
    return true;
  });
});

test('a problem of the rest of the ground truth abandons the shares: none is built on this thread, the problem comes back', async () => {
  // a pool whose workers never build a share: without abandoning, every share would be built here after the failure
  const other = createRenderPool(1, new URL('../../../../workers/decimate-window.mjs', import.meta.url).href);
  try {
    let work: PoolTemplateStepsWork | undefined;
    const bad = smallPreset({ num_units: 60, amplitude_factor: [1, 2, 3] }); // 3 factors for many spikes
    await assert.rejects(buildGroundTruthSharing(bad, {}, (job) => (work = templateStepsOnPool(other, 1, job))), (e: unknown) => {
      assert.ok(e instanceof PresetProblemError, String(e));
      assert.equal(e.problems[0].path, 'params.amplitude_factor');
      return true;
    });
    await assert.rejects(work!.result, /abandoned/);
    assert.deepEqual(work!.builtBy, { shares: work!.builtBy.shares, workers: 0, help: 0, failed: 0 });
  } finally {
    await other.destroy();
  }
});
