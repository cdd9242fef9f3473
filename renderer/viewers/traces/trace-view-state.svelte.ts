/**
 * Where the trace viewer looks: a time window [start, start + span) in samples (5 ms … the whole recording), a
 * channel range, and the gain (µV per channel row). Scrolling, zooming and jumping clamp to the recording.
 */
import type { TraceInfo } from '../../../app/api/viewer-types.ts';

export const WINDOW_CHOICES_S = [0.005, 0.02, 0.1, 0.5, 1, 5, 30, 120];

export class TraceViewState {
  start = $state(0);
  span = $state(0);
  channelStart = $state(0);
  channelEnd = $state(1);
  uvPerRow = $state(100);
  unitFilter = $state<number | null>(null);
  readonly info: TraceInfo;

  constructor(info: TraceInfo) {
    this.info = info;
    this.span = Math.min(info.numSamples, Math.round(info.samplingFrequency));
    this.channelEnd = info.numChannels;
    this.uvPerRow = Math.max(10, Math.round(16 * info.noiseLevelUv));
  }

  get fs(): number { return this.info.samplingFrequency; }

  private clamp(): void {
    const n = this.info.numSamples;
    this.span = Math.max(Math.min(Math.round(0.005 * this.fs), n), Math.min(n, Math.round(this.span)));
    this.start = Math.max(0, Math.min(n - this.span, Math.round(this.start)));
  }

  /** scrolls by a fraction of the window (negative: back) */
  scroll(fraction: number): void { this.start += fraction * this.span; this.clamp(); }
  /** zooms about the window's centre; factor < 1 zooms in */
  zoom(factor: number): void {
    const centre = this.start + this.span / 2;
    this.span *= factor;
    this.start = centre - this.span / 2;
    this.clamp();
  }
  setSpanSeconds(s: number): void { const c = this.start + this.span / 2; this.span = s * this.fs; this.start = c - this.span / 2; this.clamp(); }
  jumpTo(seconds: number): void { this.start = seconds * this.fs; this.clamp(); }
  showRange(t0: number, t1: number): void { this.start = t0 * this.fs; this.span = (t1 - t0) * this.fs; this.clamp(); }
  setChannels(a: number, b: number): void {
    const C = this.info.numChannels;
    const lo = Math.max(0, Math.min(C - 1, Math.round(a))), hi = Math.max(lo + 1, Math.min(C, Math.round(b)));
    this.channelStart = lo;
    this.channelEnd = hi;
  }
  shiftChannels(rows: number): void {
    const w = this.channelEnd - this.channelStart;
    const a = Math.max(0, Math.min(this.info.numChannels - w, this.channelStart + rows));
    this.setChannels(a, a + w);
  }
}
