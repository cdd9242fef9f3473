/**
 * Sparse templates of every unit at every displacement step, equal to what SpikeInterface's
 * `generate_drifting_recording` (generation/drifting_generator.py l.500-530, 0.105) computes densely:
 *
 *     unit_params = _ensure_unit_params(..., seed)            # fixed ONCE (ensureUnitParams)
 *     for i in steps:
 *         unit_locations_moved = unit_locations.copy()
 *         unit_locations_moved[:, :2] += displacements_steps[i]   # in place: stays float32 if it was
 *         templates_array_moved[i] = generate_templates(channel_locations, unit_locations_moved, ...)
 *
 * without ever allocating the dense (steps, units, samples, channels) array. Exact tricks only:
 *  - the waveform and its rfft depend on the unit, not on the location: made once per unit (unit-model.ts);
 *  - a channel whose amplitude factor times a rigorous bound of the delayed waveform's peak is <= the error
 *    bound is dropped BEFORE its FFT delay is computed;
 *  - the remaining channels are computed (two per inverse FFT) and rounded to float32 like SI, then a channel
 *    is kept iff its max |float32 value| > errorBoundUv. Hence, for every sample, |dense - sparse| <= errorBoundUv.
 */
import { checkLocations } from './templates.ts';
import { channelGeometry, prepareUnits, renderChannels, type TemplateOptions } from './unit-model.ts';
import type { SparseTemplates } from './sparse-templates.ts';

export { denseTemplateAt, fromShared, sparseBlock, toShared, type SharedSparseTemplates, type SparseTemplates } from './sparse-templates.ts';

export function buildTemplatesAtSteps(channelLocations: Float64Array, unitLocations: Float64Array | Float32Array,
  displacementsSteps: Float64Array, opts: TemplateOptions, errorBoundUv = 0.1): SparseTemplates {
  const b = new TemplateStepsBuilder({ channelLocations, unitLocations, displacementsSteps, options: opts, errorBoundUv });
  return b.build(0, b.numSteps);
}

/** Everything the templates at displacement steps depend on (plain data: it can be posted to a worker). */
export interface TemplateStepsJob {
  channelLocations: Float64Array;
  unitLocations: Float64Array | Float32Array;
  /** nSteps x (dx, dy) */
  displacementsSteps: Float64Array;
  options: TemplateOptions;
  errorBoundUv: number;
}

/**
 * The templates of any range of displacement steps. Each (step, unit) block is computed on its own, so the
 * blocks of steps [i0, i1) are the same bits whichever range they are built in: ranges built on several threads
 * and joined in order (concatTemplateSteps) equal one build of every step.
 */
export class TemplateStepsBuilder {
  readonly numSteps: number;
  private readonly job: TemplateStepsJob;
  private readonly pu: ReturnType<typeof prepareUnits>;
  private readonly numChannels: number;
  private readonly numUnits: number;

  constructor(job: TemplateStepsJob) {
    const { channelLocations, unitLocations, displacementsSteps, errorBoundUv } = job;
    const { numChannels, numUnits } = checkLocations(channelLocations, unitLocations);
    if (displacementsSteps.length % 2 !== 0) throw new Error(`buildTemplatesAtSteps: displacementsSteps must hold nSteps x 2 values (dx, dy), got ${displacementsSteps.length}.`);
    for (const v of displacementsSteps) if (!Number.isFinite(v)) throw new Error('buildTemplatesAtSteps: displacementsSteps contain a non-finite value.');
    if (!(errorBoundUv >= 0)) throw new Error(`buildTemplatesAtSteps: errorBoundUv must be >= 0, got ${errorBoundUv}.`);
    this.job = job;
    this.numSteps = displacementsSteps.length / 2;
    this.numChannels = numChannels;
    this.numUnits = numUnits;
    this.pu = prepareUnits(numUnits, job.options);
  }

  /** The sparse templates of steps [i0, i1) (numSteps = i1 - i0, step 0 of the result being step i0). */
  build(i0: number, i1: number): SparseTemplates {
    if (!(Number.isInteger(i0) && Number.isInteger(i1) && 0 <= i0 && i0 <= i1 && i1 <= this.numSteps)) {
      throw new Error(`buildTemplatesAtSteps: steps [${i0}, ${i1}) are not within the ${this.numSteps} steps.`);
    }
    const { channelLocations, unitLocations, displacementsSteps, errorBoundUv } = this.job;
    const { pu, numChannels: C, numUnits } = this;
    const { numSamples: W, upsample: U, n } = pu;
    const f32 = unitLocations instanceof Float32Array; // numpy's in-place += keeps float32 locations float32
    const gain = new Float64Array(C), shift = new Float64Array(C);
    const cand = new Int32Array(C);

    // moved location of unit u at step i, then geometry; returns the number of candidate channels in cand[]
    const candidates = (i: number, u: number): number => {
      let x = unitLocations[3 * u] + displacementsSteps[2 * i], y = unitLocations[3 * u + 1] + displacementsSteps[2 * i + 1];
      if (f32) { x = Math.fround(x); y = Math.fround(y); }
      const m = pu.units[u];
      channelGeometry(pu, m, channelLocations, x, y, unitLocations[3 * u + 2], gain, shift);
      let count = 0;
      for (let c = 0; c < C; c++) if (gain[c] * m.bound > errorBoundUv) cand[count++] = c;
      return count;
    };

    // pass 1: an upper bound of the kept channels (cheap: distances only) sizes the output once
    let capacity = 0;
    for (let i = i0; i < i1; i++) for (let u = 0; u < numUnits; u++) capacity += candidates(i, u);
    const numSteps = i1 - i0;
    const channelOffsets = new Int32Array(numSteps * numUnits + 1);
    let channels = new Int32Array(capacity);
    let waveforms = new Float32Array(capacity * n);

    // pass 2: compute the candidates, keep those above the bound
    const scratch = new Float64Array(C * n);
    const keep = new Int32Array(C);
    let pos = 0;
    for (let i = i0; i < i1; i++) {
      for (let u = 0; u < numUnits; u++) {
        const count = candidates(i, u);
        renderChannels(pu, pu.units[u], gain, shift, cand, count, scratch);
        let nnz = 0;
        for (let j = 0; j < count; j++) {
          let peak = 0;
          for (let t = 0; t < n; t++) peak = Math.max(peak, Math.abs(Math.fround(scratch[j * n + t])));
          if (peak > errorBoundUv) keep[nnz++] = j;
        }
        const base = pos * n;
        for (let k = 0; k < nnz; k++) {
          const j = keep[k];
          channels[pos + k] = cand[j];
          for (let s = 0; s < W; s++) {
            for (let f = 0; f < U; f++) waveforms[base + (f * W + s) * nnz + k] = scratch[j * n + s * U + f];
          }
        }
        pos += nnz;
        channelOffsets[(i - i0) * numUnits + u + 1] = pos;
      }
    }
    // Views of the used prefix: the never-written tail of the (zero-filled, lazily mapped) buffer costs no RAM.
    // toShared() makes an exact-size copy.
    channels = channels.subarray(0, pos);
    waveforms = waveforms.subarray(0, pos * n);
    return { numSteps, numUnits, numSamples: W, numChannels: C, upsample: U, errorBoundUv, channelOffsets, channels, waveforms };
  }
}

/**
 * Step ranges built apart (TemplateStepsBuilder.build), joined in order into one set, its arrays in
 * SharedArrayBuffers when `shared` (as workers read them; render-model.ts then uses them as they are).
 */
export function concatTemplateSteps(parts: readonly SparseTemplates[], shared = false): SparseTemplates {
  if (parts.length === 0) throw new Error('concatTemplateSteps: no step range to join.');
  const first = parts[0];
  for (const p of parts) {
    if (p.numUnits !== first.numUnits || p.numSamples !== first.numSamples || p.numChannels !== first.numChannels
      || p.upsample !== first.upsample || p.errorBoundUv !== first.errorBoundUv) {
      throw new Error('concatTemplateSteps: the step ranges were built for different units, probes or options.');
    }
  }
  const { numUnits, numSamples, numChannels, upsample, errorBoundUv } = first;
  const L = numSamples * upsample;
  let numSteps = 0, totalNnz = 0;
  for (const p of parts) { numSteps += p.numSteps; totalNnz += p.channelOffsets[p.numSteps * numUnits]; }
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const channelOffsets = new Int32Array(alloc(4 * (numSteps * numUnits + 1)));
  const channels = new Int32Array(alloc(4 * totalNnz));
  const waveforms = new Float32Array(alloc(4 * totalNnz * L));
  let block = 0, nnz = 0;
  for (const p of parts) {
    const blocks = p.numSteps * numUnits, pn = p.channelOffsets[blocks];
    for (let b = 1; b <= blocks; b++) channelOffsets[block + b] = nnz + p.channelOffsets[b];
    channels.set(p.channels.subarray(0, pn), nnz);
    waveforms.set(p.waveforms.subarray(0, pn * L), nnz * L);
    block += blocks;
    nnz += pn;
  }
  return { numSteps, numUnits, numSamples, numChannels, upsample, errorBoundUv, channelOffsets, channels, waveforms };
}
