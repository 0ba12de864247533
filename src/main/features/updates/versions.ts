/** Release versions: plain `major.minor.patch` (no pre-releases: a charity installs releases only). */
const PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

export function isVersion(text: string): boolean {
  return PATTERN.test(text);
}

/** Negative when a < b, 0 when equal, positive when a > b. Throws on a version that is not `x.y.z`. */
export function compareVersions(a: string, b: string): number {
  const pa = PATTERN.exec(a);
  const pb = PATTERN.exec(b);
  if (!pa || !pb) throw new Error('A version is three whole numbers, like 1.4.2.');
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

export function higherVersion(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}
