/**
 * The outcome measures' routes. Her measures go through their own routes, open only to roles
 * behind the partner wall (and refused when the partner side is not open); the page and the
 * dashboard are a manager's. Nothing here gives a facilitator or an administrator anything of hers.
 */
import { nowIso, todayOf } from '../../clock';
import { can } from '../../../shared/permissions';
import { AppError, invalidField } from '../../app-error';
import type { Handlers } from '../../ipc/context';
import { packCsv } from '../reports/service';
import { dashboard } from './dashboard';
import { formsOf, saveWording } from './forms';
import { FOLLOW_UP_SETTING, followUpMonths } from './journey';
import { measuresOverview, recordMeasure, requirePartnerSide } from './record';
import { outcomesSummary } from './summary';

type Routes =
  | 'outcomes.overview'
  | 'outcomes.record'
  | 'outcomes.partnerOverview'
  | 'outcomes.recordPartner'
  | 'outcomes.summary'
  | 'outcomes.dashboard'
  | 'outcomes.followUps'
  | 'outcomes.setFollowUps'
  | 'outcomes.forms'
  | 'outcomes.saveWording'
  | 'outcomes.packCsv';

export const outcomeHandlers: Handlers<Routes> = {
  'outcomes.overview': async (ctx, input) => measuresOverview(ctx.db, input.participantId, null),
  'outcomes.record': async (ctx, input) => {
    if (input.set === 'partner') throw invalidField('set', 'Her measures are recorded by the partner service, on her record');
    return recordMeasure(ctx, input);
  },
  'outcomes.partnerOverview': async (ctx, input) => {
    await requirePartnerSide(ctx.db);
    return measuresOverview(ctx.db, input.participantId, input.partnerId);
  },
  'outcomes.recordPartner': async (ctx, input) => {
    if (input.set !== 'partner') throw invalidField('set', 'His measures are recorded on his record');
    return recordMeasure(ctx, input);
  },
  'outcomes.summary': async (ctx, input) => {
    if (input.from > input.to) throw invalidField('to', 'The end of the period is before its start');
    return outcomesSummary(ctx.db, input, can(ctx.user.role, 'partners.view'));
  },
  'outcomes.dashboard': async (ctx) => dashboard(ctx.db, todayOf(ctx)),
  'outcomes.followUps': async (ctx) => ({ months: await followUpMonths(ctx.db) }),
  'outcomes.setFollowUps': async (ctx, input) => {
    const months = [...input.months].sort((a, b) => a - b);
    const value = JSON.stringify(months);
    const at = nowIso(ctx);
    await ctx.db
      .insertInto('settings')
      .values({ key: FOLLOW_UP_SETTING, value, updated_at: at, updated_by: ctx.user.staffId })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: ctx.user.staffId }))
      .execute();
    ctx.audit({ action: 'outcomes.setFollowUps', subjectType: 'settings', subjectId: FOLLOW_UP_SETTING, detail: { fields: ['months'] } });
    return { months };
  },
  'outcomes.forms': async (ctx, input) => {
    // Her set's wording (an organisation's licensed questions to her) is partner-side, like her answers.
    if (input.set === 'partner' && !can(ctx.user.role, 'partners.view')) throw new AppError('FORBIDDEN', 'Only staff with access to the partner service can see its measures.');
    return formsOf(ctx.db, input.set);
  },
  'outcomes.saveWording': async (ctx, input) => saveWording(ctx, input),
  'outcomes.packCsv': async (ctx, input) => packCsv(ctx, input.id),
};
