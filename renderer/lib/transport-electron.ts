/**
 * The Electron transport: the preload (main/electron/preload.cjs) exposes a small generic bridge,
 * `window.spikegen.invoke(channel, args)` — resolving with the result or rejecting with `{kind, message, details}`
 * — and `window.spikegen.on(event, listener)`; main checks channel names against the contract.
 */
import type { Transport } from '../../app/api/client.ts';

export interface SpikegenBridge {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): (() => void) | void;
}

declare global {
  interface Window { spikegen?: SpikegenBridge }
}

export function createElectronTransport(bridge: SpikegenBridge): Transport {
  return {
    invoke: (channel, args) => bridge.invoke(channel, args),
    on(event, listener) {
      const off = bridge.on(event, listener);
      return typeof off === 'function' ? off : () => undefined;
    },
  };
}
