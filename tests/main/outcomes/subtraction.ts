/**
 * Checks that no count from 1 to 4 can be worked out by subtraction from what a page or file
 * shows: in a breakdown (a total and its parts), a hidden part means the total is not exact; and
 * among nested counts of the same men, no two exact numbers shown are 1 to 4 apart.
 */
import { plainText } from '../reports/docx';

export const exact = (v: string) => /^\d+$/.test(v.trim());
const SMALL = /^[1-4]$/;

/** Problems found in one breakdown: its total and its parts as shown. */
export function breakdownProblems(where: string, total: string, parts: string[]): string[] {
  const problems: string[] = [];
  for (const p of [total, ...parts]) if (SMALL.test(p.trim())) problems.push(`${where}: a count of ${p} is shown`);
  if (exact(total) && parts.some((p) => !exact(p) && p !== '—')) problems.push(`${where}: the total ${total} is exact beside a hidden part (${parts.join(' | ')})`);
  return problems;
}

/** Problems among nested counts (each a subset of the one before): two exact ones 1 to 4 apart. */
export function nestedProblems(where: string, shown: number[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < shown.length; i++) {
    if (shown[i]! >= 1 && shown[i]! <= 4) problems.push(`${where}: ${shown[i]} shown`);
    for (let j = i + 1; j < shown.length; j++) {
      const d = Math.abs(shown[i]! - shown[j]!);
      if (d >= 1 && d <= 4) problems.push(`${where}: ${shown[i]} and ${shown[j]} give ${d} by subtraction`);
    }
  }
  return problems;
}

/** The Word document's tables: each a list of rows of cell texts, the header row first. */
export function docxTables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => plainText(c[1]!).replace(/\s+/g, ' ').trim())),
  );
}

/** The breakdowns in an outcomes table (distribution: People + bands; change: People with both + Better/Same/Worse). */
export function outcomeTableProblems(where: string, header: string[], rows: string[][]): string[] {
  const problems: string[] = [];
  if (header[1] === 'People') for (const r of rows) problems.push(...breakdownProblems(`${where} ${r[0]}`, r[1]!, r.slice(2)));
  if (header[1] === 'People with both') for (const r of rows) problems.push(...breakdownProblems(`${where} ${r[0]}`, r[1]!, r.slice(2, 5)));
  return problems;
}
