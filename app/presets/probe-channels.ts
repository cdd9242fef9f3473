/**
 * How many channels a preset's probe has, known without building the probe, so that per-channel lists
 * (noise_levels) can be checked while the user types.
 */
type Obj = Record<string, unknown>;

/** The named probes of `generate_drifting_recording` and their channel counts. */
export const NAMED_PROBE_CHANNELS: Readonly<Record<string, number>> = {
  'Neuropixels1-128': 128, 'Neuropixels1-384': 384, 'Neuropixels2-128': 128, 'Neuropixels2-384': 384,
  'Neuronexus-32': 32, tetrode: 4,
};

export function countProbeChannels(params: Obj): number | undefined {
  const gp = params.generate_probe_kwargs as Obj | null | undefined;
  if (gp && typeof gp === 'object') {
    const cols = typeof gp.num_columns === 'number' ? gp.num_columns : 3;
    const per = gp.num_contact_per_column ?? 10;
    if (Array.isArray(per)) return per.reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0);
    return typeof per === 'number' ? per * cols : undefined;
  }
  const probe = params.probe as Obj | undefined;
  if (probe && typeof probe === 'object') {
    const probes = probe.probes as Obj[] | undefined;
    const positions = Array.isArray(probes) && probes.length > 0 ? probes[0].contact_positions : probe.contact_positions;
    return Array.isArray(positions) ? positions.length : undefined;
  }
  const name = typeof params.probe_name === 'string' ? params.probe_name : 'Neuropixels1-128';
  return NAMED_PROBE_CHANNELS[name];
}
