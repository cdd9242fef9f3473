/** Parsing what people type into number fields, and pasting spreadsheet cells. */

export type Parsed = { ok: true; value: number | undefined } | { ok: false; message: string };

/** '' means "not set" (undefined); anything else must be a finite number. */
export function parseNumber(text: string, integer = false): Parsed {
  const t = text.trim().replace(/^−/, '-');
  if (t === '') return { ok: true, value: undefined };
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, message: `"${text}" is not a number` };
  if (integer && !Number.isInteger(v)) return { ok: false, message: `${text} is not a whole number` };
  return { ok: true, value: v };
}

export function showNumber(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

/** Cells copied from a spreadsheet: tab-, newline-, comma- or space-separated numbers. */
export function parseCells(text: string): { values: number[]; bad: string[] } {
  const cells = text.split(/[\t\r\n,; ]+/).map((c) => c.trim()).filter((c) => c !== '');
  const values: number[] = [];
  const bad: string[] = [];
  for (const c of cells) {
    const v = Number(c.replace(/^−/, '-'));
    if (Number.isFinite(v)) values.push(v);
    else bad.push(c);
  }
  return { values, bad };
}

/** Rows of numbers (one row per line, cells separated by tabs/commas/spaces), e.g. unit locations. */
export function parseRows(text: string, width: number): { rows: number[][]; bad: string[] } {
  const rows: number[][] = [];
  const bad: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const { values, bad: b } = parseCells(line);
    bad.push(...b);
    if (values.length === width) rows.push(values);
    else bad.push(line.trim());
  }
  return { rows, bad };
}
