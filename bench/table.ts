/** The results as rows, printed as a plain-text table for the terminal and as Markdown for results.md. */

export interface Row {
  readonly scenario: string;
  readonly figure: string;
  readonly measured: string;
  readonly bound: string;
  /** measured / bound; null when the figure has no bound (shown for context). */
  readonly ratio: number | null;
  readonly target: string;
  /** Whether the target is met; null when there is no target. */
  readonly ok: boolean | null;
}

const HEADERS = ['scenario', 'figure', 'measured', 'bound', 'measured/bound', 'target', ''] as const;

function cells(row: Row): string[] {
  return [
    row.scenario,
    row.figure,
    row.measured,
    row.bound,
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.target,
    row.ok === null ? '' : row.ok ? 'met' : 'MISSED',
  ];
}

export function textTable(rows: readonly Row[]): string {
  const body = rows.map(cells);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...body.map((line) => (line[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i >= 2 && i <= 4 ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
  const escape = (value: string) => value.replace(/\|/g, '\\|');
  const header = `| ${HEADERS.map((h) => (h === '' ? 'status' : h)).join(' | ')} |`;
  const align = '|---|---|--:|--:|--:|---|---|';
  return [header, align, ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`)].join('\n');
}

export const ms = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
export const count = (value: number): string => value.toLocaleString('en-US');
