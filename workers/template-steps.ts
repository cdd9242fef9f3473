/**
 * piscina task, a named export of the render-chunk module (the pool that renders a job also builds its templates
 * at displacement steps while the main thread builds the rest of the ground truth): step ranges ("shares") of
 * the templates, claimed one at a time from a counter shared with the main thread and the other workers, so that
 * whichever thread is free takes the next share. The parts are moved back, not copied.
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { TemplateStepsBuilder, type SparseTemplates, type TemplateStepsJob } from '../app/generation/templates-at-steps.ts';

export interface TemplateStepsTask {
  job: TemplateStepsJob;
  /** the next share to claim (Atomics.add), shared by every thread of the job */
  next: Int32Array;
  /** steps per share */
  shareSteps: number;
}

export interface TemplateStepsPart {
  share: number;
  templates: SparseTemplates;
}

/** Claims shares [share · shareSteps, ...) until none is left; steps of every share are built by one builder. */
export function buildClaimedShares(t: TemplateStepsTask, builder?: () => TemplateStepsBuilder): TemplateStepsPart[] {
  const numSteps = t.job.displacementsSteps.length / 2;
  const parts: TemplateStepsPart[] = [];
  let b: TemplateStepsBuilder | undefined;
  for (;;) {
    const share = Atomics.add(t.next, 0, 1);
    const i0 = share * t.shareSteps;
    if (i0 >= numSteps) return parts;
    b ??= builder ? builder() : new TemplateStepsBuilder(t.job);
    parts.push({ share, templates: b.build(i0, Math.min(numSteps, i0 + t.shareSteps)) });
  }
}

export default function templateSteps(t: TemplateStepsTask): { parts: TemplateStepsPart[] } {
  const parts = buildClaimedShares(t);
  const buffers = parts.flatMap(({ templates: p }) => [p.channelOffsets.buffer, p.channels.buffer, p.waveforms.buffer]);
  const holder = {
    get [transferableSymbol]() { return buffers; },
    get [valueSymbol]() { return { parts }; },
  };
  return move(holder as never) as unknown as { parts: TemplateStepsPart[] };
}
