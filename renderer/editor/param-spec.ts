/**
 * SpikeInterface's "scalar, (lo, hi) tuple for a uniform draw, or one value per unit" arguments, spelled in the
 * preset as `number | {range: [lo, hi]} | number[]`: which form a value has, and converting between forms while
 * keeping the numbers the user already gave.
 */
import type { ParamSpec } from '../../app/presets/types.ts';

export type SpecMode = 'default' | 'number' | 'range' | 'list';

export function specMode(v: unknown): SpecMode {
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object' && v !== null && 'range' in v) return 'range';
  return 'default';
}

/** Low and high of any form (a number is both). */
export function specBounds(v: unknown): [number, number] | null {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v)) {
    const nums = v.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    return nums.length ? [Math.min(...nums), Math.max(...nums)] : null;
  }
  if (typeof v === 'object' && v !== null && Array.isArray((v as { range?: unknown }).range)) {
    const [lo, hi] = (v as { range: unknown[] }).range;
    if (typeof lo === 'number' && typeof hi === 'number') return [lo, hi];
  }
  return null;
}

/** The value in another form: a range keeps its bounds, a list is filled with a value in between. */
export function convertSpec(current: unknown, fallback: unknown, mode: SpecMode, count: number): ParamSpec | undefined {
  if (mode === 'default') return undefined;
  const b = specBounds(current) ?? specBounds(fallback) ?? [0, 0];
  const mid = Number(((b[0] + b[1]) / 2).toPrecision(6));
  if (mode === 'number') return mid;
  if (mode === 'range') return { range: [b[0], b[1]] };
  if (Array.isArray(current)) return current as number[];
  return new Array<number>(Math.max(count, 1)).fill(mid);
}

export function describeSpec(v: unknown): string {
  switch (specMode(v)) {
    case 'number': return String(v);
    case 'range': { const b = specBounds(v)!; return `uniform in [${b[0]}, ${b[1]}]`; }
    case 'list': return `${(v as unknown[]).length} values`;
    default: return 'default';
  }
}
