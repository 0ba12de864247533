// Reads StrykerJS's JSON report (reports/mutation/mutation.json, written by
// `stryker run stryker.config.mjs`) and prints the mutation score per file and
// overall, writes them as figures in the benchmark's format
// ([{ name, value, unit }], reports/mutation/figures.json), and fails when a
// file is under the bar (85%, issue 20). The score is Stryker's own: killed and
// timed-out mutants over all valid ones (survived and not covered count against;
// compile and runtime errors and ignored mutants are left out).
import { readFileSync, writeFileSync } from 'node:fs';

const BAR = 85;
const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const figures = [];
let allDetected = 0;
let allValid = 0;
let below = 0;
for (const [file, { mutants }] of Object.entries(report.files).sort()) {
  const d = mutants.filter((m) => detected.has(m.status)).length;
  const u = mutants.filter((m) => undetected.has(m.status)).length;
  allDetected += d;
  allValid += d + u;
  const score = d + u ? (100 * d) / (d + u) : 100;
  if (score < BAR) below += 1;
  figures.push({ name: `mutation score ${file}`, value: Math.round(score * 100) / 100, unit: '%' });
  console.log(`${score.toFixed(2).padStart(6)}%  ${file}  (${d} of ${d + u} mutants detected)${score < BAR ? `  UNDER ${BAR}%` : ''}`);
}
const overall = allValid ? (100 * allDetected) / allValid : 100;
figures.push({ name: 'mutation score (all files)', value: Math.round(overall * 100) / 100, unit: '%' });
console.log(`${overall.toFixed(2).padStart(6)}%  all files  (${allDetected} of ${allValid})`);
writeFileSync('reports/mutation/figures.json', `${JSON.stringify(figures, null, 2)}\n`);
if (below) {
  console.error(`${below} file(s) under ${BAR}%.`);
  process.exitCode = 1;
}
