// One ground-truth build of a preset in this (fresh) process; prints {seconds, peak_rss_mb, ...} as JSON.
// Peak RSS is the process's maxRSS (kernel high-water mark), so it includes Node itself (~50-80 MB).
import { readFileSync } from 'node:fs';
import { buildGroundTruth, type PresetV1 } from '../app/index.ts';

const preset = JSON.parse(readFileSync(process.argv[2], 'utf8')) as PresetV1;
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const gt = buildGroundTruth(preset);
const seconds = (performance.now() - t0) / 1000;
const sp = gt.templatesAtSteps;
console.log(JSON.stringify({
  seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024, rss_before_mb: rssBefore / 2 ** 20,
  num_spikes: gt.spikes.length, num_units: gt.numUnits, num_channels: gt.numChannels, num_steps: gt.displacement.numSteps,
  sparse_channels_kept: sp.channels.length, dense_channels: sp.numSteps * sp.numUnits * sp.numChannels,
  sparse_templates_mb: (sp.waveforms.byteLength + sp.channels.byteLength) / 2 ** 20,
  dense_templates_at_steps_mb: (sp.numSteps * sp.numUnits * sp.numSamples * sp.numChannels * 4) / 2 ** 20,
}));
