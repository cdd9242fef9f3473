/**
 * Dense templates at displacement steps → the sparse layout the renderer injects (app/generation/sparse-templates.ts).
 * Given templates are moved by interpolation one unit at a time (`moveDenseTemplates` returns (steps, 1, samples,
 * channels)), so the builder collects (step, unit) blocks in any order and assembles them step-major at the end. A
 * channel is kept iff its max |value| exceeds the error bound, so |dense − sparse| ≤ bound everywhere (bound 0 keeps
 * every channel that is not identically zero: exact).
 */
import type { SparseTemplates } from '../generation/sparse-templates.ts';

interface Block { channels: Int32Array; waveforms: Float32Array }

export class SparseTemplatesBuilder {
  private readonly blocks: (Block | undefined)[];

  constructor(readonly numSteps: number, readonly numUnits: number, readonly numSamples: number,
    readonly numChannels: number, readonly errorBoundUv: number) {
    if (!(errorBoundUv >= 0)) throw new Error(`The template error bound must be ≥ 0 µV, not ${errorBoundUv}.`);
    this.blocks = new Array(numSteps * numUnits);
  }

  /** Adds unit `unit` at every step from a dense (steps, samples, channels) C-order array. */
  addUnit(unit: number, denseAtSteps: Float32Array): void {
    const { numSteps: D, numSamples: S, numChannels: C } = this;
    if (denseAtSteps.length !== D * S * C) throw new Error(`Unit ${unit}: ${denseAtSteps.length} template values for ${D} steps × ${S} samples × ${C} channels.`);
    for (let d = 0; d < D; d++) this.addBlock(d, unit, denseAtSteps.subarray(d * S * C, (d + 1) * S * C));
  }

  /** Adds one (step, unit) from a dense (samples, channels) array. */
  addBlock(step: number, unit: number, dense: Float32Array): void {
    const { numSamples: S, numChannels: C } = this;
    const keep: number[] = [];
    for (let c = 0; c < C; c++) {
      let peak = 0;
      for (let s = 0; s < S; s++) peak = Math.max(peak, Math.abs(dense[s * C + c]));
      if (peak > this.errorBoundUv) keep.push(c);
    }
    const nnz = keep.length;
    const waveforms = new Float32Array(S * nnz);
    for (let s = 0; s < S; s++) for (let k = 0; k < nnz; k++) waveforms[s * nnz + k] = dense[s * C + keep[k]];
    this.blocks[step * this.numUnits + unit] = { channels: Int32Array.from(keep), waveforms };
  }

  build(): SparseTemplates {
    const nb = this.numSteps * this.numUnits;
    const channelOffsets = new Int32Array(nb + 1);
    for (let b = 0; b < nb; b++) {
      const block = this.blocks[b];
      if (!block) throw new Error(`Template block ${b} (step ${Math.floor(b / this.numUnits)}, unit ${b % this.numUnits}) was never added.`);
      channelOffsets[b + 1] = channelOffsets[b] + block.channels.length;
    }
    const total = channelOffsets[nb];
    const channels = new Int32Array(total);
    const waveforms = new Float32Array(total * this.numSamples);
    for (let b = 0; b < nb; b++) {
      const block = this.blocks[b]!;
      channels.set(block.channels, channelOffsets[b]);
      waveforms.set(block.waveforms, channelOffsets[b] * this.numSamples);
    }
    return {
      numSteps: this.numSteps, numUnits: this.numUnits, numSamples: this.numSamples, numChannels: this.numChannels,
      upsample: 1, errorBoundUv: this.errorBoundUv, channelOffsets, channels, waveforms,
    };
  }
}
