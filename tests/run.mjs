#!/usr/bin/env node
// Runs the whole suite: type check, lint (including the layer rule), then every tests/**/*.test.ts
// with Node's test runner. Node 20's `--test` does not expand globs, so the files are listed here.
// The runner's closing lines (`# pass N`, `# fail N`) are what CI reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'fixtures' || name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out.sort();
}

// every temporary file of the tests (datasets of hundreds of MB, browser profiles...) goes under one folder that is
// removed at the end, so repeated runs do not fill the disk
const runTmp = mkdtempSync(join(tmpdir(), 'spikegen-test-run-'));
process.on('exit', () => rmSync(runTmp, { recursive: true, force: true }));

function run(label, cmd, args) {
  console.log(`\n== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', TMPDIR: runTmp } });
  return r.status ?? 1;
}

let failed = 0;
if (only.length === 0) {
  failed += run('typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']) ? 1 : 0;
  failed += run('lint', process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.']) ? 1 : 0;
}
const files = only.length ? only : findTests(join(root, 'tests'));
// spec for people, TAP into a file for the counts of the closing line
const tapDir = mkdtempSync(join(tmpdir(), 'spikegen-tests-'));
const tapFile = join(tapDir, 'results.tap');
const status = run(`tests (${files.length} files)`, process.execPath, ['--import', 'tsx', '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, '--test-concurrency=2', ...files]);
const tap = readFileSync(tapFile, 'utf8');
rmSync(tapDir, { recursive: true, force: true });
const count = (key) => Number((new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap) ?? [])[1] ?? 0);
const passed = count('pass');
const failedTests = count('fail') + count('cancelled');
if (failed) console.error(`\n${failed} static check(s) failed (typecheck/lint above)`);
console.log(`\n${passed} passed, ${failedTests + failed} failed, ${count('skipped') + count('todo')} skipped`);
process.exit(status || (failed ? 1 : 0));
