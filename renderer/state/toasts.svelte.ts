/** Short messages at the bottom of the window, some with one action (Undo). */
export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
}

export class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;

  show(text: string, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}): number {
    const id = this.#next++;
    this.items = [...this.items, { id, text, kind: opts.kind ?? 'info', action: opts.action }];
    setTimeout(() => this.dismiss(id), opts.ms ?? (opts.action ? 10_000 : 5_000));
    return id;
  }

  error(text: string): number {
    return this.show(text, { kind: 'error', ms: 10_000 });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}
