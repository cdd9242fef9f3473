/**
 * The size of a preset's dataset before it is generated, for the editor to show next to the free space. Building
 * the ground truth would give exact counts but takes up to a second and a half on the main thread, so the spike
 * count is approximated from the mean firing rate × duration × units (the sorting's own expectation) and the
 * channel count from the probe's declaration; everything else (samples, template length) is exact.
 */
import { countProbeChannels } from '../../../app/presets/probe-channels.ts';
import { resolveParams } from '../../../app/presets/resolve.ts';
import type { ParamSpec, PresetV1 } from '../../../app/presets/types.ts';
import { estimateDatasetBytes } from '../generation/estimate.ts';

/** A library probe ("manufacturer/name") is not known before it is fetched: assume a large one, so the check errs on the safe side. */
const UNKNOWN_PROBE_CHANNELS = 384;

function meanOf(spec: ParamSpec): number {
  if (typeof spec === 'number') return spec;
  if (Array.isArray(spec)) return spec.length ? spec.reduce((a, b) => a + b, 0) / spec.length : 0;
  return (spec.range[0] + spec.range[1]) / 2;
}

export function estimatePresetBytes(preset: PresetV1, o: { dtype?: 'int16' | 'float32'; exports?: { kilosort?: boolean; spikeglx?: boolean } } = {}): number {
  const r = resolveParams(preset);
  const numSamples = Math.round(r.duration * r.sampling_frequency);
  const numChannels = countProbeChannels(preset.params as Record<string, unknown>) ?? UNKNOWN_PROBE_CHANNELS;
  const tk = r.generate_templates_kwargs;
  const numTemplateSamples = Math.round((tk.ms_before + tk.ms_after) * r.sampling_frequency / 1000);
  const numSpikes = r.sorting ? r.sorting.sample_index.length : Math.round(meanOf(r.generate_sorting_kwargs.firing_rates) * r.duration * r.num_units);
  return estimateDatasetBytes({
    numSamples, numChannels, numUnits: r.num_units, numTemplateSamples, numSpikes,
    dtype: o.dtype ?? preset.output?.dtype ?? 'int16', exports: o.exports ?? preset.output?.exports ?? {},
  }).totalBytes;
}
