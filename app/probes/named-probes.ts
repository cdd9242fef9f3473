/**
 * The probes `generate_drifting_recording(probe_name=...)` builds by name (SpikeInterface 0.105,
 * generation/drifting_generator.py `_make_probe_by_name`), followed by the wiring it then sets
 * (`probe.set_device_channel_indices(np.arange(num_channels))`):
 *   Neuropixels1-384/-128  get_probe("imec", "NP1000").get_slice(np.arange(384 | 128))
 *   Neuropixels2-384/-128  get_probe("imec", "NP2000").get_slice(np.arange(384 | 128))
 *   Neuronexus-32          generate_multi_columns_probe(3 columns [10, 12, 10], pitch 30, shifts [0, -15, 0], r 8)
 *   tetrode                generate_tetrode()
 * The Neuropixels library files are rebuilt from the catalogue instead of downloaded; a slice keeps the first
 * electrodes (row by row from the tip) and the full-shank outline, as get_slice does.
 */
import { generateMultiColumnsProbe } from './multi-columns.ts';
import { buildNeuropixelsProbe } from './neuropixels-build.ts';
import type { Probe } from './probe.ts';
import { getSlice } from './probe-ops.ts';
import { generateTetrode } from './tetrode.ts';
import { getLibraryProbe, type LibraryOptions } from './library.ts';

export const NAMED_PROBES = [
  'Neuropixels1-128', 'Neuropixels1-384', 'Neuropixels2-128', 'Neuropixels2-384', 'Neuronexus-32', 'tetrode',
] as const;
export type NamedProbe = (typeof NAMED_PROBES)[number];

export const isNamedProbe = (name: string): name is NamedProbe => (NAMED_PROBES as readonly string[]).includes(name);

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The probe, without wiring, exactly as `_make_probe_by_name` returns it. */
function makeUnwired(name: NamedProbe): Probe {
  switch (name) {
    case 'Neuropixels1-384': return getSlice(buildNeuropixelsProbe('NP1000'), range(384));
    case 'Neuropixels1-128': return getSlice(buildNeuropixelsProbe('NP1000'), range(128));
    case 'Neuropixels2-384': return getSlice(buildNeuropixelsProbe('NP2000'), range(384));
    case 'Neuropixels2-128': return getSlice(buildNeuropixelsProbe('NP2000'), range(128));
    case 'Neuronexus-32':
      // "this probe was not existing really, it was a 'generic' 32 channels" (drifting_generator.py)
      return generateMultiColumnsProbe({
        num_columns: 3, num_contact_per_column: [10, 12, 10], xpitch: 30, ypitch: 30,
        y_shift_per_column: [0, -15, 0], contact_shapes: 'circle', contact_shape_params: { radius: 8 },
      });
    case 'tetrode': return generateTetrode();
  }
}

/**
 * One of NAMED_PROBES as generate_drifting_recording uses it: wired channel i = contact i. Throws a sentence
 * listing the valid names for anything else.
 */
export function getNamedProbe(name: string): Probe {
  if (!isNamedProbe(name)) {
    throw new Error(`Unknown probe name '${name}'. Valid names are: ${NAMED_PROBES.join(', ')} `
      + `(or "manufacturer/probe_name" from the probeinterface library, through makeProbeByName).`);
  }
  const probe = makeUnwired(name);
  probe.setDeviceChannelIndices(range(probe.getContactCount()));
  return probe;
}

/**
 * Every name `_make_probe_by_name` accepts: the six above, "sinaps-128" and "manufacturer/probe_name" or
 * "manufacturer#probe_name" from the probeinterface library (which needs a source and/or cache). Wired as
 * generate_drifting_recording wires it.
 */
export async function makeProbeByName(name: string, library?: LibraryOptions): Promise<Probe> {
  if (isNamedProbe(name)) return getNamedProbe(name);
  let probe: Probe;
  if (name === 'sinaps-128') {
    const full = await requireLibrary(name, library, 'sinaps-research-platform', 'p1024s1NHP');
    // order = np.argsort(contact_ids.astype(int64)); keep the first 128
    const ids = (full.contact_ids ?? []).map((id) => Number(id));
    const order = range(ids.length).sort((a, b) => ids[a] - ids[b] || a - b);
    probe = getSlice(full, order.slice(0, 128));
  } else {
    const sep = name.includes('/') ? '/' : name.includes('#') ? '#' : null;
    const parts = sep ? name.split(sep) : [];
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new Error(`Unknown probe name '${name}'. Valid names are: ${NAMED_PROBES.join(', ')}, sinaps-128, `
        + 'or "manufacturer/probe_name" (e.g. "cambridgeneurotech/ASSY-37-H7b").');
    }
    probe = await requireLibrary(name, library, parts[0], parts[1]);
  }
  probe.setDeviceChannelIndices(range(probe.getContactCount()));
  return probe;
}

function requireLibrary(name: string, library: LibraryOptions | undefined, manufacturer: string, probeName: string): Promise<Probe> {
  if (!library) throw new Error(`Probe '${name}' comes from the probeinterface library; no library source or cache was given.`);
  return getLibraryProbe(manufacturer, probeName, library);
}
