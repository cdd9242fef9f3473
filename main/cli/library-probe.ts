/**
 * For `probe_name: "manufacturer/probe_name"` (or "sinaps-128"): fetch the probe from the probeinterface library
 * before the pure engine runs, through the on-disk cache, so the engine itself never touches the network.
 * SPIKEGEN_PROBE_LIBRARY_URL points at another library root (tests serve one on 127.0.0.1).
 */
import { nodeProbeLibrary } from '../../app/formats/probe-library-cache.ts';
import type { PresetV1 } from '../../app/presets/index.ts';
import { isNamedProbe, makeProbeByName } from '../../app/probes/named-probes.ts';
import type { Probe } from '../../app/probes/probe.ts';

export async function resolveLibraryProbe(preset: PresetV1): Promise<Probe | undefined> {
  const p = preset.params;
  if (p.probe || p.generate_probe_kwargs || !p.probe_name || isNamedProbe(p.probe_name)) return undefined;
  const library = nodeProbeLibrary({
    baseUrl: process.env.SPIKEGEN_PROBE_LIBRARY_URL || undefined,
    cacheFolder: process.env.SPIKEGEN_PROBE_CACHE || undefined,
  });
  return makeProbeByName(p.probe_name, library);
}
