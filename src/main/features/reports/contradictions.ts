/**
 * Checks a draft against his record before it can be signed off, so that a
 * report never says "completed" of a man who left, or "on track" in the
 * paragraph after the one saying he left. Each finding names the paragraph
 * (its number, as printed and as in the preview, and the heading it sits
 * under) so the author can find it. Blockers stop sign-off; warnings are shown
 * to check before sending.
 */
import { assessmentOutcomeLabels, type AssessmentOutcome } from '../../../shared/features/participants';
import type { ReportBlock, ReportContent, ReportType } from '../../../shared/features/reports';
import { period, ukDate, type BuildContext } from './content-helpers';
import type { ParticipantReportData } from './gather';
import { attendanceInPeriod } from './participant-reports';

export interface Findings {
  blockers: string[];
  warnings: string[];
}

interface Located {
  text: string;
  /** "Paragraph 12 (under “Completion”)" or, unnumbered, the opening words */
  where: string;
  heading: string;
}

/** Every paragraph with the name a reader can find it by. */
function paragraphs(blocks: ReportBlock[]): Located[] {
  const out: Located[] = [];
  let n = 0;
  let heading = '';
  for (const b of blocks) {
    if (b.kind === 'heading') heading = b.text;
    if (b.kind !== 'paragraph') continue;
    const under = heading ? ` (under “${heading}”)` : '';
    const opening = b.text.length > 40 ? `${b.text.slice(0, 40).trimEnd()}…` : b.text;
    const where = b.numbered ? `Paragraph ${++n}${under}` : `The paragraph beginning “${opening}”${under}`;
    out.push({ text: b.text, where, heading });
  }
  return out;
}

const quote = (text: string, m: RegExpExecArray) => `“${text.slice(m.index, m.index + m[0].length)}”`;
/** A phrase preceded closely by a negation ("not", "never", "without", "yet to") is not a claim. */
const negated = (text: string, at: number) =>
  /\b(not|never|without|yet to|unable to|failed to)\b[^.;]{0,25}$/i.test(text.slice(0, at));

const STILL_GOING = [
  /\bon track\b/i,
  /\bstill to come\b/i,
  /\bremaining sessions?\b/i,
  /\bsessions? (?:still )?remaining\b/i,
  /\bcontinues? to attend\b/i,
  /\bwill continue (?:to attend|on the programme|with the programme)\b/i,
  /\bupcoming sessions?\b/i,
];
const COMPLETED =
  /\b(?:has |successfully |he )?completed (?:the|his) programme\b|\bhas completed\b|\bsuccessfully completed\b/i;
const NEXT_STEP =
  /\b(next step|route back|re-?refer\w*|re-?assess\w*|review\w*|return\w*|again|re-?appl\w*|signpost\w*|referred (?:on|to)|once|when he|after)\b/i;

export function checkContradictions(
  type: ReportType,
  d: ParticipantReportData,
  c: BuildContext,
  content: ReportContent,
): Findings {
  const blockers: string[] = [];
  const warnings: string[] = [];
  const paras = paragraphs(content.blocks);
  const status = d.status.current;
  const left = [...d.status.history].reverse().find((h) => h.status === 'exited');
  const progress = ['court_mid', 'court_end', 'probation_update', 'childrens_services_update'].includes(type);
  const agency = progress || type === 'suitability';
  if (!agency) return { blockers, warnings };

  for (const p of paras) {
    if (status === 'exited') {
      for (const re of STILL_GOING) {
        const m = re.exec(p.text);
        if (m && !negated(p.text, m.index))
          blockers.push(
            `${p.where} says ${quote(p.text, m)}, but he left the programme${left ? ` on ${ukDate(left.effectiveOn)}` : ''}. Change that paragraph.`,
          );
      }
    }
    const done = COMPLETED.exec(p.text);
    if (done && !negated(p.text, done.index)) {
      if (status !== 'completed')
        blockers.push(
          `${p.where} says ${quote(p.text, done)}, but his record does not show him as having completed the programme (${status === 'exited' ? 'he left it' : 'he has not finished it'}). Change that paragraph or his status.`,
        );
      else if ((d.attendance?.attended ?? 0) === 0)
        blockers.push(
          `${p.where} says ${quote(p.text, done)}, but his record shows no attendance at any group session. Check his registers before this is signed off.`,
        );
    }
  }

  if (progress) {
    const attendancePara = paras.find((p) => p.heading === 'Attendance');
    const at = attendancePara ? `${attendancePara.where}: ` : '';
    if (c.periodTo && c.periodTo > c.asOf)
      blockers.push(
        `${at}the period ends on ${ukDate(c.periodTo)}, after the date of this report (${ukDate(c.asOf)}), so its totals would count sessions that have not happened. End the period on or before today.`,
      );
    const f = attendanceInPeriod(d, c);
    if (f.rows.length === 0)
      warnings.push(
        `${at}no sessions were held for him in the period from ${period(c)}. Check that the period is the one the recipient asked about.`,
      );
    if (d.attendance && f.attended > d.attendance.attended)
      blockers.push(
        `${at}the period's total (${f.attended} attended) is more than the whole programme's (${d.attendance.attended}). Check the period and his registers.`,
      );
    const referred = d.referrals.at(-1)?.receivedOn;
    if (referred && c.periodFrom && c.periodFrom < referred)
      warnings.push(`The period starts on ${ukDate(c.periodFrom)}, before he was referred (${ukDate(referred)}).`);
  }

  // A "deferred" or "not suitable" decision must say what happens next: the next step or the route back.
  const a = d.assessments.find((x) => x.completedOn);
  if (a && (a.decision === 'deferred' || a.decision === 'not_suitable')) {
    const label = assessmentOutcomeLabels[a.decision as AssessmentOutcome];
    const said = [a.decisionReason, c.sections.comments, c.sections.recommendations].filter(Boolean).join(' ');
    if (!NEXT_STEP.test(said ?? '')) {
      const p = paras.find((x) => x.text === label || x.text.includes(`The decision was: ${label}`));
      blockers.push(
        `${p ? `${p.where} says` : 'The assessment decision is'} “${label.toLowerCase()}” with no next step or route back. Say what happens next (for example when he may be reassessed, or where he was referred) in the decision's reason${type === 'suitability' ? ' or the further comments' : ' or the recommendations'}.`,
      );
    }
  }
  return { blockers, warnings };
}
