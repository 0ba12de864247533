/**
 * The single choke point between the window and the back end. For every call,
 * in this order: sender check, session check, input validation, permission
 * check, the service (in a transaction when it writes), its audit entries in
 * that same transaction, and error mapping. Refusals are audited too.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { api, isRouteName, type RouteName } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/errors';
import { can } from '../../shared/permissions';
import { AppError } from '../app-error';
import { appendAuditEntries, type AuditInput } from '../audit/audit';
import type { Backend } from '../backend';
import type { Db, Handler, ServiceContext, Session } from './context';
import { log } from '../log';
import { inTransaction } from '../db/transaction';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full';
import { nowIso } from '../clock';

export interface Caller {
  /** set by the transport: the call came from the app's own window (Electron) or carried the per-start token (browser host) */
  verified: boolean;
}

export type Handlers = { [R in RouteName]: Handler<R> };

const LOCKED_MESSAGE = 'The program is locked. Please log in again.';

/** At most this many fields are named in an error reply or a refused call's audit entry. */
const MAX_FIELDS = 20;
/** A field's name is cut to this length: a path can carry a key the caller chose (a record's key). */
const MAX_FIELD_NAME = 100;

const fieldName = (path: string) => (path.length > MAX_FIELD_NAME ? `${path.slice(0, MAX_FIELD_NAME)}…` : path);

/**
 * An error reply never echoes a huge input: at most MAX_FIELDS fields, each name cut short, and
 * zod's own messages (which name what was expected, never the value given).
 */
export function zodToApiError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  let more = 0;
  for (const issue of error.issues) {
    const path = fieldName(issue.path.map(String).join('.') || '_');
    if (path in fields) continue;
    if (Object.keys(fields).length >= MAX_FIELDS) {
      more += 1;
      continue;
    }
    fields[path] = issue.message.slice(0, 300);
  }
  const names = Object.keys(fields);
  const message =
    names.length === 1 && more === 0
      ? `${fields[names[0]!]}.`.replace(/\.\.$/, '.')
      : `${names.length + more} fields need attention: ${names.join(', ')}${more ? ` and ${more} more` : ''}.`;
  return { code: 'VALIDATION', message, fields };
}

/** The field names a refused call's audit entry keeps: bounded like the reply (a service's own refusal can name more). */
function auditedFields(fields: Record<string, string>): string[] {
  return Object.keys(fields).slice(0, MAX_FIELDS).map(fieldName);
}

/** A partner-side table the session cannot reach: the partner file is not attached for it (db/partner-file.ts). */
const PARTNER_SIDE_CLOSED = /no such table: (?:main\.|partner\.)?(?:partners|partner_links|partner_contacts|partner_checklists|safety_plans|safety_plan_history|marac_referrals|partner_search)\b/;

function toApiError(err: unknown, route: string): ApiError {
  if (err instanceof AppError) return err.toApiError();
  if (err instanceof z.ZodError) return zodToApiError(err);
  // The wall held in the encryption: said plainly, never as a database error.
  if (err instanceof Error && PARTNER_SIDE_CLOSED.test(err.message)) {
    return new AppError(
      'FORBIDDEN',
      'The partner side is not open for you: your account does not hold the partner key. A manager can give you partner access.',
    ).toApiError();
  }
  const reference = randomBytes(4).toString('hex').toUpperCase();
  log.error(`internal error in ${route}`, err, reference);
  // Saving, logging in, changing a password: a full disk is something the person can act on.
  if (isDiskFull(err)) return { code: 'INTERNAL', message: DISK_FULL_MESSAGE, reference };
  return {
    code: 'INTERNAL',
    message: `Something went wrong and nothing was saved. If it happens again, tell your administrator the reference ${reference}.`,
    reference,
  };
}

/**
 * Which of the refused fields were left empty, so the audit log can say "a
 * missing date" rather than "a date that was not accepted". Only the fact of
 * emptiness is kept, never a value.
 */
function emptyFields(raw: unknown, fields: Record<string, string>): string[] {
  return Object.keys(fields).slice(0, MAX_FIELDS).filter((path) => {
    let at: unknown = raw;
    for (const part of path.split('.')) {
      // A path that runs through anything but an object (empty, or a value such as text) stops there as not given:
      // the walk never reads inside a value, so no character of what was typed is looked at.
      if (!at || typeof at !== 'object') return true;
      at = (at as Record<string, unknown>)[part];
    }
    return at === undefined || at === null || (typeof at === 'string' && at.trim() === '') || (Array.isArray(at) && at.length === 0);
  });
}

/** The plain detail of a refusal: the kind of error, the fields at fault and which of them were empty. */
function refusalDetail(error: ApiError, raw: unknown): Record<string, unknown> {
  if (!error.fields) return { code: error.code };
  // Bounded like the reply: at most MAX_FIELDS names, each cut short.
  const missing = emptyFields(raw, error.fields).map(fieldName);
  return { code: error.code, fields: auditedFields(error.fields), ...(missing.length ? { missing } : {}) };
}

/** The record a refused call was about, so an attempt to open a restricted record shows against it. */
function subjectOf(input: unknown): { subjectType?: string; subjectId?: string } {
  if (!input || typeof input !== 'object') return {};
  const { participantId, partnerId, id } = input as { participantId?: unknown; partnerId?: unknown; id?: unknown };
  if (typeof partnerId === 'string') return { subjectType: 'partner', subjectId: partnerId.slice(0, 40) };
  if (typeof participantId === 'string') return { subjectType: 'participant', subjectId: participantId.slice(0, 40) };
  if (typeof id === 'string') return { subjectType: 'record', subjectId: id.slice(0, 40) };
  return {};
}

class Context implements ServiceContext {
  readonly entries: Array<Omit<AuditInput, 'actorId' | 'actorRole' | 'route'>> = [];
  readonly afterCommitWork: Array<() => Promise<void>> = [];

  constructor(
    readonly backend: Backend,
    private readonly database: Db | null,
    readonly session: Session | null,
  ) {}

  get db(): Db {
    if (!this.database) throw new AppError('LOCKED', LOCKED_MESSAGE);
    return this.database;
  }

  get user(): Session {
    if (!this.session) throw new AppError('LOCKED', LOCKED_MESSAGE);
    return this.session;
  }

  audit(entry: Omit<AuditInput, 'actorId' | 'actorRole' | 'route'>): void {
    this.entries.push(entry);
  }

  afterCommit(fn: () => Promise<void>): void {
    this.afterCommitWork.push(fn);
  }
}

export class Router {
  constructor(
    private readonly backend: Backend,
    private readonly handlers: Handlers,
  ) {}

  private async refuse(route: string, error: ApiError, session: Session | null, input?: unknown, raw: unknown = input): Promise<ApiResult<never>> {
    const subject = subjectOf(input);
    await this.backend.recordAudit({
      ...subject,
      actorId: session?.staffId ?? null,
      actorRole: session?.role ?? null,
      action: isRouteName(route) ? route : 'unknown-route',
      route: isRouteName(route) ? route : null,
      outcome: 'refused',
      detail: refusalDetail(error, raw),
    });
    return { ok: false, error };
  }

  async invoke(routeName: unknown, rawInput: unknown, caller: Caller): Promise<ApiResult<unknown>> {
    const route = typeof routeName === 'string' ? routeName.slice(0, 100) : 'unknown-route';
    // 1. sender
    if (!caller.verified) {
      return this.refuse(route, { code: 'BAD_SENDER', message: 'This request did not come from the program’s own window.' }, null);
    }
    if (!isRouteName(routeName)) {
      return this.refuse(route, { code: 'UNKNOWN_ROUTE', message: 'The program does not know this request.' }, this.backend.session);
    }
    const def = api[routeName];
    // 2. session
    const session = this.backend.session;
    if (def.access !== 'public' && !session) {
      return this.refuse(routeName, { code: 'LOCKED', message: LOCKED_MESSAGE }, null);
    }
    if (session?.mustChangePassword && def.access !== 'public' && !def.beforePasswordChange) {
      return this.refuse(
        routeName,
        { code: 'MUST_CHANGE_PASSWORD', message: 'Please choose a new password before you continue.' },
        session,
      );
    }
    if (session) this.backend.touch();
    // 3. input
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) return this.refuse(routeName, zodToApiError(parsed.error), session, undefined, rawInput);
    // 4. permission
    if (def.access !== 'public' && def.access !== 'session' && !can(session?.role, def.access)) {
      return this.refuse(
        routeName,
        { code: 'FORBIDDEN', message: 'Your role does not allow this. Ask a manager or administrator if you need it.' },
        session,
        parsed.data,
      );
    }
    // 5-7. service, audit, errors
    const handler = this.handlers[routeName] as Handler<RouteName>;
    try {
      if (def.vault) {
        const ctx = new Context(this.backend, this.backend.db, session);
        return { ok: true, value: await handler(ctx, parsed.data as never) };
      }
      const db = this.backend.requireDb();
      if (!def.writes) {
        const ctx = new Context(this.backend, db, session);
        const value = await handler(ctx, parsed.data as never);
        // Every read about a named man or partner is an opening of his or her record, audited against them.
        const subject = subjectOf(parsed.data);
        if (ctx.entries.length === 0 && subject.subjectType && subject.subjectType !== 'record') {
          ctx.audit({ action: routeName, ...subject });
        }
        if (ctx.entries.length > 0) {
          // A read that opened someone's record: the entry is written before the data is returned.
          await inTransaction(db, (trx) => this.writeEntries(trx, ctx, routeName, session, parsed.data));
          await this.backend.anchorAudit();
        }
        return { ok: true, value };
      }
      let ctx!: Context;
      const value = await inTransaction(db, async (trx) => {
        ctx = new Context(this.backend, trx, session);
        const result = await handler(ctx, parsed.data as never);
        await this.writeEntries(trx, ctx, routeName, session, parsed.data);
        return result;
      });
      await this.backend.anchorAudit();
      for (const work of ctx.afterCommitWork) await work();
      return { ok: true, value };
    } catch (err) {
      const error = toApiError(err, routeName);
      if (error.code !== 'INTERNAL' && error.code !== 'VALIDATION') {
        return this.refuse(routeName, error, session, parsed.data);
      }
      // A wrong password or recovery key is already kept for the audit log by the log-in throttle.
      if (def.vault && error.code === 'VALIDATION') return { ok: false, error };
      await this.backend.recordAudit({
        actorId: session?.staffId ?? null,
        actorRole: session?.role ?? null,
        action: routeName,
        route: routeName,
        outcome: error.code === 'INTERNAL' ? 'failed' : 'refused',
        detail: refusalDetail(error, parsed.data),
      });
      return { ok: false, error };
    }
  }

  private async writeEntries(db: Db, ctx: Context, route: RouteName, session: Session | null, input: unknown) {
    const entries = ctx.entries.length
      ? ctx.entries
      : [{ action: route, detail: { fields: Object.keys((input as object) ?? {}) } }];
    await appendAuditEntries(
      db,
      entries.map((entry) => ({ at: nowIso(ctx), ...entry, actorId: session?.staffId ?? null, actorRole: session?.role ?? null, route })),
    );
  }
}
