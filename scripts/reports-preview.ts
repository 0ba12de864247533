/**
 * npx tsx scripts/reports-preview.ts [--out <folder>]
 *
 * As an npm script: "reports:preview": "tsx scripts/reports-preview.ts --out reports-preview"
 *
 * Builds every kind of report and letter from the demo data in a temporary
 * encrypted database, converts each to PDF with LibreOffice and renders its
 * pages as PNG images (60 dpi) for a person to look at. Needs `soffice`
 * (libreoffice-writer-nogui) and `pdftoppm` (poppler-utils). Exits non-zero if
 * any document fails to convert. The demo data is invented: no real person's
 * data is written anywhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../src/main/demo/seed';
import { TEST_KDF } from '../src/main/vault/vault';
import type { RouteInput, RouteName, RouteOutput } from '../src/shared/api';
import { addDays, todayInLondon } from '../src/shared/dates';
import { reportTypeNames, reportTypes, type ReportType } from '../src/shared/features/reports';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'reports-preview' } } });
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dvpp-preview-'));
  const backend = await createBackend({ dataDir, kdf: TEST_KDF });
  const call = async <R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>> => {
    const r = await backend.invoke(route, input, { verified: true });
    if (!r.ok) throw new Error(`${route}: ${r.error.message}`);
    return r.value as RouteOutput<R>;
  };
  let failed = 0;
  try {
    await seedDemo(backend);
    const m = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
    await call('auth.login', { username: m.username, password: m.password });
    const men = (await call('participants.list', { status: 'active', pageSize: 200 })).rows.filter((r) => r.canOpen);
    let man = men[0]!.id;
    let sessionId = '';
    let best = -1;
    let missed = man;
    for (const r of men) {
      const s = await call('attendance.summary', { participantId: r.id });
      if ((s?.sessions.length ?? 0) > best) {
        best = s!.sessions.length;
        man = r.id;
        sessionId = s!.sessions.at(-1)!.sessionId;
      }
      if (s?.sessions.some((x) => x.attendance === 'absent_no_reason' || x.attendance === 'absent_reason'))
        missed = r.id;
    }
    // The end letter is about a man who has completed.
    const done =
      (await call('participants.list', { status: 'completed', pageSize: 50 })).rows.find((r) => r.canOpen)?.id ?? man;
    const today = todayInLondon();
    // Letters need an address on his record (the demo leaves it empty).
    for (const id of new Set([man, missed, done])) {
      const rec = await call('participants.get', { id });
      await call('participants.updateDetails', {
        id,
        version: rec.version,
        details: { ...rec.details, address: '1 Example Road, Exampletown, EX1 1AA' },
      });
    }
    for (const type of reportTypeNames as ReportType[]) {
      const def = reportTypes[type];
      try {
        const who = type === 'letter_missed_session' ? missed : type === 'letter_end' ? done : man;
        const c = await call('reports.create', {
          type,
          participantId: def.subject === 'participant' ? who : null,
          sessionId: def.subject === 'session' ? sessionId : null,
          periodFrom: def.period ? addDays(today, -365) : '',
          periodTo: def.period ? today : '',
        });
        const u = await call('reports.update', {
          id: c.id,
          version: c.version,
          periodFrom: c.periodFrom,
          periodTo: c.periodTo,
          recipient: c.recipient,
          recipientName: c.recipientName,
          sections: Object.fromEntries(def.sections.map((s) => [s.key, `Example ${s.label.toLowerCase()}.`])),
        });
        let version = u.version;
        if (def.needsSignOff) {
          if (u.blockers.length) {
            console.log(`${type}: skipped: ${u.blockers.join(' ')}`);
            continue;
          }
          version = (await call('reports.signOff', { id: u.id, version, withoutConsentReason: 'Preview' })).version;
        }
        let g: RouteOutput<'reports.generate'>;
        try {
          g = await call('reports.generate', { id: u.id, version });
        } catch (err) {
          // What the demo data cannot produce (for example a missed-session letter for a man who missed none).
          console.log(`${type}: skipped: ${(err as Error).message}`);
          continue;
        }
        const docx = join(out, `${type}.docx`);
        writeFileSync(docx, Buffer.from(g.base64!, 'base64'));
        execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, docx], { stdio: 'ignore' });
        execFileSync('pdftoppm', ['-png', '-r', '60', join(out, `${type}.pdf`), join(out, type)]);
        console.log(`${type}: ${readdirSync(out).filter((f) => f.startsWith(`${type}-`)).length} page(s)`);
      } catch (err) {
        failed += 1;
        console.error(`${type}: FAILED: ${(err as Error).message}`);
      }
    }
  } finally {
    await backend.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`Pages are in ${out}`);
  if (failed) process.exit(1);
}

void main();
