'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity (see above) */
// The sandboxed preload (CommonJS, no Node APIs): exposes `window.spikegen = { invoke(channel, args), on(event, cb) }`,
// a generic bridge the renderer's typed client (app/api/client.ts) runs over. Only the contract's channels and
// events pass; main sends their names as arguments (see ipc-policy.ts preloadArguments) because a sandboxed preload
// cannot import the contract. invoke resolves with the result or rejects with {kind, message, details}.
const { contextBridge, ipcRenderer } = require('electron');

const EVENT_CHANNEL = 'spikegen:event';
const READY_CHANNEL = 'spikegen:ready';

function listArgument(prefix) {
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return new Set(arg ? arg.slice(prefix.length).split(',').filter(Boolean) : []);
}

const channels = listArgument('--spikegen-channels=');
const events = listArgument('--spikegen-events=');
const listeners = new Map();
let readySent = false;

ipcRenderer.on(EVENT_CHANNEL, (_event, message) => {
  const set = message && listeners.get(message.event);
  if (!set) return;
  for (const listener of [...set]) {
    try { listener(message.payload); } catch (e) { console.error(e); }
  }
});

contextBridge.exposeInMainWorld('spikegen', {
  invoke(channel, args) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.reject({ kind: 'invalid-argument', message: `"${String(channel).slice(0, 100)}" is not a method of the Spikegen Studio API` });
    }
    return ipcRenderer.invoke(channel, Array.isArray(args) ? args : []).then((r) => (r && r.ok ? r.result : Promise.reject(r && r.error)));
  },
  on(event, listener) {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`"${String(event).slice(0, 100)}" is not an event of the Spikegen Studio API`);
    if (typeof listener !== 'function') throw new TypeError('on(event, listener) needs a function');
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    if (!readySent) {
      // the page subscribes to several events in one go at start-up: say ready once they are all registered
      readySent = true;
      setTimeout(() => ipcRenderer.send(READY_CHANNEL), 0);
    }
    return () => { listeners.get(event)?.delete(listener); };
  },
});
