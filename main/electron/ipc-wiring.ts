/**
 * Connects the services to the window: one ipcMain handler per contract channel (all through handleIpc, so the
 * sender check and validation are the tested ones), events forwarded once the page says it is ready.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { allChannels } from '../../app/api/contract.ts';
import type { Services } from '../services/create-services.ts';
import { EVENT_CHANNEL, handleIpc, READY_CHANNEL, type IpcSender } from './ipc-policy.ts';
import { RendererEvents } from './renderer-events.ts';

function sender(event: IpcMainInvokeEvent | IpcMainEvent, win: BrowserWindow | null): IpcSender {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url, isOurWindow: win !== null && !win.isDestroyed() && event.sender === win.webContents,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

export function wireIpc(services: Services, window: () => BrowserWindow | null): { attach(win: BrowserWindow): void } {
  const logError = (e: unknown) => console.error('internal error:', e);
  for (const channel of allChannels()) {
    ipcMain.handle(channel, (event, args: unknown) => handleIpc(services.api, sender(event, window()), channel, args, logError));
  }
  let events: RendererEvents | null = null;
  ipcMain.on(READY_CHANNEL, (event) => {
    const s = sender(event, window());
    if (s.isOurWindow && s.isMainFrame) events?.markReady();
  });
  services.events.onAny((event, payload) => events?.push(event, payload));
  return {
    attach(win) {
      events = new RendererEvents((m) => { if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, m); });
      win.webContents.on('did-start-loading', () => events?.markLoading());
    },
  };
}
