/**
 * Storage of sparse per-unit templates at displacement steps (the sparse counterpart of SpikeInterface's
 * `templates_array_moved`, shape (steps, units, samples, channels[, upsample]) in
 * generation/drifting_generator.py). Three flat typed arrays and no per-block objects, so the whole set can
 * live in ONE SharedArrayBuffer for worker threads (toShared / fromShared).
 *
 * Block b = step * numUnits + unit owns
 *   channels[channelOffsets[b] .. channelOffsets[b+1])           (nnz = their count, ascending channel index)
 *   waveforms[channelOffsets[b] * L .. channelOffsets[b+1] * L)  (L = numSamples * upsample)
 * laid out [f][s][k]: sample s of the k-th kept channel (upsample phase f) at (f * numSamples + s) * nnz + k.
 * Without upsampling (upsample = 1) that is s * nnz + k: one contiguous row per sample, which the renderer
 * adds into an interleaved (samples x channels) buffer as out[(t0 + s) * numChannels + channels[k]] += row[k].
 */

export interface SparseTemplates {
  numSteps: number;
  numUnits: number;
  numSamples: number;
  numChannels: number;
  /** 1 when upsample_factor is null */
  upsample: number;
  /** every dropped channel had max |value| <= errorBoundUv, so |dense - sparse| <= errorBoundUv everywhere */
  errorBoundUv: number;
  /** length numSteps * numUnits + 1 */
  channelOffsets: Int32Array;
  channels: Int32Array;
  waveforms: Float32Array;
}

/** Views of one (step, unit) block; no copy. */
export function sparseBlock(sp: SparseTemplates, step: number, unit: number): { nnz: number; channels: Int32Array; waveforms: Float32Array } {
  if (!(step >= 0 && step < sp.numSteps && unit >= 0 && unit < sp.numUnits)) {
    throw new Error(`sparse templates: (step ${step}, unit ${unit}) is outside ${sp.numSteps} steps x ${sp.numUnits} units.`);
  }
  const b = step * sp.numUnits + unit;
  const lo = sp.channelOffsets[b], hi = sp.channelOffsets[b + 1];
  const L = sp.numSamples * sp.upsample;
  return { nnz: hi - lo, channels: sp.channels.subarray(lo, hi), waveforms: sp.waveforms.subarray(lo * L, hi * L) };
}

/**
 * The dense template of one (step, unit), dropped channels as zeros: samples x channels (x upsample), i.e.
 * SI's `templates_array_moved[step, unit]` layout.
 */
export function denseTemplateAt(sp: SparseTemplates, step: number, unit: number): Float32Array {
  const { nnz, channels, waveforms } = sparseBlock(sp, step, unit);
  const W = sp.numSamples, C = sp.numChannels, U = sp.upsample;
  const out = new Float32Array(W * C * U);
  for (let f = 0; f < U; f++) {
    for (let s = 0; s < W; s++) {
      const row = (f * W + s) * nnz;
      for (let k = 0; k < nnz; k++) out[(s * C + channels[k]) * U + f] = waveforms[row + k];
    }
  }
  return out;
}

/** Plain-data header + one SharedArrayBuffer holding [channelOffsets | channels | waveforms] (all 4-byte). */
export interface SharedSparseTemplates {
  numSteps: number; numUnits: number; numSamples: number; numChannels: number; upsample: number;
  errorBoundUv: number; totalNnz: number;
  buffer: SharedArrayBuffer;
}

export function toShared(sp: SparseTemplates): SharedSparseTemplates {
  const nb = sp.numSteps * sp.numUnits + 1;
  const totalNnz = sp.channelOffsets[nb - 1];
  const L = sp.numSamples * sp.upsample;
  const buffer = new SharedArrayBuffer(4 * (nb + totalNnz + totalNnz * L));
  new Int32Array(buffer, 0, nb).set(sp.channelOffsets.subarray(0, nb));
  new Int32Array(buffer, 4 * nb, totalNnz).set(sp.channels.subarray(0, totalNnz));
  new Float32Array(buffer, 4 * (nb + totalNnz), totalNnz * L).set(sp.waveforms.subarray(0, totalNnz * L));
  const { numSteps, numUnits, numSamples, numChannels, upsample, errorBoundUv } = sp;
  return { numSteps, numUnits, numSamples, numChannels, upsample, errorBoundUv, totalNnz, buffer };
}

/** Views onto a shared buffer made by toShared (e.g. received by a worker); no copy. */
export function fromShared(sh: SharedSparseTemplates): SparseTemplates {
  const nb = sh.numSteps * sh.numUnits + 1;
  const L = sh.numSamples * sh.upsample;
  const need = 4 * (nb + sh.totalNnz + sh.totalNnz * L);
  if (sh.buffer.byteLength !== need) throw new Error(`fromShared: buffer holds ${sh.buffer.byteLength} bytes, the header describes ${need}.`);
  return {
    numSteps: sh.numSteps, numUnits: sh.numUnits, numSamples: sh.numSamples, numChannels: sh.numChannels,
    upsample: sh.upsample, errorBoundUv: sh.errorBoundUv,
    channelOffsets: new Int32Array(sh.buffer, 0, nb),
    channels: new Int32Array(sh.buffer, 4 * nb, sh.totalNnz),
    waveforms: new Float32Array(sh.buffer, 4 * (nb + sh.totalNnz), sh.totalNnz * L),
  };
}
