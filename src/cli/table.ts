/** Plain-text tables for the listing verbs: left-aligned columns, two spaces apart. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Numbers as an operator reads them: no float noise (0.30000000000000004 -> 0.3). */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '-';
  return String(Math.round(value * 1000) / 1000);
}
