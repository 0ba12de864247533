/**
 * Every migration, in order. A static list (not a folder scan) so bundling
 * cannot lose one. Names are permanent: never rename or reorder an entry.
 */
import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_participants';
import * as m0003 from './0003_groups';
import * as m0004 from './0004_partners';
import * as m0005 from './0005_reports';
import * as m0006 from './0006_retention';
import * as m0007 from './0007_partner_sharing';
import * as m0008 from './0008_groups_more';
import * as m0009 from './0009_task_lookup';
import * as m0010 from './0010_partner_list';
import * as m0011 from './0011_worker_task_list';
import * as m0012 from './0012_sharing_log_order';
import * as m0014 from './0014_drafts';
import * as m0015 from './0015_partner_wall';
import * as m0018 from './0018_report_sending';
import * as m0021 from './0021_outcomes';
import * as m0022 from './0022_report_wording';
import * as m0023 from './0023_outcomes_cohort_indexes';
import * as m0024 from './0024_task_kinds';
import * as m0025 from './0025_outcome_scores';

export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}

export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_initial', m0001],
  ['0002_participants', m0002],
  ['0003_groups', m0003],
  ['0004_partners', m0004],
  ['0005_reports', m0005],
  ['0006_retention', m0006],
  ['0007_partner_sharing', m0007],
  ['0008_groups_more', m0008],
  ['0009_task_lookup', m0009],
  ['0010_partner_list', m0010],
  ['0011_worker_task_list', m0011],
  ['0012_sharing_log_order', m0012],
  ['0014_drafts', m0014],
  ['0015_partner_wall', m0015],
  ['0018_report_sending', m0018],
  ['0021_outcomes', m0021],
  ['0022_report_wording', m0022],
  ['0023_outcomes_cohort_indexes', m0023],
  ['0024_task_kinds', m0024],
  ['0025_outcome_scores', m0025],
];
