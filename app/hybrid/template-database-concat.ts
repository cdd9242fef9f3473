/**
 * The concatenation step of `query_templates_from_database` (generation/template_database.py): the same nbefore,
 * sampling frequency and channel geometry (up to a translation: `locations - locations[0]` must be equal) across
 * datasets, then one `Templates` with default unit ids (arange), the first dataset's channel ids and probe, and
 * is_in_uV left at its default True — SI builds `Templates(templates_array, sampling_frequency=…, channel_ids=…,
 * nbefore=…, probe=…)` without passing unit ids or is_in_uV.
 */
import { TemplateDatabaseError } from './template-database-errors.ts';
import { makeTemplates, channelLocationsOf, requireDense, type Templates } from './templates-object.ts';

export function concatTemplates(parts: readonly { dataset: string; templates: Templates }[]): Templates {
  const first = parts[0].templates;
  const firstLoc = first.probe ? channelLocationsOf(first) : null;
  let total = 0;
  for (const { dataset, templates: t } of parts) {
    requireDense(t, `Dataset ${dataset}`);
    if (t.nbefore !== first.nbefore) {
      throw new TemplateDatabaseError('invalid', `Number of samples before the peak is not consistent across datasets: ${t.nbefore} != ${first.nbefore} (${dataset})`);
    }
    if (t.samplingFrequency !== first.samplingFrequency) {
      throw new TemplateDatabaseError('invalid', `Sampling frequency is not consistent across datasets: ${t.samplingFrequency} != ${first.samplingFrequency} (${dataset})`);
    }
    if (t.numSamples !== first.numSamples || t.numChannels !== first.numChannels) {
      throw new TemplateDatabaseError('invalid', `Templates of ${dataset} have ${t.numSamples} samples × ${t.numChannels} channels, the first dataset's ${first.numSamples} × ${first.numChannels}.`);
    }
    if (firstLoc) {
      const loc = channelLocationsOf(t);
      const same = loc.length === firstLoc.length && loc.every((v, i) => v - loc[i % 2] === firstLoc[i] - firstLoc[i % 2]);
      if (!same) throw new TemplateDatabaseError('invalid', `Channel locations are not consistent across datasets (${dataset}).`);
    }
    total += t.numUnits;
  }
  const block = first.numSamples * first.numChannels;
  const data = new Float32Array(total * block);
  let offset = 0;
  for (const { templates: t } of parts) {
    data.set(t.templatesArray, offset);
    offset += t.templatesArray.length;
  }
  return makeTemplates({
    templatesArray: data, shape: [total, first.numSamples, first.numChannels], samplingFrequency: first.samplingFrequency,
    nbefore: first.nbefore, channelIds: first.channelIds, probe: first.probe,
  });
}
