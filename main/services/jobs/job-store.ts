/**
 * Jobs in SQLite: a row per job, written when it is queued and at each change of state. Live progress (rates, ETA)
 * stays in memory; the row keeps the last fraction so the history shows how far a failed job got. At start-up a
 * row still `queued` or `running` belongs to a run that crashed or was killed: it becomes `interrupted`, never
 * complete, and its `.partial` folder is removed.
 */
import { rmSync } from 'node:fs';
import type { JobInfo, JobOptions, JobState } from '../../../app/api/types.ts';
import { partialPath } from '../../../app/formats/atomic-folder.ts';
import type { SqliteDatabase } from '../presets/sqlite.ts';

interface JobRow {
  id: string; preset_id: string | null; preset_name: string; out: string; options: string; state: JobState;
  created: string; finished: string | null; fraction: number; chunks_done: number; chunks_total: number; error: string | null;
}

export const INTERRUPTED_MESSAGE = 'the app stopped while this job was queued or running (it was closed or crashed); no dataset was written — start the job again';

/** The most recent jobs the list shows; older rows stay in the database as history. */
const LIST_LIMIT = 200;

export class JobStore {
  constructor(private readonly db: SqliteDatabase, private readonly now: () => Date = () => new Date()) {}

  insert(job: JobInfo, options: JobOptions): void {
    this.db.prepare(`INSERT INTO jobs (id, preset_id, preset_name, out, options, state, created, fraction, chunks_done, chunks_total)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`).run(job.id, job.presetId, job.presetName, job.out, JSON.stringify(options), job.state, job.created);
  }

  /** Writes the job's state and last progress; sets `finished` for the final states. */
  update(job: JobInfo): void {
    this.db.prepare(`UPDATE jobs SET state = ?, finished = ?, fraction = ?, chunks_done = ?, chunks_total = ?, error = ? WHERE id = ?`)
      .run(job.state, job.finished ?? null, job.fraction, job.chunksDone, job.chunksTotal, job.error ?? null, job.id);
  }

  get(id: string): { job: JobInfo; options: JobOptions } | undefined {
    const row = this.db.prepare<JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row && { job: toInfo(row), options: JSON.parse(row.options) as JobOptions };
  }

  list(): JobInfo[] {
    return this.db.prepare<JobRow>('SELECT * FROM jobs ORDER BY created DESC, rowid DESC LIMIT ?').all(LIST_LIMIT).map(toInfo);
  }

  /** At start-up: jobs a previous run left unfinished become `interrupted`; returns them. */
  markInterrupted(): JobInfo[] {
    const finished = this.now().toISOString();
    const rows = this.db.prepare<JobRow>("SELECT * FROM jobs WHERE state IN ('queued', 'running')").all();
    const mark = this.db.prepare("UPDATE jobs SET state = 'interrupted', finished = ?, error = ? WHERE id = ?");
    this.db.transaction(() => { for (const r of rows) mark.run(finished, INTERRUPTED_MESSAGE, r.id); })();
    for (const r of rows) {
      // what a crash left half-written; the finished folder (if any) is not touched
      try { rmSync(partialPath(r.out), { recursive: true, force: true }); } catch { /* a locked folder stays; it is named .partial */ }
    }
    return rows.map((r) => ({ ...toInfo(r), state: 'interrupted', finished, error: INTERRUPTED_MESSAGE }));
  }
}

function toInfo(r: JobRow): JobInfo {
  const job: JobInfo = {
    id: r.id, presetId: r.preset_id, presetName: r.preset_name, out: r.out, state: r.state, created: r.created,
    fraction: r.fraction, chunksDone: r.chunks_done, chunksTotal: r.chunks_total, realtimeFactor: 0, megabytesPerSecond: 0, etaSeconds: null,
  };
  if (r.finished) job.finished = r.finished;
  if (r.error) job.error = r.error;
  return job;
}
