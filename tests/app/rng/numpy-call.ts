// Runs a recorded numpy call such as "rng.geometric(p=SI_P[:, None], size=(3, 5))" on our Generator,
// so the reference entries are exercised generically from their `call` text, whatever the seed or
// case. Supports the Python subset those calls use: ints (exact, as bigint), floats, a**b, tuples,
// True/False/None, np.float32, np.arange(n), named constants and X[:, None] (one value per row).
import type { Generator } from '../../../app/rng/index.ts';

type Value = bigint | number | boolean | null | string | Value[] | { array: number[]; column: boolean };

export interface CallResult { dtype: string; values: number[] }
export type RunResult = CallResult | string | string[];

const TOKEN = /\s*(\d+\.\d*(?:e[-+]?\d+)?|\d+e[-+]?\d+|\d+|\*\*|[A-Za-z_][\w.]*|[()[\],=:-])/gy;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < src.length && (m = TOKEN.exec(src))) out.push(m[1]);
  if (TOKEN.lastIndex < src.trimEnd().length) throw new Error(`cannot parse ${src}`);
  return out;
}

export interface ParsedCall { method: string; args: Value[]; kwargs: Record<string, Value> }

export function parseCall(text: string, constants: Record<string, number[]>): ParsedCall {
  // "default_rng(seed).bit_generator.random_raw(8)" -> "rng.random_raw(8)"
  const toks = tokenize(text.split('#')[0].trim().replace(/^.*\.bit_generator\./, 'rng.'));
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const take = (t?: string): string => {
    const v = toks[i++];
    if (t !== undefined && v !== t) throw new Error(`expected ${t} got ${v} in ${text}`);
    return v;
  };
  const args = (): { pos: Value[]; kw: Record<string, Value> } => {
    const pos: Value[] = [];
    const kw: Record<string, Value> = {};
    take('(');
    while (peek() !== ')') {
      if (/^[A-Za-z_]\w*$/.test(peek() ?? '') && toks[i + 1] === '=') {
        const k = take();
        take('=');
        kw[k] = expr();
      } else pos.push(expr());
      if (peek() === ',') take(',');
    }
    take(')');
    return { pos, kw };
  };
  const atom = (): Value => {
    const t = take();
    if (t === '-') return neg(atom());
    if (t === '(') {
      const items: Value[] = [];
      while (peek() !== ')') { items.push(expr()); if (peek() === ',') take(','); }
      take(')');
      return items;
    }
    if (/^\d+$/.test(t)) return BigInt(t);
    if (/^\d/.test(t)) return Number(t);
    if (t === 'True' || t === 'False') return t === 'True';
    if (t === 'None') return null;
    if (t === 'np.float32' || t === 'np.float64') return t.slice(3);
    if (t === 'np.arange') {
      const n = Number(args().pos[0]);
      return { array: Array.from({ length: n }, (_, k) => k), column: false };
    }
    if (t in constants) {
      if (peek() === '[') { while (take() !== ']'); return { array: constants[t], column: true }; }
      return { array: constants[t], column: false };
    }
    throw new Error(`unknown name ${t} in ${text}`);
  };
  const expr = (): Value => {
    const a = atom();
    if (peek() !== '**') return a;
    take('**');
    const b = atom();
    return typeof a === 'bigint' && typeof b === 'bigint' ? a ** b : Number(a) ** Number(b);
  };
  const target = take();
  const method = target.slice(target.lastIndexOf('.') + 1);
  const { pos, kw } = args();
  return { method, args: pos, kwargs: kw };
}

function neg(v: Value): Value {
  if (typeof v === 'bigint' || typeof v === 'number') return -v;
  throw new Error('cannot negate');
}

const SIGNATURES: Record<string, string[]> = {
  random_raw: ['size'], random: ['size'], uniform: ['low', 'high', 'size'],
  integers: ['low', 'high', 'size', 'dtype', 'endpoint'], standard_normal: ['size', 'dtype'],
  normal: ['loc', 'scale', 'size'], standard_exponential: ['size'], geometric: ['p', 'size'],
  choice: ['a', 'size', 'replace', 'p'], permutation: ['x'],
};

function bind(c: ParsedCall): Record<string, Value> {
  const names = SIGNATURES[c.method];
  if (!names) throw new Error(`no runner for numpy method ${c.method}`);
  const out: Record<string, Value> = { ...c.kwargs };
  c.args.forEach((v, k) => { out[names[k]] = v; });
  return out;
}

const num = (v: Value): number => Number(v as bigint | number);
const sizeOf = (v: Value): number | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.reduce<number>((a, b) => a * num(b), 1) : num(v);
const f64 = (a: ArrayLike<number>): CallResult => ({ dtype: 'float64', values: Array.from(a) });
const i64 = (a: ArrayLike<number>): CallResult => ({ dtype: 'int64', values: Array.from(a) });

/** Executes the parsed call on `g`; scalars (size None) come back as one-element results or strings. */
export function runCall(g: Generator, c: ParsedCall): RunResult {
  const a = bind(c);
  const n = sizeOf(a.size);
  const count = n ?? 1;
  switch (c.method) {
    case 'random_raw':
      return Array.from({ length: count }, () => g.randomRaw().toString());
    case 'random': return f64(n === null ? [g.random()] : g.randomArray(n));
    case 'uniform': return f64(n === null ? [g.uniform(num(a.low), num(a.high))] : g.uniformArray(num(a.low), num(a.high), n));
    case 'integers': {
      const low = BigInt(a.high === undefined ? 0n : (a.low as bigint));
      const high = BigInt((a.high === undefined ? a.low : a.high) as bigint);
      const endpoint = a.endpoint === true;
      if (n === null) return g.integersBig(low, high, endpoint).toString();
      return i64(g.integersArray(Number(low), Number(high), n, endpoint));
    }
    case 'standard_normal':
      if (a.dtype === 'float32') return { dtype: 'float32', values: Array.from(g.standardNormalFloat32Array(count)) };
      return f64(n === null ? [g.standardNormal()] : g.standardNormalArray(n));
    case 'normal': return f64(n === null ? [g.normal(num(a.loc), num(a.scale))] : g.normalArray(num(a.loc), num(a.scale), n));
    case 'standard_exponential': return f64(n === null ? [g.standardExponential()] : g.standardExponentialArray(n));
    case 'geometric': {
      const p = a.p as Value;
      if (typeof p === 'object' && p !== null && 'array' in p) {
        const cols = Array.isArray(a.size) ? num(a.size[1]) : count / p.array.length;
        return i64(g.geometricMatrix(p.array, cols));
      }
      return i64(n === null ? [g.geometric(num(p))] : g.geometricArray(num(p), n));
    }
    case 'choice': {
      const pop = a.a as Value;
      const population = typeof pop === 'object' && pop !== null && 'array' in pop ? pop.array : num(pop);
      const p = a.p as { array: number[] } | undefined;
      return i64(g.choice(population, count, { replace: a.replace !== false, p: p?.array }));
    }
    case 'permutation': return i64(g.permutation(num(a.x)));
    default: throw new Error(`no runner for ${c.method}`);
  }
}
