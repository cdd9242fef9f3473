/**
 * The probe of a ground truth, as `generate_drifting_recording` makes it: a given probeinterface JSON, the
 * multi-column generator's kwargs, or a named probe; then wired channel i = contact i ("the wiring does not
 * matter because the traces are generated after using the channel locations").
 */
import type { ResolvedParams } from '../presets/resolve.ts';
import { generateMultiColumnsProbe } from '../probes/multi-columns.ts';
import { getNamedProbe, isNamedProbe } from '../probes/named-probes.ts';
import type { Probe } from '../probes/probe.ts';
import { readProbeinterfaceJson } from '../probes/probeinterface-json.ts';

export function buildProbe(p: ResolvedParams, libraryProbe?: Probe): Probe {
  let probe: Probe;
  const src = p.probe;
  if (src.kind === 'json') {
    const group = readProbeinterfaceJson(src.json);
    if (group.probes.length !== 1) {
      throw new Error(`the probe JSON holds ${group.probes.length} probes; give a probeinterface file with exactly one probe`);
    }
    probe = group.probes[0];
  } else if (src.kind === 'generated') {
    probe = generateMultiColumnsProbe(src.kwargs);
  } else if (isNamedProbe(src.name)) {
    return getNamedProbe(src.name);
  } else if (libraryProbe) {
    probe = libraryProbe;
  } else {
    throw new Error(`the probe "${src.name}" comes from the probeinterface library and has not been fetched: `
      + 'connect to the internet once (it is cached afterwards), or use a named probe');
  }
  if (probe.ndim !== 2) throw new Error('the probe must be planar (ndim 2), as generate_drifting_recording needs 2-D contact positions');
  probe.setDeviceChannelIndices(Array.from({ length: probe.getContactCount() }, (_, i) => i));
  return probe;
}
