/**
 * The rules of the Electron IPC, as pure functions (no 'electron' import) so they are tested without the runtime:
 * which sender may call (our window, showing our app:// page — never a frame of another origin), how a call is
 * answered (dispatch: validated against the contract, errors as data), which channels and events the preload
 * lets through, and where the window may navigate.
 */
import { allChannels, type Api } from '../../app/api/contract.ts';
import { dispatch, type DispatchResult } from '../../app/api/dispatch.ts';
import { EVENT_NAMES } from '../../app/api/events.ts';

/** The renderer is served from a privileged custom scheme (see app-protocol.ts), never from file:// or http. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'spikegen';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** IPC channels outside the contract's: events to the page, and the page saying it listens. */
export const EVENT_CHANNEL = 'spikegen:event';
export const READY_CHANNEL = 'spikegen:ready';

/** Arguments the window passes to its preload (a sandboxed preload cannot import the contract). */
export const CHANNELS_ARGUMENT = '--spikegen-channels=';
export const EVENTS_ARGUMENT = '--spikegen-events=';

export function preloadArguments(): string[] {
  return [CHANNELS_ARGUMENT + allChannels().join(','), EVENTS_ARGUMENT + EVENT_NAMES.join(',')];
}

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export interface IpcSender {
  /** event.senderFrame?.url: the frame that sent the call (null when it is gone) */
  frameUrl: string | null | undefined;
  /** event.sender === our window's webContents */
  isOurWindow: boolean;
  /** the frame is the top frame (no iframe, even of our own origin, may call) */
  isMainFrame: boolean;
}

export async function handleIpc(api: Api, sender: IpcSender, channel: unknown, args: unknown, onInternalError?: (e: unknown) => void): Promise<DispatchResult> {
  if (!sender.isOurWindow || !sender.isMainFrame || !isAppUrl(sender.frameUrl)) {
    return { ok: false, error: { kind: 'forbidden', message: 'this call did not come from the Spikegen Studio window, so it was refused' } };
  }
  return dispatch(api, channel, args, onInternalError);
}

/** will-navigate: only our own page (a reload); links to anywhere else are refused. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}
