// The generated ziggurat tables (app/rng/ziggurat-*-tables.ts) hold numpy's constants bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nor from '../../../app/rng/ziggurat-normal-tables.ts';
import * as exp from '../../../app/rng/ziggurat-exp-tables.ts';
import { f32Hex, f64Hex, loadZigguratJson } from './reference.ts';

const zig = loadZigguratJson();
const tables: Record<string, Float64Array> = {
  ki_double: nor.KI_DOUBLE, wi_double: nor.WI_DOUBLE, fi_double: nor.FI_DOUBLE,
  ki_float: nor.KI_FLOAT, wi_float: nor.WI_FLOAT, fi_float: nor.FI_FLOAT,
  ke_double: exp.KE_DOUBLE, we_double: exp.WE_DOUBLE, fe_double: exp.FE_DOUBLE,
};

for (const [key, ours] of Object.entries(tables)) {
  test(`${key} equals numpy's ziggurat_constants.h entry by entry`, () => {
    const t = zig.tables[key];
    assert.equal(ours.length, t.len);
    if (t.bits_hex) {
      const hex = t.ctype === 'float' ? f32Hex : f64Hex;
      assert.deepEqual(Array.from(ours, (v) => hex(v)), t.bits_hex);
    } else {
      assert.deepEqual(Array.from(ours, (v) => BigInt(v).toString()), t.values.map(String));
    }
  });
}

test('the ziggurat scalars equal numpy bit for bit', () => {
  const pairs: [number, string][] = [
    [nor.NOR_R, 'ziggurat_nor_r'], [nor.NOR_INV_R, 'ziggurat_nor_inv_r'], [nor.NOR_R_F, 'ziggurat_nor_r_f'],
    [nor.NOR_INV_R_F, 'ziggurat_nor_inv_r_f'], [exp.EXP_R, 'ziggurat_exp_r'],
  ];
  for (const [v, key] of pairs) {
    const s = zig.scalars[key];
    assert.equal(s.ctype === 'float' ? f32Hex(v) : f64Hex(v), s.bits_hex, key);
  }
});
