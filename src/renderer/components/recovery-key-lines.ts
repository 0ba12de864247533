/** The recovery key in lines of five groups, easy to read aloud and to copy by hand. */
export const GROUPS_PER_LINE = 5;

export function splitKey(key: string, perLine = GROUPS_PER_LINE): string[][] {
  const groups = key.trim().split('-').filter(Boolean);
  const lines: string[][] = [];
  for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine));
  return lines;
}
