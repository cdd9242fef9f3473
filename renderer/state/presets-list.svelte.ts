/** The preset list: search, create from a built-in, duplicate, rename, delete with undo, import, export. */
import type { ApiClient } from '../../app/api/client.ts';
import type { PresetSummary, Problem } from '../../app/api/types.ts';
import { parsePresetText } from '../../app/presets/validate.ts';
import { downloadText } from '../lib/files.ts';
import { errorText } from '../lib/format.ts';
import type { Toasts } from './toasts.svelte.ts';

export class PresetsList {
  items = $state.raw<PresetSummary[]>([]);
  search = $state('');
  loaded = $state(false);
  loadError = $state('');
  /** problems of the last refused import, shown until dismissed */
  importProblems = $state.raw<{ fileName: string; problems: Problem[] } | null>(null);

  builtins = $derived(this.items.filter((p) => p.builtin));
  visible = $derived.by(() => {
    const q = this.search.trim().toLowerCase();
    return q ? this.items.filter((p) => `${p.name} ${p.description ?? ''} ${p.probe ?? ''}`.toLowerCase().includes(q)) : this.items;
  });

  private readonly api: ApiClient;
  private readonly toasts: Toasts;

  constructor(api: ApiClient, toasts: Toasts) {
    this.api = api;
    this.toasts = toasts;
  }

  async refresh(): Promise<void> {
    try {
      this.items = await this.api.presets.list({ includeBuiltins: true });
      this.loadError = '';
    } catch (e) {
      this.loadError = errorText(e);
    } finally {
      this.loaded = true;
    }
  }

  /** A new preset of the user's, copied from a built-in (or any preset); resolves with its id. */
  async createFrom(id: string, name?: string): Promise<string | null> {
    try {
      const rec = await this.api.presets.duplicate(id, name);
      await this.refresh();
      return rec.id;
    } catch (e) {
      this.toasts.error(errorText(e));
      return null;
    }
  }

  async rename(id: string, name: string): Promise<boolean> {
    try {
      await this.api.presets.rename(id, name);
      await this.refresh();
      return true;
    } catch (e) {
      this.toasts.error(errorText(e));
      return false;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      const { name } = await this.api.presets.remove(id);
      await this.refresh();
      this.toasts.show(`Deleted ${name}`, { action: { label: 'Undo', run: () => this.undoRemove(id) } });
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }

  async undoRemove(id: string): Promise<void> {
    try {
      const rec = await this.api.presets.undoRemove(id);
      await this.refresh();
      this.toasts.show(`Restored ${rec.name}`);
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }

  async exportPreset(id: string): Promise<void> {
    try {
      const { fileName, text } = await this.api.presets.exportText(id);
      downloadText(fileName, text);
    } catch (e) {
      this.toasts.error(errorText(e));
    }
  }

  /** Imports a preset file; a bad one is refused with every validation message. Resolves with the new id. */
  async importFile(file: File): Promise<string | null> {
    const text = await file.text();
    // validate here first so that the user sees the problems even before the round trip
    const local = parsePresetText(text);
    if (!local.ok) {
      this.importProblems = { fileName: file.name, problems: local.problems };
      return null;
    }
    try {
      const r = await this.api.presets.importText(text, file.name);
      if (!r.ok) {
        this.importProblems = { fileName: file.name, problems: r.problems };
        return null;
      }
      this.importProblems = null;
      await this.refresh();
      this.toasts.show(`Imported ${r.name}`);
      return r.id;
    } catch (e) {
      this.toasts.error(errorText(e));
      return null;
    }
  }
}
