import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOldDrafts } from '../../../src/main/features/drafts/service';
import { ADMIN, addStaff, call, callError, setUpAndLogIn, switchTo, tempDir } from '../helpers';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const NOTE = { kind: 'case-note', about: 'a-man', field: 'text' } as const;
const CONTACT = { kind: 'contact-note', about: 'a-partner', field: 'notes' } as const;
const TEXT = 'He said the week had been hard; he talked about his temper at the contact handover.';

async function setUp() {
  const t = tempDir();
  cleanup = t.cleanup;
  const { backend } = await setUpAndLogIn(t.dir);
  const fac = await addStaff(backend, 'fay', 'facilitator');
  const partner = await addStaff(backend, 'pat', 'partner_worker');
  const manager = await addStaff(backend, 'max', 'manager');
  const fayPassword = await switchTo(backend, 'fay', fac.temporaryPassword);
  const patPassword = await switchTo(backend, 'pat', partner.temporaryPassword);
  const maxPassword = await switchTo(backend, 'max', manager.temporaryPassword);
  await call(backend, 'auth.logout', {});
  const as = async (username: string, password: string) => {
    if (backend.session) await call(backend, 'auth.logout', {});
    await call(backend, 'auth.login', { username, password });
  };
  return { backend, as, fayPassword, patPassword, maxPassword, patId: partner.staff.id };
}

describe('drafts of long text', () => {
  it('gives the text back to its author after a lock, and to no one else; the database holds it only encrypted', async () => {
    const { backend, as, fayPassword, maxPassword } = await setUp();
    await as('fay', fayPassword);
    await call(backend, 'drafts.save', { ...NOTE, text: TEXT });
    await call(backend, 'auth.lock', {});
    await as('fay', fayPassword);
    expect(await call(backend, 'drafts.get', NOTE)).toMatchObject({ text: TEXT });

    const row = await backend.requireDb().selectFrom('drafts').selectAll().executeTakeFirstOrThrow();
    expect(row.box).not.toContain('temper');
    expect(row.place).toBe('case-note:a-man:text');

    await as('max', maxPassword);
    expect(await call(backend, 'drafts.get', NOTE)).toBeNull();
    // Saved by the manager under the same place: a draft of his own, hers untouched.
    await call(backend, 'drafts.save', { ...NOTE, text: 'The manager’s own words.' });
    await as('fay', fayPassword);
    expect(await call(backend, 'drafts.get', NOTE)).toMatchObject({ text: TEXT });

    // Saving the note itself discards the draft.
    await call(backend, 'drafts.discard', NOTE);
    expect(await call(backend, 'drafts.get', NOTE)).toBeNull();
  });

  it('a partner-side draft only while the author has partner access', async () => {
    const { backend, as, patPassword, fayPassword, patId } = await setUp();
    await as('fay', fayPassword);
    expect((await callError(backend, 'drafts.save', { ...CONTACT, text: 'x' })).code).toBe('FORBIDDEN');

    await as('pat', patPassword);
    await call(backend, 'drafts.save', { ...CONTACT, text: 'She is staying with her sister.' });
    expect(await call(backend, 'drafts.get', CONTACT)).toMatchObject({ text: 'She is staying with her sister.' });

    // Moved to facilitator: the draft is no longer given back.
    await as(ADMIN.username, ADMIN.password);
    await call(backend, 'staff.update', { id: patId, fullName: 'Test pat', username: 'pat', jobTitle: '', role: 'facilitator', gender: null } as never);
    await as('pat', patPassword);
    expect(await call(backend, 'drafts.get', CONTACT)).toBeNull();
  });

  it('a partner-side draft lives in the partner file, never in the programme database; one left there moves at the upgrade', async () => {
    const { backend, as, patPassword } = await setUp();
    await as('pat', patPassword);
    expect(backend.partnerKey).not.toBeNull();
    await call(backend, 'drafts.save', { ...CONTACT, text: 'She is staying with her sister.' });
    // The connection is opened anew at each log-in.
    let db = backend.requireDb();
    const sides = async (schema: 'main' | 'partner') =>
      (await db.withSchema(schema).selectFrom('drafts').select('side').execute()).map((r) => r.side);
    expect(await sides('main')).toEqual([]);
    expect(await sides('partner')).toEqual(['partner']);

    // A partner file from before upgrade 4, with her draft still in the programme database (sealed to its author).
    const row = await db.withSchema('partner').selectFrom('drafts').selectAll().executeTakeFirstOrThrow();
    await db.withSchema('main').insertInto('drafts').values(row).execute();
    await sql`drop table partner.drafts`.execute(db);
    await sql`pragma partner.user_version = 3`.execute(db);
    await call(backend, 'auth.logout', {});
    await as('pat', patPassword);
    db = backend.requireDb();
    expect(await sides('main')).toEqual([]);
    expect(await sides('partner')).toEqual(['partner']);
    expect(await call(backend, 'drafts.get', CONTACT)).toMatchObject({ text: 'She is staying with her sister.' });

    // Old drafts go at log-in from her file too.
    await removeOldDrafts(db, 0, new Date(Date.now() + 60_000));
    expect(await sides('partner')).toEqual([]);
  });

  it('report observations and assessment evidence: kept for their author only; an administrator holds none', async () => {
    const { backend, as, fayPassword, maxPassword, patPassword } = await setUp();
    const REPORT = { kind: 'report-observations', about: 'a-report', field: 'text' } as const;
    const ASSESSMENT = { kind: 'assessment-evidence', about: 'a-man', field: 'text' } as const;
    const OBS = JSON.stringify({ observations: 'He took part in every session and challenged another man once.' });
    const EVIDENCE = JSON.stringify({ evidence: { acknowledgement: 'He said it was his fault, not hers.' } });

    await as('fay', fayPassword);
    await call(backend, 'drafts.save', { ...REPORT, text: OBS });
    await call(backend, 'drafts.save', { ...ASSESSMENT, text: EVIDENCE });
    await call(backend, 'auth.lock', {});
    await as('fay', fayPassword);
    expect(await call(backend, 'drafts.get', REPORT)).toMatchObject({ text: OBS });
    expect(await call(backend, 'drafts.get', ASSESSMENT)).toMatchObject({ text: EVIDENCE });
    const boxes = await backend.requireDb().selectFrom('drafts').select(['box', 'side']).execute();
    expect(boxes.map((b) => b.side)).toEqual(['programme', 'programme']);
    for (const b of boxes) expect(b.box).not.toMatch(/challenged|fault/);

    // The manager on the same report and the same man: nothing of hers.
    await as('max', maxPassword);
    expect(await call(backend, 'drafts.get', REPORT)).toBeNull();
    expect(await call(backend, 'drafts.get', ASSESSMENT)).toBeNull();
    // The partner worker (who may read his record) neither.
    await as('pat', patPassword);
    expect(await call(backend, 'drafts.get', REPORT)).toBeNull();

    // The administrator runs the system, not cases: no drafts of case text at all.
    await as(ADMIN.username, ADMIN.password);
    expect((await callError(backend, 'drafts.save', { ...REPORT, text: 'x' })).code).toBe('FORBIDDEN');
    expect(await call(backend, 'drafts.get', REPORT)).toBeNull();

    // Saving the report (or the assessment) discards the draft; an emptied draft is removed too.
    await as('fay', fayPassword);
    await call(backend, 'drafts.discard', REPORT);
    await call(backend, 'drafts.save', { ...ASSESSMENT, text: '   ' });
    expect(await call(backend, 'drafts.get', REPORT)).toBeNull();
    expect(await call(backend, 'drafts.get', ASSESSMENT)).toBeNull();
    expect(await backend.requireDb().selectFrom('drafts').select('place').execute()).toEqual([]);
  });

  it('refuses an over-long draft naming the field, and removes drafts older than the setting', async () => {
    const { backend, as, fayPassword } = await setUp();
    await as('fay', fayPassword);
    const err = await callError(backend, 'drafts.save', { ...NOTE, text: 'x'.repeat(50_001) });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fields ?? {})).toEqual(['text']);

    const { savedAt } = (await call(backend, 'drafts.save', { ...NOTE, text: TEXT }))!;
    const db = backend.requireDb();
    const day = 86_400_000;
    await removeOldDrafts(db, 14, new Date(Date.parse(savedAt) + 13 * day));
    expect(await call(backend, 'drafts.get', NOTE)).not.toBeNull();
    await removeOldDrafts(db, 14, new Date(Date.parse(savedAt) + 15 * day));
    expect(await call(backend, 'drafts.get', NOTE)).toBeNull();
  });
});
