// Every entry under seeds[*].draws of rng_reference.json, run from its recorded numpy call text on a
// fresh generator (or, for seq_* entries, chained on one generator) and compared bit for bit,
// together with the bit generator state afterwards (including the buffered 32-bit half).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSeq, loadRngReference, type DrawEntry, type SeqEntry } from './reference.ts';
import { parseCall, runCall } from './numpy-call.ts';
import { assertResult, assertState, constantsOf, freshGenerator, stateAfterDraws } from './check.ts';

const ref = loadRngReference();
const constants = constantsOf(ref);

test('the reference was made by numpy 1.24.2', () => {
  assert.equal(ref.numpy_version, '1.24.2');
});

for (const c of ref.seeds) {
  describe(`default_rng(${c.label})`, () => {
    for (const [name, entry] of Object.entries(c.draws)) {
      if (isSeq(entry)) continue;
      const e = entry as DrawEntry;
      test(`${name}: ${e.call.split('#')[0].trim()} matches numpy bit for bit and leaves the same state`, () => {
        const g = freshGenerator(c);
        const got = runCall(g, parseCall(e.call, constants));
        assertResult(got, e.result, name);
        assertState(g.bitGenerator, e.state_after, name);
      });
      test(`${name}: consumes ${e.uint64_consumed} uint64 words`, () => {
        const jumped = stateAfterDraws(c, e.uint64_consumed);
        assert.equal(jumped.state.state.toString(), e.state_after.state);
      });
    }
    for (const [name, entry] of Object.entries(c.draws)) {
      if (!isSeq(entry)) continue;
      const e = entry as SeqEntry;
      test(`${name}: chained calls on one generator match numpy step by step`, () => {
        const g = freshGenerator(c);
        e.steps.forEach((step, k) => {
          const where = `${name} step ${k} ${step.call}`;
          assertResult(runCall(g, parseCall(step.call, constants)), step.result, where);
          assertState(g.bitGenerator, step.state_after, where);
        });
      });
    }
  });
}
