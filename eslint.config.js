// Lint: TypeScript rules plus the layer rule of DESIGN.md ("one direction of imports").
import tseslint from 'typescript-eslint';

/** Import patterns a layer must not use. Paths are matched on the import specifier. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net'];
const ELECTRON = ['electron', 'electron/*'];
const OUTER_LAYERS = ['**/main/**', '**/workers/**', '**/renderer/**', '**/bench/**', '**/tests/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'bench/results/**', '**/*.svelte', 'tests/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // app/ is the pure domain: no outer layers, no Electron, no SQLite, no Node built-ins
    files: ['app/**/*.ts'],
    ignores: ['app/formats/**', 'app/hybrid/**'],
    rules: forbid([...OUTER_LAYERS, ...ELECTRON, 'better-sqlite3', 'piscina', ...NODE_BUILTINS],
      'app/ is pure: it imports only app/ (Node built-ins only in app/formats and app/hybrid). See DESIGN.md.'),
  },
  {
    files: ['app/formats/**/*.ts', 'app/hybrid/**/*.ts'],
    rules: forbid([...OUTER_LAYERS, ...ELECTRON, 'better-sqlite3', 'piscina'],
      'app/formats and app/hybrid may use Node built-ins but no outer layer. See DESIGN.md.'),
  },
  {
    files: ['workers/**/*.ts'],
    rules: forbid(['**/main/**', '**/renderer/**', ...ELECTRON, 'better-sqlite3'],
      'workers/ are thin piscina tasks: they import app/ only. See DESIGN.md.'),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: forbid(['**/renderer/**', ...ELECTRON],
      'Electron appears only in main/electron/; main never imports the renderer. See DESIGN.md.'),
  },
  {
    files: ['renderer/**/*.ts'],
    rules: forbid(['**/main/**', '**/workers/**', ...ELECTRON, 'better-sqlite3', 'piscina', ...NODE_BUILTINS],
      'renderer/ knows only app/api types and pure app/presets helpers. See DESIGN.md.'),
  },
);
