import type { Handlers } from '../../ipc/context';
import { nowIso } from '../../clock';
import { writeOrganisationName } from './organisation-name-file';
import { readSettings, writeSettings } from './service';

export const settingsHandlers: Handlers<'settings.get' | 'settings.update'> = {
  'settings.get': (ctx) => readSettings(ctx.db),

  'settings.update': async (ctx, input) => {
    const before = await readSettings(ctx.db);
    const changed = await writeSettings(ctx.db, input, ctx.user.staffId, nowIso(ctx));
    const fields = changed.flatMap((key) =>
      key === 'organisation'
        ? Object.keys(input.organisation)
            .filter(
              (f) =>
                before.organisation[f as keyof typeof before.organisation] !==
                input.organisation[f as keyof typeof input.organisation],
            )
            .map((f) => `organisation.${f}`)
        : [key],
    );
    ctx.audit({ action: 'settings.update', subjectType: 'settings', detail: { fields } });
    ctx.backend.autoLockMinutes = input.autoLockMinutes;
    ctx.backend.organisationName = input.organisation.name;
    const dataDir = ctx.backend.options.dataDir;
    ctx.afterCommit(() => {
      writeOrganisationName(dataDir, input.organisation.name);
      return Promise.resolve();
    });
    return readSettings(ctx.db);
  },
};
