/**
 * probeinterface `generate_tetrode` (generator.py): four circular contacts (radius 6) on a circle of radius
 * `r`, at angles 0, π/2, π, 3π/2 taken as `np.arange(0, 2π, π/2)` gives them (i × π/2), so the cos/sin
 * round-off (e.g. x = 6.123233995736766e-16 for the second contact) is the same as numpy's. No ids, no contour.
 */
import { Probe } from './probe.ts';

export function generateTetrode(r = 10): Probe {
  const positions = new Float64Array(8);
  const step = Math.PI / 2;
  for (let i = 0; i < 4; i++) {
    const phi = i * step;
    positions[i * 2] = Math.cos(phi) * r;
    positions[i * 2 + 1] = Math.sin(phi) * r;
  }
  const probe = new Probe({ ndim: 2, si_units: 'um' });
  probe.setContacts({ positions, shapes: 'circle', shape_params: { radius: 6 } });
  return probe;
}
