/** Plain-text tables for the benchmark report: a title, a header row, right-aligned figures. */

export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (targets, what was skipped and why). */
  readonly notes?: readonly string[];
}

/** Renders tables one after another; the first column is left-aligned, the others right-aligned. */
export function renderTables(tables: readonly Table[]): string {
  return tables.map(renderTable).join('\n');
}

function renderTable(t: Table): string {
  const all = [t.header, ...t.rows];
  const widths = t.header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [`## ${t.title}`, line(t.header), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)];
  for (const n of t.notes ?? []) out.push(`  * ${n}`);
  return `${out.join('\n')}\n`;
}

/** A figure with sensible precision: 3 significant digits below 100, integers above. */
export function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const s = Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString();
  return unit ? `${s} ${unit}` : s;
}
