import type { Kysely, Transaction } from 'kysely';
import type { RouteName, RouteOutput, RouteParsed } from '../../shared/api';
import type { Role } from '../../shared/permissions';
import type { AuditInput } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Backend } from '../backend';

export interface Session {
  staffId: string;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
}

export type Db = Kysely<Database> | Transaction<Database>;

/** What a route handler gets. It never sees unvalidated input and never asks the window who is logged in. */
export interface ServiceContext {
  readonly backend: Backend;
  /** the database (inside the route's transaction for writes); throws LOCKED when the vault is locked */
  readonly db: Db;
  readonly session: Session | null;
  /** the logged-in person; throws LOCKED when nobody is */
  readonly user: Session;
  /** records an audit entry for this call, written in the same transaction as the change */
  audit(entry: Omit<AuditInput, 'actorId' | 'actorRole' | 'route'>): void;
  /** work that must run after the transaction has committed (for example re-keying the database) */
  afterCommit(fn: () => Promise<void>): void;
}

export type Handler<R extends RouteName> = (ctx: ServiceContext, input: RouteParsed<R>) => Promise<RouteOutput<R>>;
export type Handlers<R extends RouteName> = { [K in R]: Handler<K> };
