/**
 * Several probes recorded together (probeinterface `ProbeGroup`, probegroup.py). The group checks what
 * `ProbeGroup.add_probe` checks: same ndim for all probes, and device channel indices unique across probes
 * (-1, "not connected", may repeat).
 */
import type { Probe } from './probe.ts';

export class ProbeGroup {
  readonly probes: Probe[] = [];

  constructor(probes: readonly Probe[] = []) {
    for (const p of probes) this.addProbe(p);
  }

  get ndim(): number {
    if (this.probes.length === 0) throw new Error('An empty probe group has no ndim.');
    return this.probes[0].ndim;
  }

  addProbe(probe: Probe): void {
    if (this.probes.includes(probe)) throw new Error('This probe is already in the group.');
    if (this.probes.length > 0 && probe.ndim !== this.ndim) {
      throw new Error(`Probe ndim ${probe.ndim} does not match the group's ndim ${this.ndim}.`);
    }
    const problem = duplicateChannelProblem([...this.probes, probe]);
    if (problem) throw new Error(problem);
    this.probes.push(probe);
  }

  getContactCount(): number {
    return this.probes.reduce((s, p) => s + p.getContactCount(), 0);
  }
}

/** A sentence naming a device channel used twice across `probes`, or null (check_global_device_wiring_and_ids). */
export function duplicateChannelProblem(probes: readonly Probe[]): string | null {
  const seen = new Map<number, number>();
  for (let p = 0; p < probes.length; p++) {
    const dci = probes[p].device_channel_indices;
    if (!dci) continue;
    for (const c of dci) {
      if (c < 0) continue;
      const first = seen.get(c);
      if (first !== undefined) {
        return first === p
          ? `Device channel index ${c} is used by two contacts of probe ${p}.`
          : `Device channel index ${c} is used by probe ${first} and by probe ${p}; channel device indices must be unique across probes.`;
      }
      seen.set(c, p);
    }
  }
  return null;
}
