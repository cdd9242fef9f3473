/**
 * The one API client of the renderer: the Electron bridge when the preload put `window.spikegen` there, else the
 * WebSocket of web mode.
 */
import { createApiClient, type ApiClient } from '../../app/api/client.ts';
import { createElectronTransport } from './transport-electron.ts';
import { apiUrl, createWebTransport, findToken, type ConnectionState } from './transport-web.ts';

export interface Connection {
  api: ApiClient;
  mode: 'electron' | 'web';
  onState(listener: (s: ConnectionState) => void): () => void;
}

export function connect(): Connection {
  if (window.spikegen) {
    return { api: createApiClient(createElectronTransport(window.spikegen)), mode: 'electron', onState: (l) => { l('open'); return () => undefined; } };
  }
  const transport = createWebTransport(apiUrl(window.location, findToken(window.location, document.cookie)));
  return { api: createApiClient(transport), mode: 'web', onState: (l) => { l(transport.state); return transport.onState(l); } };
}
