/**
 * THE contract between the UI and the back end, written once. Each service is a set of methods; each method
 * declares a zod schema of its arguments (validated at the boundary: the renderer is untrusted) and, as a type
 * only, its result. Channel names derive from it (`spikegen:<service>.<method>`); the client proxy, the Electron
 * IPC wiring and the web server all iterate over this object, so there is no per-method glue to keep in sync.
 */
import { z } from 'zod';
import type {
  AppInfo, DatasetInfo, ImportResult, JobInfo, PresetRecord, PresetSummary, PresetVersion, SaveResult, Settings, SizeInfo,
} from './types.ts';
import type { Problem } from '../presets/problems.ts';
import type {
  BinaryResult, DriftQc, RasterMeta, ReportInfo, SpikeMarkers, TemplatesMeta, TraceInfo, TraceWindowMeta, UnitsQc,
} from './viewer-types.ts';
import type { RecordingInspection, TemplateListing, TemplateThumbnail } from './hybrid-api-types.ts';

/** A method: its argument tuple schema and (phantom) result type. */
export interface MethodSpec<A extends z.ZodTuple, R> {
  args: A;
  /** never set: carries the result type */
  result?: R;
}

function method<R>() {
  return <A extends z.ZodTuple>(args: A): MethodSpec<A, R> => ({ args });
}

const id = z.string().min(1).max(200);
/** A preset document crosses as unknown JSON: the service validates it with the preset rules and reports problems. */
const presetDocument = z.record(z.string(), z.unknown());
const jobOptions = z.strictObject({
  out: z.string().min(1).max(4096).optional(),
  dtype: z.enum(['int16', 'float32']).optional(),
  workers: z.number().int().min(1).max(256).optional(),
  chunkSeconds: z.number().positive().max(60).optional(),
  exports: z.strictObject({ kilosort: z.boolean().optional(), spikeglx: z.boolean().optional() }).optional(),
});

const sample = z.number().int().min(0).max(2 ** 50);
const recordings = z.array(z.enum(['static', 'drifting'])).min(1).max(2);
const unitList = z.array(z.number().int().min(0).max(1_000_000)).max(10_000);
/** a window: samples [start, end), channels [channelStart, channelEnd), decimated to `pixels` columns */
const windowFields = {
  start: sample, end: sample,
  channelStart: z.number().int().min(0).max(100_000), channelEnd: z.number().int().min(1).max(100_000),
  pixels: z.number().int().min(1).max(8192),
  recordings: recordings.optional(),
  /** requests with the same view key supersede each other: only the newest is answered, older ones fail 'cancelled' */
  view: z.string().max(200).optional(),
};
const baseUrl = z.string().url().max(2000).optional();
const templateRef = z.strictObject({ dataset: z.string().min(1).max(500), templateIndex: z.number().int().min(0).max(10_000_000) });
const figureName = z.enum(['drift', 'raster', 'templates', 'traces', 'amplitudes']);

export const contract = {
  presets: {
    list: method<PresetSummary[]>()(z.tuple([z.strictObject({ search: z.string().max(200).optional(), includeBuiltins: z.boolean().optional() })])),
    get: method<PresetRecord>()(z.tuple([id])),
    create: method<PresetRecord>()(z.tuple([presetDocument])),
    duplicate: method<PresetRecord>()(z.tuple([id, z.string().min(1).max(200).optional()])),
    rename: method<PresetRecord>()(z.tuple([id, z.string().min(1).max(200)])),
    remove: method<{ id: string; name: string }>()(z.tuple([id])),
    undoRemove: method<PresetRecord>()(z.tuple([id])),
    save: method<SaveResult>()(z.tuple([id, presetDocument])),
    history: method<PresetVersion[]>()(z.tuple([id])),
    restoreVersion: method<PresetRecord>()(z.tuple([id, z.number().int().nonnegative()])),
    exportText: method<{ fileName: string; text: string }>()(z.tuple([id])),
    importText: method<ImportResult>()(z.tuple([z.string().max(50_000_000), z.string().max(4096).optional()])),
    validate: method<Problem[]>()(z.tuple([presetDocument])),
  },
  jobs: {
    start: method<JobInfo>()(z.tuple([id, jobOptions.optional()])),
    list: method<JobInfo[]>()(z.tuple([])),
    cancel: method<JobInfo>()(z.tuple([id])),
    estimate: method<SizeInfo>()(z.tuple([id, jobOptions.optional()])),
  },
  datasets: {
    list: method<DatasetInfo[]>()(z.tuple([])),
    /** opens the folder in the system file manager (Electron); in web mode returns the path to show */
    reveal: method<{ path: string; opened: boolean }>()(z.tuple([id])),
    forget: method<void>()(z.tuple([id])),
    /** adds an existing dataset folder (one with dataset.json) to the catalogue */
    add: method<DatasetInfo>()(z.tuple([z.string().min(1).max(4096)])),
  },
  traces: {
    open: method<TraceInfo>()(z.tuple([id])),
    window: method<BinaryResult<TraceWindowMeta>>()(z.tuple([z.strictObject({ dataset: id, ...windowFields })])),
    spikes: method<SpikeMarkers>()(z.tuple([z.strictObject({
      dataset: id, start: sample, end: sample, units: unitList.optional(), maxSpikes: z.number().int().min(1).max(200_000).optional(),
    })])),
  },
  qc: {
    units: method<UnitsQc>()(z.tuple([id])),
    drift: method<DriftQc>()(z.tuple([z.strictObject({ dataset: id, units: unitList.optional() })])),
    raster: method<BinaryResult<RasterMeta>>()(z.tuple([z.strictObject({ dataset: id, maxSpikes: z.number().int().min(1).max(5_000_000).optional() })])),
    templates: method<BinaryResult<TemplatesMeta>>()(z.tuple([z.strictObject({
      dataset: id, unit: z.number().int().min(0), steps: z.array(z.number().int().min(0)).max(64).optional(),
    })])),
  },
  preview: {
    /** a window of a preset (saved or not) rendered on the fly, decimated like traces.window */
    window: method<BinaryResult<TraceWindowMeta>>()(z.tuple([z.strictObject({ preset: presetDocument, ...windowFields })])),
  },
  reports: {
    /** writes <dataset>/report.html (self-contained) */
    write: method<ReportInfo>()(z.tuple([id])),
    /** one figure of the report as SVG text (the views' "export SVG") */
    figure: method<{ svg: string }>()(z.tuple([z.strictObject({
      dataset: id, figure: figureName, unit: z.number().int().min(0).optional(), step: z.number().int().min(0).optional(),
      start: sample.optional(), end: sample.optional(),
      channelStart: z.number().int().min(0).optional(), channelEnd: z.number().int().min(1).optional(),
      recordings: recordings.optional(),
    })])),
  },
  hybrid: {
    /** opens a recording on the back end's machine (the path is local to it) and describes it, or fails with a sentence */
    inspectRecording: method<RecordingInspection>()(z.tuple([z.strictObject({
      format: z.enum(['spikeglx', 'openephys', 'spikeinterface', 'raw']), path: z.string().min(1).max(4096),
      stream: z.string().min(1).max(200).optional(), dtype: z.enum(['int16', 'uint16', 'int32', 'float32', 'float64']).optional(),
      num_channels: z.number().int().min(1).max(100_000).optional(), sampling_frequency: z.number().positive().optional(),
      probe_path: z.string().min(1).max(4096).optional(),
    })])),
  },
  templates: {
    /** rows of the template database's templates.csv that pass the filters (base URL default: the public bucket) */
    list: method<TemplateListing>()(z.tuple([z.strictObject({
      baseUrl, brainAreas: z.array(z.string().max(200)).max(500).optional(),
      minDepth: z.number().optional(), maxDepth: z.number().optional(), minAmplitude: z.number().optional(), maxAmplitude: z.number().optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    })])),
    /** the waveforms of some templates on their best channels (downloads only their chunks; cached) */
    thumbnails: method<TemplateThumbnail[]>()(z.tuple([z.strictObject({
      baseUrl, templates: z.array(templateRef).min(1).max(200), channels: z.number().int().min(1).max(16).optional(),
    })])),
  },
  settings: {
    get: method<Settings>()(z.tuple([])),
    update: method<Settings>()(z.tuple([z.strictObject({
      workers: z.number().int().min(1).max(256).optional(),
      concurrentJobs: z.number().int().min(1).max(16).optional(),
      datasetsFolder: z.string().min(1).max(4096).optional(),
    })])),
  },
  system: {
    info: method<AppInfo>()(z.tuple([])),
  },
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;
export type MethodName<S extends ServiceName> = keyof Contract[S] & string;

type ArgsOf<M> = M extends MethodSpec<infer A, unknown> ? z.infer<A> : never;
type ResultOf<M> = M extends MethodSpec<z.ZodTuple, infer R> ? R : never;

/** The typed API the renderer calls and main implements: every method returns a promise. */
export type Api = {
  [S in ServiceName]: {
    [M in MethodName<S>]: (...args: ArgsOf<Contract[S][M]>) => Promise<ResultOf<Contract[S][M]>>;
  };
};

export const CHANNEL_PREFIX = 'spikegen:';

export function channelName(service: string, method: string): string {
  return `${CHANNEL_PREFIX}${service}.${method}`;
}

/** All channel names of the contract (the preload and the server accept only these). */
export function allChannels(): string[] {
  return Object.entries(contract).flatMap(([s, methods]) => Object.keys(methods).map((m) => channelName(s, m)));
}

/** Looks up a channel; undefined when it is not part of the contract. */
export function lookupChannel(channel: string): { service: ServiceName; method: string; spec: MethodSpec<z.ZodTuple, unknown> } | undefined {
  if (!channel.startsWith(CHANNEL_PREFIX)) return undefined;
  const [service, method, ...rest] = channel.slice(CHANNEL_PREFIX.length).split('.');
  if (rest.length > 0 || !Object.hasOwn(contract, service)) return undefined;
  const methods = contract[service as ServiceName] as Record<string, MethodSpec<z.ZodTuple, unknown>>;
  if (!Object.hasOwn(methods, method)) return undefined;
  return { service: service as ServiceName, method, spec: methods[method] };
}
