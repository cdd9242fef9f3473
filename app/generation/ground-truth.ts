/**
 * `buildGroundTruth(preset)`: the steps of `generate_drifting_recording` (spikeinterface/generation/
 * drifting_generator.py) in the same order and with the same seeds — sorting, probe, unit locations,
 * displacement, unit params, static templates, templates at every displacement step, max channels, noise
 * model, amplitude factors — plus the per-spike displacement step that `InjectDriftingTemplatesRecording`
 * picks. Pure: no file, no clock; the same preset and seed give the same ground truth.
 */
import { resolveParams, type ResolvedParams } from '../presets/resolve.ts';
import { PresetProblemError, type Problem } from '../presets/problems.ts';
import type { PresetV1 } from '../presets/types.ts';
import type { Probe } from '../probes/probe.ts';
import type { GroundTruth } from './ground-truth-types.ts';
import { buildDisplacement, displacementIndicesFor, staticStepIndexFor } from './ground-truth-motion.ts';
import { buildNoiseModel } from './ground-truth-noise.ts';
import { buildProbe } from './ground-truth-probe.ts';
import { buildSpikes } from './ground-truth-spikes.ts';
import { generateTemplates, msToSamples } from './templates.ts';
import { buildTemplatesAtSteps, type SparseTemplates, type TemplateStepsJob } from './templates-at-steps.ts';
import { synthesizeAmplitudeFactor } from './sorting-amplitude.ts';
import { ensureSeed } from './sorting-seed.ts';
import { ensureUnitParams } from './unit-params.ts';
import { generateUnitLocations, maxChannelIndex } from './unit-locations.ts';

export interface BuildOptions {
  /** A probe fetched beforehand from the probeinterface library, for `probe_name: "manufacturer/name"`. */
  libraryProbe?: Probe;
  /** Error bound (uV, max abs) of the sparse templates at displacement steps; 0.1 by default. */
  templateErrorBoundUv?: number;
}

/** Runs one step; an Error it throws becomes a problem of the preset at `path`. */
function step<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PresetProblemError) throw e;
    const problem: Problem = { path, message: e instanceof Error ? e.message : String(e) };
    throw new PresetProblemError([problem]);
  }
}

function locationsFrom(p: ResolvedParams, channelLocations: Float64Array, seed: number | bigint, warnings: string[]): Float32Array {
  if (p.unit_locations) return Float32Array.from(p.unit_locations.flat());
  const r = generateUnitLocations(p.num_units, channelLocations, { ...p.generate_unit_locations_kwargs, seed });
  if (r.warning) warnings.push(r.warning);
  return r.locations;
}

export function buildGroundTruth(preset: PresetV1, options: BuildOptions = {}): GroundTruth {
  const b = beginGroundTruth(preset, options);
  const rest = restOfGroundTruth(b);
  const templatesAtSteps = step('params.generate_templates_kwargs', () => buildTemplatesAtSteps(
    b.job.channelLocations, b.job.unitLocations, b.job.displacementsSteps, b.job.options, b.job.errorBoundUv));
  return assemble(b, rest, templatesAtSteps);
}

/**
 * The templates at displacement steps being built elsewhere (e.g. on a worker pool, in step ranges):
 * `help()` lets this thread take a share once its own part of the ground truth is done; `result` is the whole set;
 * `abandon()` (the rest of the ground truth failed) stops handing out shares, and `result` then rejects.
 */
export interface TemplateStepsWork {
  help(): void;
  result: Promise<SparseTemplates>;
  abandon?(): void;
}

/**
 * `buildGroundTruth` with the templates at displacement steps (~80% of its time on W2) built by `start` while
 * this thread builds the rest: the same ground truth, bit for bit (each (step, unit) block is computed on its own).
 */
export async function buildGroundTruthSharing(preset: PresetV1, options: BuildOptions, start: (job: TemplateStepsJob) => TemplateStepsWork): Promise<GroundTruth> {
  const b = beginGroundTruth(preset, options);
  const work = start(b.job);
  work.result.catch(() => undefined); // awaited below; a problem of the rest is reported first
  let rest: ReturnType<typeof restOfGroundTruth>;
  try {
    rest = restOfGroundTruth(b);
    step('params.generate_templates_kwargs', () => work.help());
  } catch (e) {
    work.abandon?.(); // the preset is refused: no thread should go on building its templates
    throw e;
  }
  let templatesAtSteps: SparseTemplates;
  try {
    templatesAtSteps = await work.result;
  } catch (e) {
    step('params.generate_templates_kwargs', () => { throw e; });
    throw e;
  }
  return assemble(b, rest, templatesAtSteps);
}

/** What the templates at steps depend on: probe, unit locations, displacement, unit params (each from its own seeded stream). */
function beginGroundTruth(preset: PresetV1, options: BuildOptions) {
  const p = resolveParams(preset);
  const seed = ensureSeed(p.seed);
  const warnings: string[] = [];
  const probe = step('params.probe', () => buildProbe(p, options.libraryProbe));
  const channelLocations = Float64Array.from(probe.contact_positions.subarray(0, probe.getContactCount() * 2));
  const unitLocations = step('params.generate_unit_locations_kwargs', () => locationsFrom(p, channelLocations, seed, warnings));
  const displacement = step('params.generate_displacement_vector_kwargs', () => buildDisplacement(p, unitLocations, seed));
  const tk = p.generate_templates_kwargs;
  const unitParams = step('params.generate_templates_kwargs.unit_params', () => ensureUnitParams(tk.unit_params, p.num_units, seed));
  const templateOptions = {
    sampling_frequency: p.sampling_frequency, ms_before: tk.ms_before, ms_after: tk.ms_after, mode: tk.mode,
    spatial_profile: tk.spatial_profile, upsample_factor: tk.upsample_factor, unit_params: unitParams,
  };
  const job: TemplateStepsJob = {
    channelLocations, unitLocations, displacementsSteps: displacement.steps, options: templateOptions,
    errorBoundUv: options.templateErrorBoundUv ?? 0.1,
  };
  return { preset, p, seed, warnings, probe, channelLocations, unitLocations, displacement, unitParams, job };
}

type Begun = ReturnType<typeof beginGroundTruth>;

/** The sorting, static templates, noise model, amplitude factors and per-spike displacement steps. */
function restOfGroundTruth(b: Begun) {
  const { p, seed } = b;
  const fs = p.sampling_frequency;
  const { spikes, firingRates, numUnits } = step('params.generate_sorting_kwargs', () => buildSpikes(p, seed));
  const staticTemplates = step('params.generate_templates_kwargs', () => generateTemplates(b.channelLocations, b.unitLocations, b.job.options));
  const noise = step('params.generate_noise_kwargs', () => buildNoiseModel(p, b.channelLocations, seed));
  const amplitudeFactor = step(p.amplitude_factor ? 'params.amplitude_factor' : 'params.amplitude_std', () =>
    synthesizeAmplitudeFactor(spikes.length, p.amplitude_factor ? Float64Array.from(p.amplitude_factor) : null, p.amplitude_std, seed));
  const displacementIndices = displacementIndicesFor(spikes, b.displacement, fs);
  return { spikes, firingRates, numUnits, staticTemplates, noise, amplitudeFactor, displacementIndices };
}

function assemble(b: Begun, r: ReturnType<typeof restOfGroundTruth>, templatesAtSteps: SparseTemplates): GroundTruth {
  const { p, seed, probe, channelLocations, unitLocations, displacement, unitParams, warnings } = b;
  const fs = p.sampling_frequency;
  return {
    preset: b.preset, params: p, seed, samplingFrequency: fs, duration: p.duration, numSamples: Math.trunc(p.duration * fs),
    probe, numChannels: probe.getContactCount(), channelLocations, numUnits: r.numUnits, unitLocations, unitParams,
    maxChannelIndex: maxChannelIndex(unitLocations, channelLocations), firingRates: r.firingRates, spikes: r.spikes,
    amplitudeFactor: r.amplitudeFactor, nbefore: msToSamples(p.generate_templates_kwargs.ms_before, fs),
    numTemplateSamples: r.staticTemplates.shape[1], templates: r.staticTemplates.data, templatesAtSteps, displacement,
    displacementIndices: r.displacementIndices, staticStepIndex: staticStepIndexFor(displacement), noise: r.noise, warnings,
  };
}
