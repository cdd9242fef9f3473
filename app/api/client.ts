/**
 * The client side: a typed proxy of the whole Api over any transport (Electron preload bridge or WebSocket), built
 * from the contract — no hand-written per-method glue.
 */
import { contract, channelName, type Api, type ServiceName } from './contract.ts';
import { ApiError, isApiErrorData } from './errors.ts';
import type { EventMap, EventName } from './events.ts';

export interface Transport {
  /** resolves with the method's result, or rejects with ApiErrorData (or an Error for transport failures) */
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ApiClient extends Api {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, unknown> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const proxy: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      const channel = channelName(service, method);
      proxy[method] = async (...args: unknown[]) => {
        try {
          return await transport.invoke(channel, args);
        } catch (e) {
          if (isApiErrorData(e)) throw ApiError.fromData(e);
          throw e;
        }
      };
    }
    client[service as ServiceName] = proxy;
  }
  client.on = (event: string, listener: (payload: unknown) => void) => transport.on(event, listener);
  return client as unknown as ApiClient;
}
