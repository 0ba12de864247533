import type { Handlers } from '../../ipc/context';
import { nowIso } from '../../clock';
import { changePassword, confirmOwnPassword, login, recover, sessionInfo, setup, vaultState } from './service';

type AuthRoutes =
  | 'auth.status'
  | 'auth.setup'
  | 'auth.login'
  | 'auth.recover'
  | 'auth.logout'
  | 'auth.lock'
  | 'auth.touch'
  | 'auth.changePassword'
  | 'auth.replaceRecoveryKey';

export const authHandlers: Handlers<AuthRoutes> = {
  'auth.status': async (ctx) => vaultState(ctx.backend),
  'auth.setup': (ctx, input) => setup(ctx.backend, input),
  'auth.login': (ctx, input) => login(ctx.backend, input),
  'auth.recover': (ctx, input) => recover(ctx.backend, input),
  'auth.logout': async (ctx) => {
    await ctx.backend.closeSession('logout', 'auth.logout');
    return null;
  },
  'auth.lock': async (ctx) => {
    await ctx.backend.closeSession('lock', 'auth.lock');
    return null;
  },
  'auth.touch': async () => null,
  'auth.changePassword': async (ctx, input) => {
    await changePassword(ctx.backend, ctx.user, input);
    await ctx.db.updateTable('staff').set({ must_change_password: 0, updated_at: nowIso(ctx) }).where('id', '=', ctx.user.staffId).execute();
    ctx.audit({ action: 'auth.changePassword', subjectType: 'staff', subjectId: ctx.user.staffId, detail: { fields: ['password'] } });
    return sessionInfo(ctx.backend);
  },
  'auth.replaceRecoveryKey': async (ctx, input) => {
    await confirmOwnPassword(ctx.backend, ctx.user, input.password);
    // The new recovery key has no partner key: the first holder to log in after this seals it (partners/partner-side.ts).
    const recoveryKey = await ctx.backend.vault.replaceRecoveryKey(ctx.backend.opened!.key);
    ctx.audit({ action: 'auth.replaceRecoveryKey', subjectType: 'organisation', detail: { fields: ['recoveryKey'] } });
    return { recoveryKey };
  },
};
