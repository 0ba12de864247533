/**
 * The program's log. It never receives personal data: callers pass fixed
 * messages, and for errors only the error's class, code and stack frames are
 * written (an error's message can quote a value, so it is left out).
 */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [`${err.name}${code ? ` (${String(code)})` : ''}`, ...frames.slice(0, 8)].join('\n');
}

export const log = {
  info(message: string): void {
    console.log(`[case-manager] ${message}`);
  },
  error(message: string, err?: unknown, reference?: string): void {
    console.error(`[case-manager] ${reference ? `[${reference}] ` : ''}${message}${err ? `\n${describe(err)}` : ''}`);
  },
};
