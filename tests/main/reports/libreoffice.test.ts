/**
 * Issue 15: every kind of document the program writes (each report and letter
 * type, and the subject access pack) converts to PDF in LibreOffice without
 * error. Real demo database, real routes, the real DOCX bytes.
 *
 * LibreOffice (`soffice`, Debian's libreoffice-writer-nogui) is installed by
 * .ci/run: in CI (CI=true) a missing soffice fails the test; on a developer's
 * machine without it the conversion is skipped and says so. The documents do
 * not depend on the database driver, so the conversion runs once, under the
 * journeyapps project; the bs3mc project still builds every document.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { readDocx } from './docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/backend';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/main/demo/seed';
import { addDays } from '../../../src/shared/dates';
import { reportTypeNames, reportTypes, type ReportType } from '../../../src/shared/features/reports';
import { call, newBackend, tempDir } from '../helpers';
import { testToday } from '../test-clock';

let backend: Backend;
let dir: string;
let cleanup: () => void;
const today = testToday;
const yearAgo = addDays(today, -365);
const written = new Map<string, Buffer>();

function findSoffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}
const soffice = findSoffice();
const convertHere = process.env.DVPP_DB_DRIVER !== 'bs3mc';

async function withAddress(id: string, address: string) {
  const rec = await call(backend, 'participants.get', { id });
  if (!rec.details.address)
    await call(backend, 'participants.updateDetails', {
      id,
      version: rec.version,
      details: { ...rec.details, address },
    });
}

/** The man each kind is about: the most sessions for most; one who missed a session; one who completed. */
async function subjects() {
  const active = (await call(backend, 'participants.list', { status: 'active', pageSize: 200 })).rows.filter(
    (r) => r.canOpen,
  );
  let man = active[0]!.id;
  let sessionId = '';
  let best = -1;
  let missed: string | null = null;
  for (const r of active) {
    const s = await call(backend, 'attendance.summary', { participantId: r.id });
    if (!s) continue;
    if (s.sessions.length > best) {
      best = s.sessions.length;
      man = r.id;
      sessionId = s.sessions.at(-1)!.sessionId;
    }
    if (s.sessions.some((x) => x.attendance === 'absent_no_reason' || x.attendance === 'absent_reason')) missed = r.id;
  }
  const done = (await call(backend, 'participants.list', { status: 'completed', pageSize: 50 })).rows.find(
    (r) => r.canOpen,
  )!;
  await withAddress(man, '1 Example Road, Exampletown, EX1 1AA');
  await withAddress(missed!, '9 Quay Street, Exampletown');
  await withAddress(done.id, '3 Mill Lane, Exampletown');
  return { man, sessionId, missed: missed!, done: done.id };
}

beforeAll(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  backend = await newBackend(dir);
  await seedDemo(backend);
  const m = DEMO_ACCOUNTS.find((a) => a.username === 'manager')!;
  await call(backend, 'auth.login', { username: m.username, password: m.password });
  const who = await subjects();
  for (const type of reportTypeNames as ReportType[]) {
    const def = reportTypes[type];
    const participantId =
      def.subject !== 'participant'
        ? null
        : type === 'letter_missed_session'
          ? who.missed
          : type === 'letter_end'
            ? who.done
            : who.man;
    const c = await call(backend, 'reports.create', {
      type,
      participantId,
      sessionId: def.subject === 'session' ? who.sessionId : null,
      periodFrom: def.period ? yearAgo : '',
      periodTo: def.period ? today : '',
    });
    const u = await call(backend, 'reports.update', {
      id: c.id,
      version: c.version,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      recipient: c.recipient,
      recipientName: c.recipientName,
      sections: Object.fromEntries(def.sections.map((s) => [s.key, `Example ${s.label.toLowerCase()}.`])),
    });
    expect(u.blockers, type).toEqual([]);
    const version = def.needsSignOff
      ? (await call(backend, 'reports.signOff', { id: u.id, version: u.version, withoutConsentReason: 'Court ordered' })).version
      : u.version;
    const g = await call(backend, 'reports.generate', { id: u.id, version });
    written.set(type, Buffer.from(g.base64!, 'base64'));
  }
  // The subject access pack's Word document.
  const request = await call(backend, 'subjectAccess.log', {
    participantId: who.man,
    receivedOn: today,
    channel: 'letter',
    note: '',
  });
  const pack = await call(backend, 'subjectAccess.produce', { requestId: request.id, release: [] });
  const files = unzipSync(new Uint8Array(Buffer.from(pack.base64, 'base64')));
  written.set('subject_access', Buffer.from(files['subject-access.docx']!));
  expect(strFromU8(files['read-me.txt']!)).toContain('subject-access.docx');
}, 240_000);

/** The cached value of the footer's NUMPAGES field: what a reader that does not work fields out shows. */
function cachedPages(footerXml: string): number {
  const field = /<w:fldSimple w:instr="NUMPAGES"[^>]*>([\s\S]*?)<\/w:fldSimple>/.exec(footerXml)?.[1] ?? '';
  return Number(/<w:t[^>]*>(\d+)<\/w:t>/.exec(field)?.[1] ?? 0);
}

afterAll(async () => {
  await backend.shutdown();
  cleanup();
});

describe('LibreOffice', () => {
  it('is installed where CI runs', () => {
    if (process.env.CI === 'true')
      expect(soffice, 'LibreOffice (soffice) is missing: .ci/run installs libreoffice-writer-nogui').not.toBeNull();
    if (!soffice) console.warn('soffice not found: the PDF conversion is skipped on this machine');
  });

  it('every kind of document is built', () => {
    expect([...written.keys()].sort()).toEqual([...reportTypeNames, 'subject_access'].sort());
  });

  // Issue 15 item 8: "Page X of N" carries N as the field's cached value, for readers that show fields as written.
  it('every report and letter carries its number of pages as the cached value of “of N”', () => {
    for (const type of reportTypeNames) {
      const footers = readDocx(written.get(type)!).footers;
      expect(footers.length, type).toBeGreaterThan(0);
      for (const f of footers) expect(cachedPages(f), type).toBeGreaterThan(0);
    }
  });

  it.runIf(soffice && convertHere)(
    'converts every kind of document to PDF without error',
    () => {
      const out = join(dir, 'pdf');
      mkdirSync(out);
      const names = [...written.keys()];
      for (const name of names) writeFileSync(join(out, `${name}.docx`), written.get(name)!);
      // A profile of its own, so a LibreOffice already open on this machine does not take the work instead.
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          out,
          ...names.map((n) => join(out, `${n}.docx`)),
        ],
        { stdio: 'pipe', timeout: 240_000 },
      );
      for (const name of names) {
        const pdf = join(out, `${name}.pdf`);
        expect(existsSync(pdf), `${name}.pdf`).toBe(true);
        const bytes = readFileSync(pdf).toString('latin1');
        expect(bytes.startsWith('%PDF-'), name).toBe(true);
        const pages = (bytes.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages, `${name} pages`).toBeGreaterThan(0);
        // The cached number of pages is the number LibreOffice lays out.
        if (name !== 'subject_access') expect(cachedPages(readDocx(written.get(name)!).footers[0]!), `${name} cached pages`).toBe(pages);
      }
    },
    300_000,
  );
});
