// Plain aligned columns for terminal output: two spaces between columns, no borders, so it copies cleanly.
import { terminalLine } from './terminal-text';

/** Cells are shown on one line each, with any control character made visible (they may hold anyone's text). */
export function formatTable(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map(terminalLine));
  const widths = headers.map((header, column) => Math.max(width(header), ...rows.map((row) => width(row[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** One line of at most `max` characters: newlines folded, an ellipsis where it was cut. */
export function oneLine(text: string, max: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const characters = [...folded];
  return characters.length <= max ? folded : `${characters.slice(0, max - 1).join('')}…`;
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}
