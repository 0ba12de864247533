/**
 * The contract between the window and the back end: every route, its input
 * schema, its output type and who may call it. Nothing crosses the boundary
 * that is not listed here.
 */
import { z } from 'zod';
import {
  importFileInput,
  importKindInput,
  importMappingInput,
  type ImportCheck,
  type ImportProgress,
  type ImportResult,
} from './features/imports';
import type { Permission } from './permissions';
import {
  changePasswordInput,
  loginInput,
  recoverInput,
  setupInput,
  type SessionInfo,
  type VaultState,
} from './features/auth';
import { staffCreateInput, staffIdInput, staffUpdateInput, type StaffMember, type TemporaryPassword } from './features/staff';
import { settingsUpdateInput, type Settings } from './features/settings';
import {
  backupSettingsInput,
  folderInput,
  inspectInput,
  jobInput,
  restoreInput,
  setPassphraseInput,
  startBackupInput,
  type BackupFileEntry,
  type BackupStatus,
  type BackupTargets,
  type IntegrityResult,
  type JobStatus,
  type RestorePreview,
} from './features/backups';
import { updateCheckInput, updateStartInput, type UpdatePreview, type UpdateStatus } from './features/updates';
import { auditExportInput, auditListInput, type AuditExport, type AuditPage, type AuditVerifyResult } from './features/audit';
import {
  addReferralInput,
  createReferralInput,
  findDuplicatesInput,
  idInput,
  listInput,
  restrictInput,
  searchInput,
  setStatusInput,
  updateDetailsInput,
  updateReferralInput,
  type DuplicateCandidate,
  type ParticipantList,
  type Referral,
  type SearchHit,
  type WaitingListRow,
} from './features/participants';
import type { ParticipantRecord } from './features/participant-record';
import { assessmentInput, type Assessment } from './features/assessments';
import { riskInput, type RiskAssessment } from './features/risk';
import { consentAddInput, consentUpdateInput, consentWithdrawInput, type Consent } from './features/consents';
import {
  goalAddInput,
  goalUpdateInput,
  noteAddInput,
  noteListInput,
  noteUpdateInput,
  type CaseNote,
  type CaseNoteVersion,
  type Goal,
  type NotePage,
} from './features/notes';
import { draftPlaceInput, draftSaveInput, type Draft } from './features/drafts';
import { taskAddInput, taskCompleteInput, taskReopenInput, taskListInput, type Task, type TaskPage } from './features/tasks';
import type { StaffDirectoryEntry } from './features/staff';
import {
  closureDeleteInput,
  closureInput,
  programmeTypeInput,
  reorderInput,
  templateInput,
  themeInput,
  type Closure,
  type ProgrammeType,
  type SessionTemplate,
  type Theme,
} from './features/programmes';
import {
  calendarInput,
  cancelSessionInput,
  catchUpInput,
  enrolInput,
  rescheduleInput,
  groupCreateInput,
  groupUpdateInput,
  leaveEnrolmentInput,
  moveEnrolmentInput,
  type EnrolResult,
  type Enrolment,
  type Group,
  type GroupDetail,
  type GroupSaveResult,
  type Session,
  type SessionChange,
  type SessionSaveResult,
} from './features/groups';
import { planSaveInput, planStartInput, type SessionPlan } from './features/plans';
import {
  checklistInput,
  contactLogInput,
  maracInput,
  partnerCreateInput,
  partnerIdInput,
  partnerLinkInput,
  partnerLinkUpdateInput,
  partnerListInput,
  partnerUpdateInput,
  contactShareInput,
  contactUnshareInput,
  checklistWordingInput,
  type ChecklistForms,
  safetyPlanInput,
  type Checklist,
  type MaracReferral,
  type PartnerList,
  type PartnerRecord,
  type PartnerSummary,
  type AlertGroup,
  type SafetyPlan,
} from './features/partners';
import {
  concernListInput,
  concernRaiseInput,
  concernUpdateInput,
  childFlagsInput,
  sharingListInput,
  sharingLogExportInput,
  sharingLogInput,
  sharingRecordInput,
  type ChildFlags,
  type Concern,
  type SharingEntry,
  type SharingLogPage,
} from './features/safeguarding';
import {
  logoUploadInput,
  reportCreateInput,
  reportGenerateInput,
  reportIdInput,
  reportListInput,
  reportRegenerateInput,
  reportMarkSentInput,
  reportSignInput,
  reportUpdateInput,
  type GeneratedReport,
  type RegeneratedReport,
  type SavePlace,
  type ReportDetail,
  type ReportSummary,
} from './features/reports';
import { reportWordingInput, reportWordingsInput, type ReportWordings } from './features/report-wording';
import { attendanceRulesSchema, registerSaveInput, registerVersionInput, type AttendanceRules, type AttendanceSummary, type Register, type RegisterVersion } from './features/registers';
import { emptyExportInput, figuresExportInput, participantsExportInput, tasksExportInput, type CsvFile } from './features/exports';
import {
  retentionAnonymiseInput,
  retentionDeleteInput,
  retentionExtendInput,
  retentionPolicySchema,
  type RetentionOutcome,
  type RetentionPolicy,
  type RetentionReview,
} from './features/retention';
import { sarIdInput, sarListInput, sarLogInput, sarProduceInput, type SarPack, type SarReview, type SubjectAccessRequest } from './features/subject-access';

/**
 * - `public`: callable without logging in (set-up, log-in, recovery)
 * - `session`: any logged-in person
 * - a permission from permissions.ts
 */
export type Access = 'public' | 'session' | Permission;

export interface RouteDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** runs in a write transaction, with its audit entry in the same transaction */
  writes: boolean;
  /** still callable when the person must change a temporary password first */
  beforePasswordChange?: boolean;
  /** the route manages the vault itself (opens or closes the database), so it writes its own audit entries */
  vault?: boolean;
  /** phantom: carries the output type */
  output?: O;
}

const route = <O>() => <I extends z.ZodType>(def: Omit<RouteDef<I, O>, 'output'>): RouteDef<I, O> => def;
const empty = z.object({}).strict();

import {
  followUpSettingsInput,
  outcomesInput,
  overviewInput,
  packCsvInput,
  partnerOverviewInput,
  recordMeasureInput,
  wordingInput,
  type Dashboard,
  type MeasureForm,
  type MeasureRecord,
  type MeasuresOverview,
  type OutcomesSummary,
} from './features/outcomes';

export const api = {
  'auth.status': route<VaultState>()({ input: empty, access: 'public', writes: false, vault: true }),
  'auth.setup': route<{ recoveryKey: string }>()({ input: setupInput, access: 'public', writes: true, vault: true }),
  'auth.login': route<SessionInfo>()({ input: loginInput, access: 'public', writes: true, vault: true }),
  'auth.recover': route<SessionInfo>()({ input: recoverInput, access: 'public', writes: true, vault: true }),
  'auth.logout': route<null>()({ input: empty, access: 'session', writes: true, vault: true, beforePasswordChange: true }),
  'auth.lock': route<null>()({ input: empty, access: 'session', writes: true, vault: true, beforePasswordChange: true }),
  'auth.touch': route<null>()({ input: empty, access: 'session', writes: false, beforePasswordChange: true }),
  'auth.changePassword': route<SessionInfo>()({
    input: changePasswordInput,
    access: 'session',
    writes: true,
    beforePasswordChange: true,
  }),
  // The administrator's password again (issue 13): a session left open is not enough to mint a working recovery key.
  'auth.replaceRecoveryKey': route<{ recoveryKey: string }>()({
    input: z.object({ password: z.string().min(1, 'Enter your password').max(200, 'That is too long to be your password') }),
    access: 'settings.manage',
    writes: true,
  }),

  'staff.list': route<StaffMember[]>()({ input: empty, access: 'staff.view', writes: false }),
  'staff.create': route<TemporaryPassword>()({ input: staffCreateInput, access: 'staff.manage', writes: true }),
  'staff.update': route<StaffMember>()({ input: staffUpdateInput, access: 'staff.manage', writes: true }),
  'staff.resetPassword': route<TemporaryPassword>()({ input: staffIdInput, access: 'staff.manage', writes: true }),
  'staff.deactivate': route<StaffMember>()({ input: staffIdInput, access: 'staff.manage', writes: true }),
  'staff.reactivate': route<TemporaryPassword>()({ input: staffIdInput, access: 'staff.manage', writes: true }),
  'staff.grantPartnerAccess': route<StaffMember>()({ input: staffIdInput, access: 'staff.partnerAccess', writes: true }),

  'staff.directory': route<StaffDirectoryEntry[]>()({ input: empty, access: 'session', writes: false }),

  'settings.get': route<Settings>()({ input: empty, access: 'session', writes: false }),
  'settings.update': route<Settings>()({ input: settingsUpdateInput, access: 'settings.manage', writes: true }),
  'settings.setLogo': route<Settings>()({ input: logoUploadInput, access: 'settings.manage', writes: true }),

  'backups.status': route<BackupStatus>()({ input: empty, access: 'backups.manage', writes: false }),
  'backups.setPassphrase': route<BackupStatus>()({ input: setPassphraseInput, access: 'backups.manage', writes: true }),
  'backups.updateSettings': route<BackupStatus>()({ input: backupSettingsInput, access: 'backups.manage', writes: true }),
  'backups.pickFolder': route<{ path: string | null }>()({ input: empty, access: 'backups.manage', writes: false }),
  'backups.start': route<{ jobId: string }>()({ input: startBackupInput, access: 'backups.manage', writes: false }),
  'backups.checkDatabase': route<IntegrityResult>()({ input: empty, access: 'backups.manage', writes: false }),
  // Restoring is also offered on the first-run screen, so these are public and check for themselves
  // (an administrator, or a computer never set up).
  'backups.targets': route<BackupTargets>()({ input: empty, access: 'public', writes: false, vault: true }),
  'backups.pickFile': route<{ path: string | null }>()({ input: empty, access: 'public', writes: false, vault: true }),
  'backups.list': route<BackupFileEntry[]>()({ input: folderInput, access: 'public', writes: false, vault: true }),
  'backups.inspect': route<RestorePreview>()({ input: inspectInput, access: 'public', writes: false, vault: true }),
  'backups.restore': route<{ jobId: string }>()({ input: restoreInput, access: 'public', writes: true, vault: true }),
  'backups.cancelRestore': route<null>()({ input: empty, access: 'public', writes: false, vault: true }),
  /** progress of a backup or restore (the job id is the secret; it holds nothing personal) */
  'backups.job': route<JobStatus>()({ input: jobInput, access: 'public', writes: false, vault: true }),

  'updates.status': route<UpdateStatus>()({ input: empty, access: 'updates.install', writes: false }),
  'updates.check': route<UpdatePreview>()({ input: updateCheckInput, access: 'updates.install', writes: false }),
  /** progress through `backups.job` (one job at a time: a backup, a restore or an update) */
  'updates.start': route<{ jobId: string }>()({ input: updateStartInput, access: 'updates.install', writes: false }),

  'audit.list': route<AuditPage>()({ input: auditListInput, access: 'audit.view', writes: false }),
  'audit.verify': route<AuditVerifyResult>()({ input: empty, access: 'audit.view', writes: false }),
  'audit.export': route<AuditExport>()({ input: auditExportInput, access: 'audit.view', writes: false }),

  'participants.findDuplicates': route<DuplicateCandidate[]>()({ input: findDuplicatesInput, access: 'participants.edit', writes: false }),
  'participants.create': route<{ id: string; reference: string }>()({ input: createReferralInput, access: 'participants.edit', writes: true }),
  'participants.list': route<ParticipantList>()({ input: listInput, access: 'participants.view', writes: false }),
  'participants.search': route<SearchHit[]>()({ input: searchInput, access: 'participants.view', writes: false }),
  'participants.waitingList': route<WaitingListRow[]>()({ input: empty, access: 'participants.view', writes: false }),
  'participants.get': route<ParticipantRecord>()({ input: idInput, access: 'participants.view', writes: false }),
  'participants.updateDetails': route<ParticipantRecord>()({ input: updateDetailsInput, access: 'participants.edit', writes: true }),
  'participants.setStatus': route<ParticipantRecord>()({ input: setStatusInput, access: 'participants.edit', writes: true }),
  'participants.restrict': route<ParticipantRecord>()({ input: restrictInput, access: 'participants.restrict', writes: true }),

  'referrals.add': route<Referral>()({ input: addReferralInput, access: 'participants.edit', writes: true }),
  'referrals.update': route<Referral>()({ input: updateReferralInput, access: 'participants.edit', writes: true }),

  'assessments.save': route<Assessment>()({ input: assessmentInput, access: 'participants.edit', writes: true }),
  'risk.add': route<RiskAssessment>()({ input: riskInput, access: 'participants.edit', writes: true }),

  'consents.add': route<Consent>()({ input: consentAddInput, access: 'participants.edit', writes: true }),
  'consents.update': route<Consent>()({ input: consentUpdateInput, access: 'participants.edit', writes: true }),
  'consents.withdraw': route<Consent>()({ input: consentWithdrawInput, access: 'participants.edit', writes: true }),

  'notes.list': route<NotePage>()({ input: noteListInput, access: 'notes.view', writes: false }),
  'notes.add': route<CaseNote>()({ input: noteAddInput, access: 'notes.write', writes: true }),
  'notes.update': route<CaseNote>()({ input: noteUpdateInput, access: 'notes.write', writes: true }),
  'notes.history': route<CaseNoteVersion[]>()({ input: idInput, access: 'notes.history', writes: false }),

  // A person's own drafts of long text. Saving is one statement outside a route transaction and is not
  // audited (it happens every few seconds while they type); see src/main/features/drafts/service.ts.
  'drafts.get': route<Draft | null>()({ input: draftPlaceInput, access: 'session', writes: false }),
  'drafts.save': route<{ savedAt: string } | null>()({ input: draftSaveInput, access: 'session', writes: false }),
  'drafts.discard': route<null>()({ input: draftPlaceInput, access: 'session', writes: false }),

  'goals.add': route<Goal>()({ input: goalAddInput, access: 'participants.edit', writes: true }),
  'goals.update': route<Goal>()({ input: goalUpdateInput, access: 'participants.edit', writes: true }),

  'tasks.list': route<TaskPage>()({ input: taskListInput, access: 'session', writes: false }),
  'tasks.add': route<Task>()({ input: taskAddInput, access: 'session', writes: true }),
  'tasks.complete': route<Task>()({ input: taskCompleteInput, access: 'session', writes: true }),
  'tasks.reopen': route<Task>()({ input: taskReopenInput, access: 'session', writes: true }),

  'programmes.list': route<ProgrammeType[]>()({ input: empty, access: 'groups.view', writes: false }),
  'programmes.save': route<ProgrammeType>()({ input: programmeTypeInput, access: 'groups.manage', writes: true }),
  'programmes.attendanceRules': route<AttendanceRules>()({ input: empty, access: 'groups.view', writes: false }),
  'programmes.setAttendanceRules': route<AttendanceRules>()({ input: attendanceRulesSchema, access: 'groups.manage', writes: true }),
  'curriculum.list': route<Theme[]>()({ input: empty, access: 'groups.view', writes: false }),
  'curriculum.saveTheme': route<Theme>()({ input: themeInput, access: 'curriculum.manage', writes: true }),
  'curriculum.saveTemplate': route<SessionTemplate>()({ input: templateInput, access: 'curriculum.manage', writes: true }),
  'curriculum.reorderThemes': route<Theme[]>()({ input: reorderInput, access: 'curriculum.manage', writes: true }),
  'curriculum.reorderTemplates': route<Theme[]>()({ input: reorderInput, access: 'curriculum.manage', writes: true }),
  'closures.list': route<Closure[]>()({ input: empty, access: 'groups.view', writes: false }),
  'closures.add': route<Closure[]>()({ input: closureInput, access: 'groups.manage', writes: true }),
  'closures.remove': route<Closure[]>()({ input: closureDeleteInput, access: 'groups.manage', writes: true }),

  'groups.list': route<Group[]>()({ input: empty, access: 'groups.view', writes: false }),
  'groups.get': route<GroupDetail>()({ input: idInput, access: 'groups.view', writes: false }),
  'groups.create': route<GroupSaveResult>()({ input: groupCreateInput, access: 'groups.manage', writes: true }),
  'groups.update': route<GroupSaveResult>()({ input: groupUpdateInput, access: 'groups.manage', writes: true }),
  'groups.enrol': route<EnrolResult>()({ input: enrolInput, access: 'groups.manage', writes: true }),
  'enrolments.move': route<EnrolResult>()({ input: moveEnrolmentInput, access: 'groups.manage', writes: true }),
  'enrolments.leave': route<Enrolment>()({ input: leaveEnrolmentInput, access: 'groups.manage', writes: true }),
  'enrolments.forParticipant': route<Enrolment[]>()({ input: z.object({ participantId: z.uuid() }), access: 'participants.view', writes: false }),

  'sessions.calendar': route<Session[]>()({ input: calendarInput, access: 'groups.view', writes: false }),
  'sessions.withoutReadyPlan': route<Session[]>()({ input: empty, access: 'groups.view', writes: false }),
  'sessions.reschedule': route<SessionSaveResult>()({ input: rescheduleInput, access: 'sessions.manage', writes: true }),
  'sessions.cancel': route<Session>()({ input: cancelSessionInput, access: 'sessions.manage', writes: true }),
  'sessions.catchUp': route<SessionSaveResult>()({ input: catchUpInput, access: 'sessions.manage', writes: true }),
  'sessions.changes': route<SessionChange[]>()({ input: z.object({ sessionId: z.uuid() }), access: 'groups.view', writes: false }),

  'plans.get': route<SessionPlan | null>()({ input: z.object({ sessionId: z.uuid() }), access: 'groups.view', writes: false }),
  'plans.start': route<SessionPlan>()({ input: planStartInput, access: 'plans.edit', writes: true }),
  'plans.save': route<SessionPlan>()({ input: planSaveInput, access: 'plans.edit', writes: true }),

  'registers.get': route<Register>()({ input: z.object({ sessionId: z.uuid() }), access: 'groups.view', writes: false }),
  'registers.save': route<Register>()({ input: registerSaveInput, access: 'registers.take', writes: true }),
  'registers.version': route<RegisterVersion>()({ input: registerVersionInput, access: 'registers.take', writes: false }),
  'attendance.summary': route<AttendanceSummary | null>()({ input: z.object({ participantId: z.uuid() }), access: 'participants.view', writes: false }),

  'partners.list': route<PartnerList>()({ input: partnerListInput, access: 'partners.view', writes: false }),
  'partners.today': route<AlertGroup[]>()({ input: empty, access: 'partners.view', writes: false }),
  'partners.search': route<PartnerSummary[]>()({ input: z.object({ q: z.string().max(200).default('') }), access: 'partners.view', writes: false }),
  'partners.forParticipant': route<PartnerSummary[]>()({ input: z.object({ participantId: z.uuid() }), access: 'partners.view', writes: false }),
  'partners.get': route<PartnerRecord>()({ input: partnerIdInput, access: 'partners.view', writes: false }),
  'partners.create': route<{ id: string; reference: string }>()({ input: partnerCreateInput, access: 'partners.edit', writes: true }),
  'partners.update': route<PartnerRecord>()({ input: partnerUpdateInput, access: 'partners.edit', writes: true }),
  'partners.link': route<PartnerRecord>()({ input: partnerLinkInput, access: 'partners.edit', writes: true }),
  'partners.updateLink': route<PartnerRecord>()({ input: partnerLinkUpdateInput, access: 'partners.edit', writes: true }),
  'partners.shareContact': route<PartnerRecord>()({ input: contactShareInput, access: 'partners.markSafe', writes: true }),
  'partners.unshareContact': route<PartnerRecord>()({ input: contactUnshareInput, access: 'partners.markSafe', writes: true }),
  'partners.checklistForms': route<ChecklistForms>()({ input: empty, access: 'partners.view', writes: false }),
  'partners.saveChecklistWording': route<ChecklistForms>()({ input: checklistWordingInput, access: 'partners.checklistWording', writes: true }),
  'partners.logContact': route<PartnerRecord>()({ input: contactLogInput, access: 'partners.edit', writes: true }),
  'partners.saveChecklist': route<Checklist>()({ input: checklistInput, access: 'partners.edit', writes: true }),
  'partners.saveSafetyPlan': route<SafetyPlan>()({ input: safetyPlanInput, access: 'partners.edit', writes: true }),
  'partners.saveReferral': route<MaracReferral>()({ input: maracInput, access: 'partners.edit', writes: true }),
  /** the programme side tells the partner service he has a new partner (it never sees her record) */
  'participants.newPartnerDisclosed': route<null>()({ input: z.object({ participantId: z.uuid(), note: z.string().trim().max(2000).default('') }), access: 'participants.edit', writes: true }),

  'safeguarding.list': route<Concern[]>()({ input: concernListInput, access: 'safeguarding.raise', writes: false }),
  'safeguarding.raise': route<Concern>()({ input: concernRaiseInput, access: 'safeguarding.raise', writes: true }),
  'safeguarding.update': route<Concern>()({ input: concernUpdateInput, access: 'safeguarding.raise', writes: true }),
  'sharing.list': route<SharingEntry[]>()({ input: sharingListInput, access: 'sharing.record', writes: false }),
  'sharing.record': route<SharingEntry>()({ input: sharingRecordInput, access: 'sharing.record', writes: true }),
  /** which of the children on his record or hers are named in an open concern (the fact only, never the concern) */
  'safeguarding.childFlags': route<ChildFlags>()({ input: childFlagsInput, access: 'participants.view', writes: false }),
  /** every disclosure across the organisation; audited as a read of the log */
  'sharing.log': route<SharingLogPage>()({ input: sharingLogInput, access: 'sharing.log', writes: false }),
  'sharing.exportLog': route<CsvFile>()({ input: sharingLogExportInput, access: 'sharing.log', writes: false }),

  'exports.participants': route<CsvFile>()({ input: participantsExportInput, access: 'lists.export', writes: false }),
  'exports.waitingList': route<CsvFile>()({ input: emptyExportInput, access: 'lists.export', writes: false }),
  'exports.tasks': route<CsvFile>()({ input: tasksExportInput, access: 'lists.export', writes: false }),
  'exports.figures': route<CsvFile>()({ input: figuresExportInput, access: 'reports.figures', writes: false }),

  'retention.policy': route<RetentionPolicy>()({ input: empty, access: 'retention.policy', writes: false }),
  'retention.setPolicy': route<RetentionPolicy>()({ input: retentionPolicySchema, access: 'retention.policy', writes: true }),
  'retention.review': route<RetentionReview>()({ input: empty, access: 'retention.review', writes: false }),
  'retention.extend': route<RetentionOutcome>()({ input: retentionExtendInput, access: 'retention.review', writes: true }),
  'retention.anonymise': route<RetentionOutcome>()({ input: retentionAnonymiseInput, access: 'retention.review', writes: true }),
  'retention.delete': route<RetentionOutcome>()({ input: retentionDeleteInput, access: 'retention.review', writes: true }),

  'subjectAccess.list': route<SubjectAccessRequest[]>()({ input: sarListInput, access: 'subjectAccess.manage', writes: false }),
  'subjectAccess.log': route<SubjectAccessRequest>()({ input: sarLogInput, access: 'subjectAccess.manage', writes: true }),
  'subjectAccess.review': route<SarReview>()({ input: sarIdInput, access: 'subjectAccess.manage', writes: false }),
  'subjectAccess.produce': route<SarPack>()({ input: sarProduceInput, access: 'subjectAccess.manage', writes: true }),

  'reports.list': route<ReportSummary[]>()({ input: reportListInput, access: 'reports.draft', writes: false }),
  'reports.get': route<ReportDetail>()({ input: reportIdInput, access: 'reports.draft', writes: false }),
  'reports.create': route<ReportDetail>()({ input: reportCreateInput, access: 'reports.draft', writes: true }),
  'reports.update': route<ReportDetail>()({ input: reportUpdateInput, access: 'reports.draft', writes: true }),
  'reports.signOff': route<ReportDetail>()({ input: reportSignInput, access: 'reports.sign', writes: true }),
  // Outside any transaction: the desktop save dialog waits on the person (the browser host downloads instead).
  'reports.choosePlace': route<SavePlace>()({ input: reportIdInput, access: 'reports.draft', writes: false }),
  'reports.generate': route<GeneratedReport>()({ input: reportGenerateInput, access: 'reports.draft', writes: true }),
  'reports.regenerate': route<RegeneratedReport>()({ input: reportRegenerateInput, access: 'reports.draft', writes: true }),
  'reports.markSent': route<ReportDetail>()({ input: reportMarkSentInput, access: 'reports.draft', writes: true }),
  'reports.wording': route<ReportWordings>()({ input: reportWordingsInput, access: 'reports.wording', writes: false }),
  'reports.saveWording': route<ReportWordings>()({ input: reportWordingInput, access: 'reports.wording', writes: true }),

  // Outcome measures (issue 18). Hers are behind the wall (partners.*); the page and dashboard are a manager's.
  'outcomes.overview': route<MeasuresOverview>()({ input: overviewInput, access: 'outcomes.programme', writes: false }),
  'outcomes.record': route<MeasureRecord>()({ input: recordMeasureInput, access: 'outcomes.programme', writes: true }),
  'outcomes.partnerOverview': route<MeasuresOverview>()({ input: partnerOverviewInput, access: 'partners.view', writes: false }),
  'outcomes.recordPartner': route<MeasureRecord>()({ input: recordMeasureInput, access: 'partners.edit', writes: true }),
  'outcomes.summary': route<OutcomesSummary>()({ input: outcomesInput, access: 'outcomes.view', writes: false }),
  'outcomes.dashboard': route<Dashboard>()({ input: empty, access: 'outcomes.view', writes: false }),
  'outcomes.followUps': route<{ months: number[] }>()({ input: empty, access: 'session', writes: false }),
  'outcomes.setFollowUps': route<{ months: number[] }>()({ input: followUpSettingsInput, access: 'outcomes.view', writes: true }),
  'outcomes.forms': route<MeasureForm[]>()({ input: z.object({ set: z.enum(['partner', 'participant', 'rating']) }), access: 'session', writes: false }),
  'outcomes.saveWording': route<MeasureForm[]>()({ input: wordingInput, access: 'outcomes.view', writes: true }),
  /** the saved accreditation pack as CSV, from the same content as its Word file; recorded as a report */
  'outcomes.packCsv': route<CsvFile>()({ input: packCsvInput, access: 'reports.figures', writes: true }),

  // Bringing records in from a spreadsheet: check (reads only), then import (one transaction).
  'imports.check': route<ImportCheck>()({ input: importFileInput, access: 'imports.run', writes: false }),
  'imports.run': route<ImportResult>()({ input: importFileInput, access: 'imports.run', writes: true }),
  /** how far the check or import running now has got (counts only) */
  'imports.progress': route<ImportProgress>()({ input: empty, access: 'imports.run', writes: false }),
  'imports.saveMapping': route<null>()({ input: importMappingInput, access: 'imports.run', writes: true }),
  'imports.template': route<{ fileName: string; base64: string }>()({ input: importKindInput, access: 'imports.run', writes: false }),
} as const;

export type Api = typeof api;
export type RouteName = keyof Api;
export type RouteInput<R extends RouteName> = z.input<Api[R]['input']>;
export type RouteParsed<R extends RouteName> = z.output<Api[R]['input']>;
export type RouteOutput<R extends RouteName> = NonNullable<Api[R]['output']> extends never
  ? null
  : Exclude<Api[R]['output'], undefined>;

export const isRouteName = (name: unknown): name is RouteName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);

export { INVOKE_CHANNEL } from './channel';
