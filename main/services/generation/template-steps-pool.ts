/**
 * The templates at displacement steps of a job built on its render pool while the main thread builds the rest of
 * the ground truth (app/generation/ground-truth.ts `buildGroundTruthSharing`): the steps are cut into shares that
 * the pool's workers and, once its own part is done, the main thread claim from one shared counter
 * (workers/template-steps.ts). On W2 (41 steps x 250 units) this is ~80% of the ground truth's time.
 * A share whose worker failed (or a worker module without the task) is built on the main thread afterwards, so a
 * worker lost here costs time, not the job; an error of the computation itself comes back as that error. When
 * the rest of the ground truth fails, the work is abandoned: no share is handed out or built any more.
 */
import type { Piscina } from 'piscina';
import type { TemplateStepsWork } from '../../../app/generation/ground-truth.ts';
import { concatTemplateSteps, TemplateStepsBuilder, type SparseTemplates, type TemplateStepsJob } from '../../../app/generation/templates-at-steps.ts';
import { buildClaimedShares, type TemplateStepsPart, type TemplateStepsTask } from '../../../workers/template-steps.ts';

export interface PoolTemplateStepsWork extends TemplateStepsWork {
  /** of the job's shares: those built by the pool's workers, by this thread as its share (help), and by this thread for a failed worker */
  readonly builtBy: { shares: number; workers: number; help: number; failed: number };
}

export function templateStepsOnPool(pool: Piscina, threads: number, job: TemplateStepsJob): PoolTemplateStepsWork {
  const numSteps = job.displacementsSteps.length / 2;
  // several shares per thread, so that a thread that starts late or runs slow is not waited for
  const shareSteps = Math.max(1, Math.ceil(numSteps / (4 * (threads + 1))));
  const shares = Math.ceil(numSteps / shareSteps);
  const task: TemplateStepsTask = { job, next: new Int32Array(new SharedArrayBuffer(4)), shareSteps };
  const parts: (SparseTemplates | undefined)[] = new Array(shares);
  const builtBy = { shares, workers: 0, help: 0, failed: 0 };
  const keep = (got: TemplateStepsPart[], by: 'workers' | 'help') => {
    for (const p of got) parts[p.share] = p.templates;
    builtBy[by] += got.length;
    got.length = 0; // the pool may hold on to a task's result: the parts are only referenced from here
  };
  const runs = Array.from({ length: Math.min(threads, shares) }, () =>
    (pool.run(task, { name: 'templateSteps' }) as Promise<{ parts: TemplateStepsPart[] }>).then((r) => keep(r.parts, 'workers')));
  let builder: TemplateStepsBuilder | undefined;
  const mine = () => (builder ??= new TemplateStepsBuilder(job));
  let abandoned = false;
  const result = Promise.allSettled(runs).then(() => {
    if (abandoned) throw new Error('the templates at displacement steps were abandoned (the ground truth failed)');
    for (let s = 0; s < shares; s++) {
      if (!parts[s]) { parts[s] = mine().build(s * shareSteps, Math.min(numSteps, (s + 1) * shareSteps)); builtBy.failed++; }
    }
    const joined = numSteps === 0 ? mine().build(0, 0) : concatTemplateSteps(parts as SparseTemplates[], true);
    parts.fill(undefined); // ~the templates' size, freed with the next collection rather than the job
    return joined;
  });
  return {
    help: () => keep(buildClaimedShares(task, mine), 'help'), result, builtBy,
    // no share left to claim: each worker returns after the share it is building, and nothing is built here
    abandon: () => { abandoned = true; Atomics.store(task.next, 0, shares); },
  };
}
