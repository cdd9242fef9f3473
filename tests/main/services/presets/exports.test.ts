import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as presets from '../../../../main/services/presets/index.ts';

test('the public exports of the presets service are these (changing them is an API change)', () => {
  assert.deepEqual(Object.keys(presets).sort(), [
    'DATABASE_FILE_NAME', 'PresetStoreError', 'READ_ONLY_MESSAGE', 'SCHEMA_MIGRATIONS', 'SCHEMA_VERSION', 'canonicalJson',
    'openDatabase', 'openPresetStore', 'readSchemaVersion', 'runMigrations',
  ]);
});
