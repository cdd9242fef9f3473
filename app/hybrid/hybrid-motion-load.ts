/**
 * Motion estimates read from disk: a SpikeInterface `Motion.save` folder (core/motion.py `Motion.load`:
 * spikeinterface_info.json with `"object": "Motion"`, spatial_bins_um.npy, displacement_seg{i}.npy,
 * temporal_bins_s_seg{i}.npy), a CSV (header `time_s,<depth>,<depth>...`, one row per time-bin centre) or a 2-D .npy
 * with the bin centres given in the preset. Every failure is a sentence naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../formats/npy.ts';
import { checkMotionEstimate, type MotionEstimate } from './hybrid-motion-estimate.ts';

const DIMS = { x: 0, y: 1, z: 2 } as const;

function readNpy(path: string, what: string): { data: Float64Array; shape: number[] } {
  if (!existsSync(path)) throw new Error(`The motion file ${path} does not exist; ${what}.`);
  try {
    // a plain Uint8Array copy: decodeNpy slices its input, and a Node Buffer's slice is a view into a shared pool
    const a = decodeNpy(new Uint8Array(readFileSync(path)));
    if (a.data instanceof BigInt64Array || a.data instanceof BigUint64Array) return { data: Float64Array.from(a.data, Number), shape: a.shape };
    return { data: Float64Array.from(a.data), shape: a.shape };
  } catch (e) {
    throw new Error(`${path} is not a readable .npy array (${(e as Error).message}).`);
  }
}

/** `Motion.load(folder)`. */
export function loadMotionFolder(folder: string): MotionEstimate {
  const infoPath = join(folder, 'spikeinterface_info.json');
  if (!existsSync(infoPath)) throw new Error(`${folder} does not contain a SpikeInterface Motion (no spikeinterface_info.json); save one with motion.save(folder).`);
  let info: { object?: unknown; num_segments?: unknown; direction?: unknown; interpolation_method?: unknown };
  try { info = JSON.parse(readFileSync(infoPath, 'utf8')); } catch (e) { throw new Error(`${infoPath} is not valid JSON (${(e as Error).message}).`); }
  if (info.object !== 'Motion') throw new Error(`${folder} does not contain a SpikeInterface Motion: its spikeinterface_info.json describes "${String(info.object)}".`);
  const direction = info.direction;
  if (direction !== 'x' && direction !== 'y' && direction !== 'z') throw new Error(`${infoPath}: direction must be "x", "y" or "z", not ${JSON.stringify(direction)}.`);
  if (info.interpolation_method !== undefined && info.interpolation_method !== 'linear') {
    throw new Error(`${infoPath}: only linear motion interpolation is supported, not "${String(info.interpolation_method)}".`);
  }
  const n = Number(info.num_segments);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${infoPath}: num_segments must be a whole number ≥ 1.`);
  const spatial = readNpy(join(folder, 'spatial_bins_um.npy'), 'the Motion folder is incomplete');
  const segments = Array.from({ length: n }, (_, i) => ({
    temporalBinsS: readNpy(join(folder, `temporal_bins_s_seg${i}.npy`), 'the Motion folder is incomplete').data,
    displacement: readNpy(join(folder, `displacement_seg${i}.npy`), 'the Motion folder is incomplete').data,
  }));
  return checkMotionEstimate({ direction, dim: DIMS[direction], spatialBinsUm: spatial.data, segments }, folder);
}

/** A CSV of displacement per time bin (rows) and depth (columns); the first column is the time-bin centre in s. */
export function loadMotionCsv(path: string, direction: 'x' | 'y' = 'y'): MotionEstimate {
  if (!existsSync(path)) throw new Error(`The motion file ${path} does not exist; give the path of a CSV of displacement per time bin and depth.`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
  if (lines.length < 2) throw new Error(`${path} needs a header line (time_s,<depth um>,...) and at least one row of displacements.`);
  const header = lines[0].split(',').map((s) => s.trim());
  const depths = Float64Array.from(header.slice(1), Number);
  if (depths.length < 1 || !depths.every(Number.isFinite)) {
    throw new Error(`${path}: the header must be time_s followed by one depth in um per column, e.g. "time_s,200,600,1000".`);
  }
  const D = depths.length;
  const times = new Float64Array(lines.length - 1);
  const displacement = new Float64Array(times.length * D);
  lines.slice(1).forEach((line, r) => {
    const cells = line.split(',').map((s) => Number(s.trim()));
    if (cells.length !== D + 1 || !cells.every(Number.isFinite)) {
      throw new Error(`${path}, line ${r + 2}: expected ${D + 1} numbers (a time and one displacement per depth).`);
    }
    times[r] = cells[0];
    displacement.set(cells.slice(1), r * D);
  });
  return checkMotionEstimate({ direction, dim: DIMS[direction], spatialBinsUm: depths, segments: [{ temporalBinsS: times, displacement }] }, path);
}

/** A (numTimes, numDepths) .npy (or a 1-D one for a single depth) with its bin centres. */
export function loadMotionNpy(path: string, temporalBinsS: readonly number[], spatialBinsUm: readonly number[], direction: 'x' | 'y' = 'y'): MotionEstimate {
  const a = readNpy(path, 'give the path of a (time bins × depths) .npy of displacement in um');
  const T = temporalBinsS.length, D = spatialBinsUm.length;
  if (a.data.length !== T * D || (a.shape.length === 2 && (a.shape[0] !== T || a.shape[1] !== D))) {
    throw new Error(`${path} has shape (${a.shape.join(', ')}) but the preset gives ${T} time bins and ${D} depth bins.`);
  }
  return checkMotionEstimate({
    direction, dim: DIMS[direction], spatialBinsUm: Float64Array.from(spatialBinsUm),
    segments: [{ temporalBinsS: Float64Array.from(temporalBinsS), displacement: a.data }],
  }, path);
}
