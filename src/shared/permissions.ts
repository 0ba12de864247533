/**
 * The permission matrix: the one source for the router (which refuses) and the
 * window (which hides). Add a permission here first, then use it in api.ts.
 */
export const roles = ['admin', 'manager', 'facilitator', 'partner_worker'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  facilitator: 'Facilitator',
  partner_worker: 'Partner support worker',
};

export const roleDescriptions: Record<Role, string> = {
  admin: 'Staff accounts, backups and settings',
  manager: 'All case records, reports and the audit log',
  facilitator: 'Participants, groups, session plans and registers',
  partner_worker: 'The partner support service',
};

const matrix = {
  'staff.view': ['admin', 'manager'],
  'staff.manage': ['admin'],
  /** giving partner access seals the partner key to the person: only a holder can, never an administrator alone */
  'staff.partnerAccess': ['manager'],
  'settings.manage': ['admin'],
  'backups.manage': ['admin'],
  'updates.install': ['admin'],
  'audit.view': ['admin', 'manager'],
  // Case records are for the people doing the work; administrators run the system, not cases.
  'participants.view': ['manager', 'facilitator', 'partner_worker'],
  'participants.edit': ['manager', 'facilitator'],
  'participants.restrict': ['manager'],
  'notes.view': ['manager', 'facilitator'],
  'notes.write': ['manager', 'facilitator'],
  'notes.history': ['manager'],
  'groups.view': ['manager', 'facilitator'],
  'groups.manage': ['manager'],
  'curriculum.manage': ['manager'],
  'sessions.manage': ['manager', 'facilitator'],
  'plans.edit': ['manager', 'facilitator'],
  'registers.take': ['manager', 'facilitator'],
  // The partner wall: partners, their contact details, what they disclose, checklists, safety plans.
  'partners.view': ['partner_worker', 'manager'],
  'partners.edit': ['partner_worker', 'manager'],
  /** the partner worker judges what of hers is safe to go in his reports (DESIGN.md section 4) */
  'partners.markSafe': ['partner_worker'],
  /** the organisation's licensed wording of the risk checklist */
  'partners.checklistWording': ['manager'],
  // Either side raises concerns and records disclosures; each sees its own side's details.
  'safeguarding.raise': ['manager', 'facilitator', 'partner_worker'],
  'sharing.record': ['manager', 'facilitator', 'partner_worker'],
  // Reports: facilitators draft and print; managers sign off and produce the figures for funders.
  'reports.draft': ['manager', 'facilitator'],
  'reports.sign': ['manager'],
  'reports.figures': ['manager'],
  /** the organisation's own wording of each report type's standard paragraphs (declarations, confidentiality, letter closings) */
  'reports.wording': ['manager'],
  /** a manager's decision to share without consent */
  'sharing.withoutConsent': ['manager'],
  /** the organisation-wide information-sharing log: every disclosure, both sides of the wall (the data protection lead is a manager) */
  'sharing.log': ['manager'],
  /** CSV exports of the lists: personal data leaving the encrypted database, so managers only */
  'lists.export': ['manager'],
  /** the retention policy is a setting; decisions on records past their date are a manager's */
  'retention.policy': ['admin', 'manager'],
  'retention.review': ['manager'],
  'subjectAccess.manage': ['manager'],
  /**
   * bringing existing records in from spreadsheets: case records by managers (partners need partner access too),
   * staff accounts by administrators; each kind also needs the permission for adding one by hand (importKindPermission)
   */
  'imports.run': ['admin', 'manager'],
  /** outcome measures on his side: his own view and the facilitators' rating (issue 18) */
  'outcomes.programme': ['manager', 'facilitator'],
  /** the outcomes page, the dashboard and the measures' settings: the whole picture, so managers */
  'outcomes.view': ['manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;
export const permissions = Object.keys(matrix) as Permission[];

export function can(role: Role | undefined | null, permission: Permission): boolean {
  // Stryker disable next-line ConditionalExpression: includes(null) is false anyway; kept for the reader (see stryker.config.mjs)
  return role != null && (matrix[permission] as readonly Role[]).includes(role);
}
