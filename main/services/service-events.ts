/**
 * The back end's event bus: services emit the contract's events (`app/api/events.ts`) here, and each door (the
 * Electron window, the web socket) forwards them to its UI. Typed by EventMap so a payload cannot drift from the
 * contract.
 */
import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../app/api/events.ts';

export type AnyEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export class ServiceEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // every open window or socket adds a listener; the default limit of 10 would warn with a few browser tabs
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
    this.emitter.emit('*', event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Every event, with its name: what a transport forwards. */
  onAny(listener: AnyEventListener): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}
