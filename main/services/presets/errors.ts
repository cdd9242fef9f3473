/**
 * The errors of the presets service a user can see. Each is a sentence saying what was wrong and what to do, with a
 * `kind` the UI can switch on and `details` for the rest (the validation problems, where a damaged file went). The
 * API contract carries them as `{kind, message, details}` (see `toJSON`).
 */
import type { Problem } from '../../../app/presets/index.ts';

export type PresetStoreErrorKind =
  | 'not-found'        // no preset (or version) with that id, or it is in the trash
  | 'read-only'        // a built-in preset was to be changed
  | 'invalid'          // a document or a name failed validation; details.problems says why
  | 'name-taken'       // another preset already has that name
  | 'corrupt-database' // the database file is damaged; details.movedTo says where it was kept
  | 'newer-database'   // the database was written by a newer Spikegen Studio
  | 'unavailable';     // the database could not be opened (permissions, locked, disk)

export interface PresetStoreErrorDetails {
  problems?: Problem[];
  id?: string;
  path?: string;
  movedTo?: string;
  schemaVersion?: number;
  supportedVersion?: number;
  cause?: string;
}

export class PresetStoreError extends Error {
  readonly kind: PresetStoreErrorKind;
  readonly details: PresetStoreErrorDetails;

  constructor(kind: PresetStoreErrorKind, message: string, details: PresetStoreErrorDetails = {}) {
    super(message);
    this.name = 'PresetStoreError';
    this.kind = kind;
    this.details = details;
  }

  toJSON(): { kind: PresetStoreErrorKind; message: string; details: PresetStoreErrorDetails } {
    return { kind: this.kind, message: this.message, details: this.details };
  }
}

export const READ_ONLY_MESSAGE = 'built-in presets are read-only: duplicate it to edit';

export function readOnly(id: string): PresetStoreError {
  return new PresetStoreError('read-only', READ_ONLY_MESSAGE, { id });
}

export function notFound(id: string, inTrash = false): PresetStoreError {
  return new PresetStoreError('not-found', inTrash
    ? `the preset "${id}" is in the trash: undo its removal to use it again`
    : `no preset has the id "${id}": it may have been deleted permanently; reload the list`, { id });
}

export function nameTaken(name: string): PresetStoreError {
  return new PresetStoreError('name-taken', `another preset is already named "${name}": choose another name`,
    { problems: [{ path: 'name', message: 'is already used by another preset' }] });
}
