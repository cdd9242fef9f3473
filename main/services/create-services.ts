/**
 * The back end behind all three doors (Electron window, web mode, tests): opens `presets.db` in the data folder
 * (migrating it to APP_SCHEMA_MIGRATIONS), marks the jobs a crash left unfinished as interrupted, and wires the
 * services of the contract. `close()` cancels running jobs, waits for their clean-up, stops the pool and closes
 * the database.
 */
import { join } from 'node:path';
import type { Api } from '../../app/api/contract.ts';
import type { AppInfo } from '../../app/api/types.ts';
import { APP_SCHEMA_MIGRATIONS } from './app-schema.ts';
import { DatasetCatalogue } from './datasets/dataset-catalogue.ts';
import { createDatasetsService, type RevealFolder } from './datasets/datasets-service.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { JobStore } from './jobs/job-store.ts';
import { createJobsService } from './jobs/jobs-service.ts';
import { SharedPool } from './jobs/shared-pool.ts';
import { createPresetsApi, toApiError } from './presets-api.ts';
import { DATABASE_FILE_NAME, openPresetStore, type PresetStoreError } from './presets/index.ts';
import { openSqlite } from './presets/sqlite.ts';
import { ServiceEvents } from './service-events.ts';
import { SettingsService } from './settings/settings-service.ts';
import { createSystemService } from './system/system-service.ts';
import { createHybridService } from './hybrid/hybrid-service.ts';
import { createTemplatesService } from './templates/templates-service.ts';
import { createPreviewService } from './preview/preview-service.ts';
import { createQcService } from './qc/qc-service.ts';
import { createReportsService } from './reports/reports-service.ts';
import { DatasetSources } from './traces/dataset-sources.ts';
import { createTracesService } from './traces/traces-service.ts';
import { ViewerPool } from './traces/viewer-pool.ts';

export interface ServicesOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  /** Electron's shell.openPath; absent in web mode (datasets.reveal then returns the path) */
  revealFolder?: RevealFolder;
  /** the pool's task module (tests pass a failing one); default workers/render-chunk.mjs */
  workerFilename?: string;
}

export interface Services {
  api: Api;
  events: ServiceEvents;
  /** whether a job is running or queued (the window asks before closing) */
  busy(): boolean;
  /** set when a damaged database was moved aside at start-up */
  recovery: PresetStoreError | null;
  close(): Promise<void>;
}

export function createServices(o: ServicesOptions): Services {
  const events = new ServiceEvents();
  const store = openPresetStore(o.dataDir, { migrations: APP_SCHEMA_MIGRATIONS });
  // a second connection for the tables of jobs, datasets and settings: the store keeps its handle private, and WAL
  // lets two connections of one process share the file (better-sqlite3 is synchronous, so they never interleave)
  const db = openSqlite(join(o.dataDir, DATABASE_FILE_NAME), { timeout: 5000 });
  const settings = new SettingsService(db, o.dataDir);
  const jobStore = new JobStore(db);
  jobStore.markInterrupted();
  const catalogue = new DatasetCatalogue(db);
  const pool = new SharedPool(settings.get().workers, o.workerFilename);
  const queue = new JobQueue({ store: jobStore, pool, catalogue, events, concurrentJobs: () => settings.get().concurrentJobs });
  settings.onChange((now) => {
    pool.resize(now.workers);
    queue.pump();
  });
  const loadPreset = async (id: string) => {
    try {
      return store.getValid(id);
    } catch (e) {
      throw toApiError(e);
    }
  };
  const sources = new DatasetSources(catalogue);
  const viewerPool = new ViewerPool();
  // the decimation threads load the engine through tsx (~0.5 s): start them soon after start-up, not when the
  // first dataset opens (its first window should come within a second), and not during start-up itself
  const warmTimer = setTimeout(() => viewerPool.warm(), 1500);
  warmTimer.unref();
  const api: Api = {
    presets: createPresetsApi(store, events),
    jobs: createJobsService({ queue, store: jobStore, settings, loadPreset }),
    datasets: createDatasetsService(catalogue, events, o.revealFolder),
    settings: { get: async () => settings.get(), update: async (change) => settings.update(change) },
    system: createSystemService({ mode: o.mode, dataDir: o.dataDir }),
    traces: createTracesService(sources, viewerPool),
    qc: createQcService(sources),
    preview: createPreviewService(viewerPool),
    reports: createReportsService(sources),
    hybrid: createHybridService(),
    templates: createTemplatesService(o.dataDir),
  };
  let closing: Promise<void> | null = null;
  return {
    api, events, recovery: store.recovery,
    busy: () => queue.busy(),
    close: () => closing ??= (async () => {
      await queue.close();
      await pool.close();
      clearTimeout(warmTimer);
      await viewerPool.close();
      db.close();
      store.close();
    })(),
  };
}
