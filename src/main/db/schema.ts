/**
 * Table types, written by hand. tests/main/db/schema.test.ts checks them
 * against the migrated database, so a migration and this file cannot drift.
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface StaffTable {
  id: string;
  username: string;
  full_name: string;
  job_title: string | null;
  role: string;
  /** 1 active, 0 deactivated */
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  deactivated_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  route: string | null;
  outcome: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON text: field names changed, reason for refusal, counts; never field values */
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  meta: MetaTable;
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  staff: StaffTable;
  audit_log: AuditLogTable;
}
