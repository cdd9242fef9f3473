/**
 * The displacement the preset will produce, computed in the renderer with the engine's own
 * `generateDisplacementVector` (SpikeInterface's generate_displacement_vector): one curve per motion (its
 * position along the drift line, y in µm) and the summed displacement of two probe units placed at the two ends
 * of the drift line (they differ only when a motion is non-rigid).
 */
import { generateDisplacementVector } from '../../app/generation/motion.ts';
import type { ResolvedParams } from '../../app/presets/resolve.ts';

export interface MotionSeries { label: string; values: Float64Array }
export interface MotionPreview { t: Float64Array; series: MotionSeries[]; note: string }

const PREVIEW_SEED = 0;

export function motionPreview(r: ResolvedParams): MotionPreview {
  const dd = r.displacement_data;
  if (dd) {
    const numTimes = dd.displacement_vectors.length;
    const numMotions = dd.displacement_vectors[0]?.[1]?.length ?? 0;
    const t = Float64Array.from({ length: numTimes }, (_, i) => i / dd.displacement_sampling_frequency);
    const series = Array.from({ length: numMotions }, (_, m) => ({
      label: `motion ${m} (given)`, values: Float64Array.from(dd.displacement_vectors, (row) => row[1]?.[m] ?? NaN),
    }));
    return { t, series, note: 'displacement_data is given: these are its vectors.' };
  }
  const k = r.generate_displacement_vector_kwargs;
  const seed = r.seed ?? PREVIEW_SEED;
  const ends = new Float64Array([...k.drift_start_um, ...k.drift_stop_um]);
  const d = generateDisplacementVector(r.duration, ends, { ...k, seed });
  const t = Float64Array.from({ length: d.numTimes }, (_, i) => i / d.displacementSamplingFrequency);
  const series: MotionSeries[] = k.motion_list.map((m, j) => ({
    label: `${j}: ${m.drift_mode}`,
    values: Float64Array.from({ length: d.numTimes }, (_, i) => d.displacementVectors[(i * 2 + 1) * d.numMotions + j]),
  }));
  const unitY = (u: number) => Float64Array.from({ length: d.numTimes }, (_, i) => d.unitDisplacements[(i * d.numUnits + u) * 2 + 1]);
  const rigid = k.motion_list.every((m) => m.non_rigid_gradient === null);
  series.push({ label: rigid ? 'total' : 'total at drift start', values: unitY(0) });
  if (!rigid) series.push({ label: 'total at drift stop', values: unitY(1) });
  const random = k.motion_list.some((m) => m.drift_mode !== 'zigzag');
  const note = r.seed === null && random ? 'No seed set: random motions are previewed with seed 0.' : '';
  return { t, series, note };
}
