/**
 * One error type for everything that can go wrong between Spikegen and the template database, each with a
 * sentence a user can act on. `kind` lets callers (the CLI, the UI) decide whether retrying can help.
 */
export type TemplateDatabaseErrorKind =
  | 'network' // the host could not be reached
  | 'timeout' // no complete answer within the time limit
  | 'aborted' // the caller cancelled
  | 'http' // the server answered with an error status
  | 'not-found' // HTTP 404 for something that must exist
  | 'partial' // the connection closed before the whole body arrived
  | 'corrupt' // bytes arrived but are not a valid chunk / file
  | 'invalid' // the content is well-formed but not what SpikeInterface writes
  | 'offline'; // offline mode and the cache does not hold what is needed

export class TemplateDatabaseError extends Error {
  constructor(readonly kind: TemplateDatabaseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateDatabaseError';
  }
}

/** True for failures a later retry may cure (used by callers that fall back to a cached copy). */
export function isTransient(e: unknown): boolean {
  return e instanceof TemplateDatabaseError && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'partial' || e.kind === 'http');
}
