/**
 * The TypeScript mirror of SpikeInterface's `Templates` dataclass (core/template.py, 0.105): a dense or sparse
 * (units × samples × channels) float32 array plus what SI keeps next to it. Hybrid recordings take their donor
 * templates in this shape, whether they come from the template database, a local `Templates.to_zarr` folder or the
 * template tools.
 */
import type { Probe } from '../probes/probe.ts';

/** numpy int64 ids decode to numbers (when safe), '<U…' ids to strings. */
export type TemplateId = string | number;

export interface Templates {
  /** C order, shape (numUnits, numSamples, numChannels) */
  readonly templatesArray: Float32Array;
  readonly numUnits: number;
  readonly numSamples: number;
  readonly numChannels: number;
  readonly samplingFrequency: number;
  readonly nbefore: number;
  /** `is_in_uV` (older files call it `is_scaled`) */
  readonly isInUV: boolean;
  readonly unitIds: readonly TemplateId[];
  readonly channelIds: readonly TemplateId[];
  /** (numUnits × numChannels) booleans as 0/1, or null for dense templates */
  readonly sparsityMask: Uint8Array | null;
  readonly probe: Probe | null;
}

export interface TemplatesInit {
  templatesArray: Float32Array;
  shape: readonly [number, number, number];
  samplingFrequency: number;
  nbefore: number;
  isInUV?: boolean;
  unitIds?: readonly TemplateId[] | null;
  channelIds?: readonly TemplateId[] | null;
  sparsityMask?: Uint8Array | null;
  /** channels of the mask when sparse (its second dimension) */
  maskChannels?: number;
  probe?: Probe | null;
}

/** Builds a `Templates`, with the checks and defaults of `Templates.__post_init__` (ids default to arange). */
export function makeTemplates(init: TemplatesInit): Templates {
  const [numUnits, numSamples, width] = init.shape;
  if (init.templatesArray.length !== numUnits * numSamples * width) {
    throw new Error(`Templates: the array holds ${init.templatesArray.length} values, not ${numUnits} × ${numSamples} × ${width}.`);
  }
  const sparse = init.sparsityMask ?? null;
  const numChannels = sparse ? (init.maskChannels ?? width) : width;
  if (sparse && sparse.length !== numUnits * numChannels) {
    throw new Error(`Templates: the sparsity mask holds ${sparse.length} values, not ${numUnits} × ${numChannels}.`);
  }
  if (!(init.samplingFrequency > 0)) throw new Error(`Templates: the sampling frequency must be positive, not ${init.samplingFrequency}.`);
  if (!Number.isInteger(init.nbefore) || init.nbefore < 0 || init.nbefore > numSamples) {
    throw new Error(`Templates: nbefore (${init.nbefore}) must be an integer between 0 and the ${numSamples} samples.`);
  }
  const channelIds = init.channelIds ?? Array.from({ length: numChannels }, (_, i) => i);
  if (channelIds.length !== numChannels) {
    throw new Error(`length of channel ids ${channelIds.length} must be equal to the number of channels ${numChannels}`);
  }
  const unitIds = init.unitIds ?? Array.from({ length: numUnits }, (_, i) => i);
  if (unitIds.length !== numUnits) {
    throw new Error(`length of units ids ${unitIds.length} must be equal to the number of units ${numUnits}`);
  }
  const probe = init.probe ?? null;
  if (probe && probe.getContactCount() !== numChannels) {
    throw new Error(`Templates: the probe has ${probe.getContactCount()} contacts for ${numChannels} channels.`);
  }
  return {
    templatesArray: init.templatesArray, numUnits, numSamples, numChannels,
    samplingFrequency: init.samplingFrequency, nbefore: init.nbefore, isInUV: init.isInUV ?? true,
    unitIds: [...unitIds], channelIds: [...channelIds], sparsityMask: sparse, probe,
  };
}

/** Channels stored per sample: numChannels when dense, the widest unit's active channels when sparse. */
export function arrayWidth(t: Templates): number {
  return t.numUnits * t.numSamples === 0 ? t.numChannels : t.templatesArray.length / (t.numUnits * t.numSamples);
}

/** A copy of `t` with another dense array of the same shape (what the hybrid tools return, like SI's `Templates(...)`). */
export function withTemplatesArray(t: Templates, templatesArray: Float32Array): Templates {
  return makeTemplates({
    templatesArray, shape: [t.numUnits, t.numSamples, arrayWidth(t)],
    samplingFrequency: t.samplingFrequency, nbefore: t.nbefore, isInUV: t.isInUV, unitIds: t.unitIds,
    channelIds: t.channelIds, sparsityMask: t.sparsityMask, maskChannels: t.numChannels, probe: t.probe,
  });
}

/** `Templates.select_units`: the units with these ids, in the given order. */
export function selectUnits(t: Templates, unitIds: readonly TemplateId[]): Templates {
  const width = arrayWidth(t);
  const block = t.numSamples * width;
  const out = new Float32Array(unitIds.length * block);
  const mask = t.sparsityMask ? new Uint8Array(unitIds.length * t.numChannels) : null;
  unitIds.forEach((id, k) => {
    const u = t.unitIds.indexOf(id);
    if (u < 0) throw new Error(`Templates.select_units: unit id ${String(id)} is not among the units.`);
    out.set(t.templatesArray.subarray(u * block, (u + 1) * block), k * block);
    if (mask && t.sparsityMask) mask.set(t.sparsityMask.subarray(u * t.numChannels, (u + 1) * t.numChannels), k * t.numChannels);
  });
  return makeTemplates({
    templatesArray: out, shape: [unitIds.length, t.numSamples, width], samplingFrequency: t.samplingFrequency,
    nbefore: t.nbefore, isInUV: t.isInUV, unitIds, channelIds: t.channelIds, sparsityMask: mask,
    maskChannels: t.numChannels, probe: t.probe,
  });
}

/** Dense templates only: the hybrid tools index channels directly, as SI's do on `templates_array`. */
export function requireDense(t: Templates, what: string): void {
  if (t.sparsityMask) throw new Error(`${what} needs dense templates; these carry a sparsity mask.`);
}

/** `Templates.get_channel_locations()`: the probe's 2-D contact positions, (numChannels × 2) C order. */
export function channelLocationsOf(t: Templates): Float64Array {
  if (!t.probe) throw new Error('Templates.get_channel_locations() needs a probe to be set');
  const p = t.probe;
  if (p.ndim === 2) return p.contact_positions;
  const out = new Float64Array(p.getContactCount() * 2);
  for (let i = 0; i < p.getContactCount(); i++) {
    out[2 * i] = p.contact_positions[3 * i];
    out[2 * i + 1] = p.contact_positions[3 * i + 1];
  }
  return out;
}
