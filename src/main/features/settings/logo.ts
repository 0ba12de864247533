/** The organisation's logo for reports: checked from its bytes (PNG or JPEG, size-limited) and kept in the settings. */
import { nowIso } from '../../clock';
import type { Settings } from '../../../shared/features/settings';
import type { Handlers } from '../../ipc/context';
import { logoInfo } from '../../reports/images';
import { LOGO_KEY } from '../../reports/letterhead';
import { readSettings } from './service';

export const logoHandlers: Handlers<'settings.setLogo'> = {
  'settings.setLogo': async (ctx, input): Promise<Settings> => {
    const { db, user } = ctx;
    const at = nowIso(ctx);
    const put = async (key: string, value: unknown) =>
      db
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value), updated_at: at, updated_by: user.staffId })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at, updated_by: user.staffId }),
        )
        .execute();
    if (input.base64 === null) {
      await db.deleteFrom('settings').where('key', 'in', [LOGO_KEY, 'logoInfo']).execute();
      ctx.audit({ action: 'settings.removeLogo', subjectType: 'settings', detail: { fields: ['logo'] } });
      return readSettings(db);
    }
    const bytes = Buffer.from(input.base64, 'base64');
    const info = logoInfo(bytes);
    await put(LOGO_KEY, bytes.toString('base64'));
    await put('logoInfo', info);
    ctx.audit({
      action: 'settings.setLogo',
      subjectType: 'settings',
      detail: { fields: ['logo'], type: info.type, bytes: info.bytes },
    });
    return readSettings(db);
  },
};
