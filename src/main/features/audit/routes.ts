import type { Kysely } from 'kysely';
import { verifyAudit } from '../../audit/audit';
import { anchorPath, checkAnchor, recordedGap } from '../../audit/anchor';
import { checkPartnerAnchor, partnerAnchorPath, recordedPartnerGap } from '../../audit/partner-anchor';
import { nowIso } from '../../clock';
import type { Database } from '../../db/schema';
import type { Handlers } from '../../ipc/context';
import { chainsFor, exportAudit, listAudit } from './service';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify' | 'audit.export'> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input, ctx.user.role),
  'audit.export': async (ctx, input) => {
    const result = await exportAudit(ctx.db, input, ctx.user.role, nowIso(ctx));
    // An export is a disclosure of the log itself: recorded, with the filters used (never the rows).
    ctx.audit({ action: 'audit.export', subjectType: 'audit', detail: { rows: result.rows, filters: Object.keys(input) } });
    return result;
  },
  'audit.verify': async (ctx) => {
    // Each chain the reader may see (an administrator: the programme's only; a manager: both), each checked whole.
    const checks = [];
    for (const name of await chainsFor(ctx.db, ctx.user.role)) checks.push({ name, result: await verifyAudit(ctx.db as Kysely<Database>, name) });
    const broken = checks.find((c) => !c.result.ok);
    const chain = {
      ok: !broken,
      checked: checks.reduce((n, c) => n + c.result.checked, 0),
      firstBroken: broken
        ? {
            ...broken.result.firstBroken!,
            chain: broken.name,
            reason: `${broken.name === 'partner' ? 'In the partner side’s part of the log' : 'In the programme’s part of the log'}: ${broken.result.firstBroken!.reason}`,
          }
        : null,
      chains: checks.map((c) => ({ chain: c.name, checked: c.result.checked, ok: c.result.ok })),
    };
    const { backend } = ctx;
    // The chain proves nothing was changed or taken from the middle; the anchor outside the database, that the newest entries are all there.
    const db = ctx.db as Kysely<Database>;
    let anchor =
      backend.opened && backend.databaseId
        ? await checkAnchor(db, anchorPath(backend.options.dataDir), backend.opened.key, backend.databaseId)
        : undefined;
    // A gap found at an earlier log-in is still a gap after the anchor moved on.
    if (!anchor || anchor.state === 'ok') anchor = (await recordedGap(db)) ?? anchor;
    // Her chain's own anchor (audit/partner-anchor.ts), for a reader who holds the partner key; its message names her part.
    const names = checks.map((c) => c.name);
    if (names.includes('partner') && backend.partnerKey && backend.databaseId && (!anchor || anchor.state === 'ok')) {
      const partner =
        (await checkPartnerAnchor(db, partnerAnchorPath(backend.options.dataDir), backend.partnerKey, backend.databaseId)) ?? { state: 'ok' as const };
      anchor = partner.state === 'ok' ? ((await recordedPartnerGap(db)) ?? anchor) : partner;
    }
    const result = { ...chain, ok: chain.ok && (!anchor || anchor.state === 'ok'), anchor };
    await ctx.backend.recordAudit({
      actorId: ctx.user.staffId,
      actorRole: ctx.user.role,
      action: 'audit.verify',
      route: 'audit.verify',
      outcome: 'ok',
      detail: {
        checked: result.checked,
        intact: result.ok,
        firstBroken: result.firstBroken?.seq ?? null,
        ...(result.firstBroken?.chain ? { brokenChain: result.firstBroken.chain } : {}),
        anchor: anchor?.state ?? null,
        ...(anchor?.state === 'entries-missing' ? { missing: anchor.missing } : {}),
      },
    });
    return result;
  },
};
