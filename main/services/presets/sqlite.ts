/**
 * better-sqlite3, loaded through `createRequire` with the small typed surface this service uses. The package ships
 * no types and @types/better-sqlite3 is not a dependency; typing the few calls here keeps the compiler strict
 * without a global `declare module` that other services would inherit. When @types/better-sqlite3 is added, this
 * file becomes `import Database from 'better-sqlite3'`.
 */
import { createRequire } from 'node:module';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement whose rows have the shape R. */
export interface Statement<R = unknown> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): R | undefined;
  all(...params: unknown[]): R[];
}

export interface SqliteDatabase {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare<R = unknown>(sql: string): Statement<R>;
  exec(sql: string): SqliteDatabase;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wraps fn so that each call runs in one transaction (nested calls become savepoints). */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T;
  close(): SqliteDatabase;
}

export interface SqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** milliseconds to wait for a lock held by another connection */
  timeout?: number;
}

type DatabaseConstructor = new (path: string, options?: SqliteOptions) => SqliteDatabase;

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as DatabaseConstructor;

export function openSqlite(path: string, options?: SqliteOptions): SqliteDatabase {
  return new Database(path, options);
}

/** better-sqlite3's SqliteError carries SQLite's result code as text, e.g. 'SQLITE_CORRUPT'. */
export function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
