/**
 * The `ground_truth/` folder of a hybrid dataset: the same `.npy` names as a drifting dataset's
 * (app/formats/ground-truth-files.ts) where the arrays are the same, plus the templates at every displacement step in
 * their sparse form (`templates_at_steps_*.npy`, layout in app/generation/sparse-templates.ts) — exactly what was
 * injected, so a reader can recompute the injected signal (hybrid − original) from these files alone.
 */
import { join } from 'node:path';
import { writeFileSynced } from '../formats/atomic-folder.ts';
import { writeCommonGroundTruthArrays, type GroundTruthFileList } from '../formats/ground-truth-files.ts';
import { writeProbeinterfaceJson } from '../probes/probeinterface-json.ts';
import { APP_VERSION, SPIKEINTERFACE_REFERENCE } from '../version.ts';
import type { HybridGroundTruth } from './hybrid-ground-truth-types.ts';

export function writeHybridGroundTruthFiles(gt: HybridGroundTruth, dir: string): GroundTruthFileList {
  const written: GroundTruthFileList = {};
  const put = writeCommonGroundTruthArrays(gt, dir, written);
  const d = gt.displacement, t = gt.templatesAtSteps;
  put('templates_at_steps_channel_offsets.npy', t.channelOffsets, [t.channelOffsets.length]);
  put('templates_at_steps_channels.npy', t.channels, [t.channels.length]);
  put('templates_at_steps_waveforms.npy', t.waveforms, [t.waveforms.length]);

  const unitParams: Record<string, (number | null)[]> = {};
  for (const [k, v] of Object.entries(gt.unitParams)) unitParams[k] = Array.from(v, (x) => (Number.isNaN(x) ? null : x));
  writeFileSynced(join(dir, 'unit_params.json'), JSON.stringify(unitParams, null, 1) + '\n');
  writeFileSynced(join(dir, 'probe.json'), JSON.stringify(writeProbeinterfaceJson(gt.recording.probe), null, 2) + '\n');
  const summary = {
    app: 'Spikegen Studio', app_version: APP_VERSION, spikeinterface_reference: SPIKEINTERFACE_REFERENCE, kind: 'hybrid',
    seed: String(gt.seed), sampling_frequency: gt.samplingFrequency, duration: gt.duration, num_samples: gt.numSamples,
    num_units: gt.numUnits, num_channels: gt.numChannels, num_spikes: gt.spikes.length,
    nbefore: gt.nbefore, num_template_samples: gt.numTemplateSamples, templates_source: gt.templatesSource, motion_source: gt.motionSource,
    displacement_sampling_frequency: d.samplingFrequency, num_displacement_steps: d.numSteps, num_motions: d.numMotions,
    templates_at_steps: {
      layout: 'block b = step * num_units + unit owns channels[offsets[b]:offsets[b+1]] and waveforms[offsets[b]*S:offsets[b+1]*S] as (S, nnz) rows',
      num_steps: t.numSteps, num_units: t.numUnits, num_samples: t.numSamples, error_bound_uV: t.errorBoundUv,
    },
    units: { locations: 'um', templates: 'uV', displacements: 'um', times: 'samples' },
    files: written, warnings: gt.warnings,
  };
  writeFileSynced(join(dir, 'ground_truth.json'), JSON.stringify(summary, null, 2) + '\n');
  return written;
}
