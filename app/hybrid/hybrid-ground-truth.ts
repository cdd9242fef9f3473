/**
 * `buildHybridGroundTruth(preset)`: the decisions of `generate_hybrid_recording` (generation/hybrid_tools.py, SI 0.105)
 * in its order — the recording, the number of units (templates, else sorting, else generate_sorting_kwargs), the
 * templates (generated at unit locations, or given and located by monopolar triangulation), the sorting, the
 * amplitude factors, then the motion: displacement steps, templates at every step, and the step of each spike as
 * `InjectDriftingTemplatesRecording` picks it. Reads the recording's metadata and the template and motion files; writes
 * nothing. A failure is a `PresetProblemError` whose path names the preset key at fault.
 */
import { computeDisplacementIndices } from '../generation/displacement-indices.ts';
import type { DisplacementModel } from '../generation/ground-truth-types.ts';
import { ensureSeed, type Seed } from '../generation/sorting-seed.ts';
import { maxChannelIndex } from '../generation/unit-locations.ts';
import { resolveHybridParams, type ResolvedHybridParams } from '../presets/hybrid-resolve.ts';
import type { HybridPresetV1 } from '../presets/hybrid-types.ts';
import { PresetProblemError } from '../presets/problems.ts';
import { channelLocations } from '../probes/channel-locations.ts';
import { displacementFromEstimate, generatedDisplacement, noDisplacement } from './hybrid-displacement.ts';
import type { HybridGroundTruth } from './hybrid-ground-truth-types.ts';
import { loadMotionCsv, loadMotionFolder, loadMotionNpy } from './hybrid-motion-load.ts';
import { describeOriginal } from './hybrid-recording.ts';
import { buildHybridSpikes } from './hybrid-sorting.ts';
import { generateHybridTemplates, generatedTemplatesAtSteps } from './hybrid-templates-generated.ts';
import { givenTemplatesAtSteps, loadGivenTemplates, prepareGivenTemplates } from './hybrid-templates-given.ts';

export interface HybridBuildOptions {
  /** error bound (µV, max abs) of the sparse templates at displacement steps; 0.1 by default, 0 = exact */
  templateErrorBoundUv?: number;
  signal?: AbortSignal;
}

async function step<T>(path: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof PresetProblemError) throw e;
    throw new PresetProblemError([{ path, message: e instanceof Error ? e.message : String(e) }]);
  }
}

function numUnitsWithoutTemplates(p: ResolvedHybridParams): number {
  if (p.sorting) return p.sorting.unit_index.reduce((m, u) => Math.max(m, u + 1), 0);
  const n = p.generate_sorting_kwargs.num_units;
  if (n === null) throw new Error('num_units should be provided in generate_sorting_kwargs when neither templates nor sorting are given.');
  return n;
}

function displacementOf(p: ResolvedHybridParams, unitLocations: Float32Array, numSamples: number, fs: number, seed: Seed): DisplacementModel {
  const m = p.motion;
  if (m === null) return noDisplacement();
  if (m.source === 'generated') return generatedDisplacement(m.kwargs, unitLocations, numSamples / fs, seed);
  if (m.source === 'spikeinterface') {
    const est = loadMotionFolder(m.path);
    if (m.segment_index === undefined && est.segments.length > 1) {
      throw new Error(`The Motion in ${m.path} has ${est.segments.length} segments but the recording has one: choose one with motion.segment_index.`);
    }
    return displacementFromEstimate(est, m.segment_index ?? 0, unitLocations, p.drift_step_um, numSamples, fs);
  }
  const est = m.source === 'csv' ? loadMotionCsv(m.path, m.direction) : loadMotionNpy(m.path, m.temporal_bins_s, m.spatial_bins_um, m.direction);
  return displacementFromEstimate(est, 0, unitLocations, p.drift_step_um, numSamples, fs);
}

export async function buildHybridGroundTruth(preset: HybridPresetV1, o: HybridBuildOptions = {}): Promise<HybridGroundTruth> {
  const p = resolveHybridParams(preset);
  const seed = ensureSeed(p.seed);
  const bound = o.templateErrorBoundUv ?? 0.1;
  const recording = await step('params.recording', () => describeOriginal(p.recording));
  const fs = recording.samplingFrequency, numSamples = recording.numSamples;
  const chLoc = channelLocations(recording.probe, 'xy');
  const warnings: string[] = [];

  // templates first: given templates decide the number of units (SI's order)
  const given = p.templates
    ? await step('params.templates', async () => prepareGivenTemplates(await loadGivenTemplates(p.templates!, { signal: o.signal }), chLoc, fs))
    : null;
  const numUnits = given ? given.numUnits : await step(p.sorting ? 'params.sorting' : 'params.generate_sorting_kwargs.num_units', () => numUnitsWithoutTemplates(p));
  const generated = given ? null
    : await step('params.generate_templates_kwargs', () => generateHybridTemplates(p, numUnits, chLoc, fs, seed));
  const unitLocations = given ? given.unitLocations : generated!.unitLocations;
  warnings.push(...(given ?? generated)!.warnings);

  const { spikes, firingRates, amplitudeFactor } = await step(p.sorting ? 'params.sorting' : 'params.generate_sorting_kwargs',
    () => buildHybridSpikes(p, numUnits, numSamples, fs, seed));
  const displacement = await step('params.motion', () => displacementOf(p, unitLocations, numSamples, fs, seed));
  const templatesAtSteps = await step(p.templates ? 'params.templates' : 'params.generate_templates_kwargs', () => (given
    ? givenTemplatesAtSteps(given, displacement.steps, chLoc, bound)
    : generatedTemplatesAtSteps(generated!, chLoc, displacement.steps, bound)));
  const displacementIndices = displacement.numMotions === 0 ? new Int32Array(spikes.length)
    : await step('params.motion', () => computeDisplacementIndices(spikes, displacement.vectors, displacement.unitFactor, displacement.steps,
      fs, displacement.samplingFrequency, displacement.numTimes, displacement.numMotions));
  if (p.motion === null) warnings.push('No motion is given: check that the recording is drift-free, otherwise the injected units stay still over a drifting recording.');

  return {
    preset, params: p, seed, recording, samplingFrequency: fs, numSamples, duration: numSamples / fs,
    numChannels: recording.numChannels, channelLocations: chLoc, numUnits, unitLocations,
    unitParams: generated?.unitParams ?? {}, maxChannelIndex: maxChannelIndex(unitLocations, chLoc), firingRates, spikes,
    amplitudeFactor, nbefore: (given ?? generated)!.nbefore, numTemplateSamples: (given ?? generated)!.numSamples,
    templates: (given ?? generated)!.dense, templatesAtSteps, displacement, displacementIndices,
    templatesSource: p.templates ? p.templates.source : 'generated', motionSource: p.motion ? p.motion.source : 'none', warnings,
  };
}
