// The 3000-draw streams of rng_reference.json: "n=3000 sequential calls of rng.X() on one
// default_rng(seed)". Besides the values, numpy recorded which draws took more than the usual one
// word (the ziggurat's slow paths: wedge rejections and tails), so the slow paths are checked
// draw by draw by counting the words our bit generator hands out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Generator, Pcg64 } from '../../../app/rng/index.ts';
import { bitsOf, loadRngReference } from './reference.ts';
import { parseCall, runCall, type CallResult } from './numpy-call.ts';
import { assertState, constantsOf, freshGenerator } from './check.ts';

/** Counts 64-bit steps and 32-bit words handed out. */
class CountingPcg64 extends Pcg64 {
  steps = 0;
  words32 = 0;
  override step(): void {
    this.steps++;
    super.step();
  }
  override nextUint32(): number {
    this.words32++;
    return super.nextUint32();
  }
}

const ref = loadRngReference();
const constants = constantsOf(ref);
const CALL = /^n=(\d+) sequential calls of (rng\.[^)]*\([^)]*\)) on one default_rng/;

for (const c of ref.seeds) {
  if (!c.long_streams) continue;
  describe(`default_rng(${c.label}) long streams`, () => {
    for (const [name, s] of Object.entries(c.long_streams ?? {})) {
      const m = CALL.exec(s.call);
      if (!m) throw new Error(`unrecognised long stream call ${s.call}`);
      const n = Number(m[1]);
      const call = parseCall(m[2], constants);
      const want = s.result;
      const unusual = s.draws_with_unusual_word_count;
      const usual = s.words_per_draw_usual;
      const unit = s.word_unit;

      test(`${name}: ${n} sequential draws match numpy bit for bit, with the same slow-path draws`, () => {
        const seeded = freshGenerator(c).bitGenerator.state;
        const bg = new CountingPcg64(seeded.state, seeded.inc);
        const g = new Generator(bg);
        const values: number[] = [];
        const odd: [number, number][] = [];
        for (let i = 0; i < n; i++) {
          const before = unit === 'uint32' ? bg.words32 : bg.steps;
          values.push(...(runCall(g, call) as CallResult).values);
          const used = (unit === 'uint32' ? bg.words32 : bg.steps) - before;
          if (used !== usual) odd.push([i, used]);
        }
        const wantBits = want.bits_hex ?? bitsOf(want.values, want.dtype);
        const gotBits = bitsOf(values, want.dtype);
        const firstBad = gotBits.findIndex((b, i) => b !== wantBits[i]);
        assert.equal(firstBad, -1, `first differing draw ${firstBad}`);
        assert.deepEqual(odd, unusual);
        assertState(bg, s.state_after, name);
      });

      if (s.equals_vectorised_call) {
        test(`${name}: the array call gives the same ${n} values as ${n} scalar calls`, () => {
          const sized = { ...call, args: [...call.args], kwargs: { ...call.kwargs, size: BigInt(n) } };
          const got = runCall(freshGenerator(c), sized) as CallResult;
          assert.deepEqual(bitsOf(got.values, want.dtype), want.bits_hex ?? bitsOf(want.values, want.dtype));
        });
      }
    }
  });
}
