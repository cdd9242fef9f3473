/**
 * The preset being edited: the document (one replace-only value), its live validation, the defaults in effect,
 * autosave (debounced `presets.save`) with its indicator, the version history, and the size estimate. Fields
 * read and write through `get`/`set` by path and claim their path, so the problems no field shows can be listed
 * at the top instead of being lost.
 */
import { getContext, setContext, untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type { ApiClient } from '../../app/api/client.ts';
import type { PresetRecord, PresetVersion, SizeInfo } from '../../app/api/types.ts';
import { DRIFTING_DEFAULTS } from '../../app/presets/defaults.ts';
import type { Problem } from '../../app/presets/problems.ts';
import { resolveParams, type ResolvedParams } from '../../app/presets/resolve.ts';
import type { PresetV1 } from '../../app/presets/types.ts';
import { validatePresetOfAnyKind } from '../../app/presets/validate.ts';
import { errorText } from '../lib/format.ts';
import { belongsTo, getAt, pathText, setAt, type Path } from './doc-path.ts';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

const AUTOSAVE_MS = 600;

/** kwargs dicts whose absence means "SpikeInterface's default dict": copied in before the first edit inside. */
const DEFAULT_DICTS: Record<string, unknown> = {
  generate_unit_locations_kwargs: DRIFTING_DEFAULTS.generate_unit_locations_kwargs,
  generate_displacement_vector_kwargs: DRIFTING_DEFAULTS.generate_displacement_vector_kwargs,
  generate_templates_kwargs: DRIFTING_DEFAULTS.generate_templates_kwargs,
  generate_sorting_kwargs: DRIFTING_DEFAULTS.generate_sorting_kwargs,
  generate_noise_kwargs: DRIFTING_DEFAULTS.generate_noise_kwargs,
};

export class PresetEditor {
  record = $state.raw<PresetRecord | null>(null);
  doc = $state.raw<PresetV1 | null>(null);
  loadError = $state('');
  status = $state<SaveStatus>('saved');
  saveError = $state('');
  savedAt = $state<Date | null>(null);
  history = $state.raw<PresetVersion[]>([]);
  estimate = $state.raw<SizeInfo | null>(null);
  estimateError = $state('');
  /** field paths on screen, with how many fields claim each */
  readonly claims = new SvelteMap<string, number>();

  readOnly = $derived(this.record?.builtin ?? true);
  /** a hybrid preset (real recording + injected templates) is edited by the hybrid sections (editor/hybrid/) */
  hybrid = $derived((this.doc as { kind?: unknown } | null)?.kind === 'hybrid');
  problems = $derived<Problem[]>(this.doc ? validatePresetOfAnyKind(this.doc).problems : []);
  valid = $derived(this.doc !== null && this.problems.length === 0);
  /** the values in effect (defaults filled in), for placeholders and previews; null while the document is broken */
  resolved = $derived.by<ResolvedParams | null>(() => {
    if (!this.doc || this.hybrid) return null;
    try { return resolveParams(this.doc); } catch { return null; }
  });
  unplaced = $derived.by(() => {
    const claimed = [...this.claims.keys()];
    return this.problems.filter((p) => !claimed.some((c) => belongsTo(p.path, c)));
  });

  readonly #api: ApiClient;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #saving: Promise<void> | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async load(id: string): Promise<void> {
    try {
      const rec = await this.#api.presets.get(id);
      this.record = rec;
      this.doc = rec.document;
      this.status = 'saved';
      this.loadError = '';
      void this.refreshHistory();
      void this.refreshEstimate();
    } catch (e) {
      this.loadError = errorText(e);
    }
  }

  get(path: Path): unknown {
    return getAt(this.doc, path);
  }

  /** The value in effect at a document path (`params.x.y` → resolved `x.y`), for placeholders. */
  effective(path: Path): unknown {
    return path[0] === 'params' ? getAt(this.resolved, path.slice(1)) : undefined;
  }

  problemsAt(path: Path): Problem[] {
    const p = pathText(path);
    return this.problems.filter((x) => belongsTo(x.path, p));
  }

  set(path: Path, value: unknown): void {
    if (!this.doc || this.readOnly) return;
    let doc = this.doc;
    // editing inside an absent kwargs dict: start from SpikeInterface's default dict so nothing else changes
    if (path[0] === 'params' && typeof path[1] === 'string' && path.length > 2 && path[1] in DEFAULT_DICTS
        && getAt(doc, path.slice(0, 2)) === undefined) {
      doc = setAt(doc, path.slice(0, 2), structuredClone(DEFAULT_DICTS[path[1]]));
    }
    this.doc = setAt(doc, path, value);
    this.status = 'unsaved';
    this.#schedule();
  }

  /** A whole-document edit (switching the probe source touches three keys at once). */
  edit(fn: (doc: PresetV1) => PresetV1): void {
    if (!this.doc || this.readOnly) return;
    this.doc = fn(this.doc);
    this.status = 'unsaved';
    this.#schedule();
  }

  /** Called from a field's effect: untracked, so claiming does not make the effect depend on the claims. */
  claim(path: string): () => void {
    untrack(() => this.claims.set(path, (this.claims.get(path) ?? 0) + 1));
    return () => untrack(() => {
      const n = (this.claims.get(path) ?? 1) - 1;
      if (n <= 0) this.claims.delete(path);
      else this.claims.set(path, n);
    });
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => { this.#timer = null; void this.flush(); }, AUTOSAVE_MS);
  }

  /** Saves now if anything is unsaved; resolves when the document on screen is saved. */
  async flush(): Promise<void> {
    if (this.#timer) { clearTimeout(this.#timer); this.#timer = null; }
    while (this.#saving) await this.#saving;
    if (this.status !== 'unsaved' || !this.record || !this.doc) return;
    const doc = this.doc;
    this.status = 'saving';
    this.#saving = (async () => {
      try {
        await this.#api.presets.save(this.record!.id, doc as unknown as Record<string, unknown>);
        this.saveError = '';
        this.savedAt = new Date();
        // edited again while saving: stay unsaved and save again
        this.status = this.doc === doc ? 'saved' : 'unsaved';
      } catch (e) {
        this.status = 'error';
        this.saveError = errorText(e);
      }
    })();
    await this.#saving;
    this.#saving = null;
    const after = this.status as SaveStatus; // changed by the save above
    if (after === 'unsaved') this.#schedule();
    else if (after === 'saved') {
      void this.refreshHistory();
      void this.refreshEstimate();
    }
  }

  async refreshHistory(): Promise<void> {
    if (!this.record || this.record.builtin) { this.history = []; return; }
    try { this.history = await this.#api.presets.history(this.record.id); } catch { this.history = []; }
  }

  async refreshEstimate(): Promise<void> {
    if (!this.record || !this.valid) { this.estimate = null; return; }
    try {
      this.estimate = await this.#api.jobs.estimate(this.record.id);
      this.estimateError = '';
    } catch (e) {
      this.estimate = null;
      this.estimateError = errorText(e);
    }
  }

  async restore(versionId: number): Promise<void> {
    if (!this.record) return;
    await this.flush();
    try {
      const rec = await this.#api.presets.restoreVersion(this.record.id, versionId);
      this.record = rec;
      this.doc = rec.document;
      this.status = 'saved';
      void this.refreshHistory();
      void this.refreshEstimate();
    } catch (e) {
      this.saveError = errorText(e);
      this.status = 'error';
    }
  }

  dispose(): void {
    if (this.#timer) { clearTimeout(this.#timer); this.#timer = null; void this.flush(); }
  }
}

const KEY = Symbol('preset-editor');
export const provideEditor = (e: PresetEditor): PresetEditor => setContext(KEY, e);
export const useEditor = (): PresetEditor => getContext<PresetEditor>(KEY);
