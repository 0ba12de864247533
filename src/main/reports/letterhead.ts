/**
 * The organisation's letterhead for reports, from its settings: name,
 * address, charity number, telephone, the logo an administrator uploaded and
 * the protective marking. Also what is missing before a first report.
 */
import type { Db } from '../ipc/context';
import { readSettings } from '../features/settings/service';
import type { Letterhead } from './document';

export const LOGO_KEY = 'logo';

export async function loadLetterhead(db: Db): Promise<Letterhead> {
  const settings = await readSettings(db);
  const logoRow = settings.logo
    ? await db.selectFrom('settings').select('value').where('key', '=', LOGO_KEY).executeTakeFirst()
    : undefined;
  const logo =
    settings.logo && logoRow
      ? {
          type: settings.logo.type,
          width: settings.logo.width,
          height: settings.logo.height,
          data: Buffer.from(JSON.parse(logoRow.value) as string, 'base64'),
        }
      : null;
  const o = settings.organisation;
  return {
    name: o.name,
    address: o.address,
    charityNumber: o.charityNumber,
    phone: o.phone,
    logo,
    marking: settings.protectiveMarking,
  };
}

/** What an administrator must fill in (in Settings) before reports can be produced. */
export function letterheadProblems(l: Letterhead): string[] {
  const missing: string[] = [];
  if (l.name.trim().length < 2) missing.push('the organisation’s name');
  if (l.address.trim().length < 5) missing.push('the organisation’s address');
  if (!l.charityNumber.trim()) missing.push('the charity number');
  return missing.length
    ? [`Before the first report, an administrator needs to fill in ${missing.join(', ')} under Settings.`]
    : [];
}

/** What is worth adding but does not stop a report: the logo. */
export function letterheadNotices(l: Letterhead): string[] {
  return l.logo
    ? []
    : ['There is no logo on the letterhead yet: an administrator can add one under Settings (a PNG or JPEG picture).'];
}
