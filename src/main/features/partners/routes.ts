import { partnerToday } from './today';
import type { Handlers } from '../../ipc/context';
import { assertCanOpen } from '../participants/access';
import {
  createPartner,
  getPartnerRecord,
  linkPartner,
  listPartners,
  logContact,
  newPartnerDisclosed,
  partnersForParticipant,
  saveChecklist,
  saveReferral,
  saveSafetyPlan,
  searchPartners,
  updateLink,
  updatePartner,
} from './service';
import { listChecklistForms, saveChecklistWording } from './checklist-forms';
import { shareContact, unshareContact } from './safe-to-share';

type Routes =
  | 'partners.list'
  | 'partners.search'
  | 'partners.today'
  | 'partners.forParticipant'
  | 'partners.get'
  | 'partners.create'
  | 'partners.update'
  | 'partners.link'
  | 'partners.updateLink'
  | 'partners.shareContact'
  | 'partners.unshareContact'
  | 'partners.checklistForms'
  | 'partners.saveChecklistWording'
  | 'partners.logContact'
  | 'partners.saveChecklist'
  | 'partners.saveSafetyPlan'
  | 'partners.saveReferral'
  | 'participants.newPartnerDisclosed';

export const partnerHandlers: Handlers<Routes> = {
  'partners.list': (ctx, input) => listPartners(ctx.db, ctx.user, input),
  'partners.search': (ctx, input) => searchPartners(ctx.db, ctx.user, input.q),
  'partners.today': (ctx) => partnerToday(ctx.db, ctx.user),
  'partners.forParticipant': async (ctx, input) => {
    await assertCanOpen(ctx.db, ctx.user, input.participantId);
    return partnersForParticipant(ctx.db, ctx.user, input.participantId);
  },
  'partners.get': async (ctx, input) => {
    const record = await getPartnerRecord(ctx.db, ctx.user, input.partnerId);
    ctx.audit({ action: 'partners.open', subjectType: 'partner', subjectId: input.partnerId });
    return record;
  },
  'partners.create': (ctx, input) => createPartner(ctx, input),
  'partners.update': (ctx, input) => updatePartner(ctx, input),
  'partners.link': (ctx, input) => linkPartner(ctx, input),
  'partners.updateLink': (ctx, input) => updateLink(ctx, input),
  'partners.shareContact': (ctx, input) => shareContact(ctx, input),
  'partners.unshareContact': (ctx, input) => unshareContact(ctx, input),
  'partners.checklistForms': (ctx) => listChecklistForms(ctx.db),
  'partners.saveChecklistWording': (ctx, input) => saveChecklistWording(ctx, input),
  'partners.logContact': (ctx, input) => logContact(ctx, input),
  'partners.saveChecklist': (ctx, input) => saveChecklist(ctx, input),
  'partners.saveSafetyPlan': (ctx, input) => saveSafetyPlan(ctx, input),
  'partners.saveReferral': (ctx, input) => saveReferral(ctx, input),
  'participants.newPartnerDisclosed': async (ctx, input) => {
    await assertCanOpen(ctx.db, ctx.user, input.participantId);
    return newPartnerDisclosed(ctx, input);
  },
};
