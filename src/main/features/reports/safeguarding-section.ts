/**
 * The safeguarding section of every agency report (court / Cafcass, probation,
 * children's services, suitability): the programme-side concerns about him
 * raised or still open in the period. What was raised is the facilitators'
 * own words: the concern's text unless they rewrote it for this report
 * (a section keyed by the concern, editable until sign-off). Partner-side
 * concerns never come here: they stay behind the wall, and reach a report
 * only as a summary a partner worker marked safe to share.
 */
import { concernKindLabels } from '../../../shared/features/safeguarding';
import type { EditableWording, ReportBlock } from '../../../shared/features/reports';
import { freeText, period, ukDate, type BuildContext } from './content-helpers';
import type { ParticipantReportData, ReportConcern } from './gather';

/** The section key for a concern's wording in one report (fits the 40-character key limit). */
export const concernKey = (id: string) => `sg:${id}`;

/** Raised in the period, or raised before it and still open or changed (for example closed) during it. */
export function concernsInScope(d: ParticipantReportData, c: BuildContext): ReportConcern[] {
  return d.safeguarding.filter(
    (s) =>
      (!c.periodTo || s.raisedOn <= c.periodTo) &&
      (!c.periodFrom || s.raisedOn >= c.periodFrom || s.status === 'open' || s.updatedOn >= c.periodFrom),
  );
}

/** What the facilitators may reword before sign-off: one box per concern, starting from the concern's text. */
export function concernWording(d: ParticipantReportData, c: BuildContext): EditableWording[] {
  return concernsInScope(d, c).map((s) => ({
    key: concernKey(s.id),
    label: `Safeguarding concern raised on ${ukDate(s.raisedOn)}: what was raised, in your words for this report`,
    original: s.what,
  }));
}

function whatWasDone(s: ReportConcern): { done: string; told: string } {
  const done: string[] = [];
  const told: string[] = [];
  const a = s.actions;
  if (a.discussedWithManager) done.push('it was discussed with the safeguarding manager');
  if (a.childrensServicesReferral) {
    done.push(
      `a referral was made to children’s services${a.childrensServicesReference ? ` (reference ${a.childrensServicesReference})` : ''}`,
    );
    told.push('children’s services');
  }
  if (a.policeInformed) {
    done.push(`the police were informed${a.policeReference ? ` (reference ${a.policeReference})` : ''}`);
    told.push('the police');
  }
  return {
    done: done.length ? `${done.join('; ')}.` : 'no action beyond recording it has been recorded.',
    told: told.length ? `${told.join(' and ')}.` : 'no other agency has been recorded as told.',
  };
}

export function safeguardingBlocks(d: ParticipantReportData, c: BuildContext): ReportBlock[] {
  const shown = concernsInScope(d, c);
  const out: ReportBlock[] = [{ kind: 'heading', text: 'Safeguarding', level: 2 }];
  const when = c.periodFrom ? ` in the period from ${period(c)}` : '';
  if (!shown.length) {
    out.push({
      kind: 'paragraph',
      numbered: true,
      text: `No safeguarding concern about him was raised or open on the programme${when}.`,
    });
    return out;
  }
  out.push({
    kind: 'paragraph',
    numbered: true,
    keepWithNext: true,
    text: `${shown.length === 1 ? 'One safeguarding concern about him was' : `${shown.length} safeguarding concerns about him were`} raised or open on the programme${when}. ${shown.some((s) => s.status === 'open') ? 'A concern still open is marked as such.' : 'All of them are now closed.'}`,
  });
  for (const s of shown) {
    const { done, told } = whatWasDone(s);
    const kind = concernKindLabels[s.kind as keyof typeof concernKindLabels] ?? s.kind;
    const wording = c.sections[concernKey(s.id)]?.trim() || s.what;
    out.push({
      kind: 'paragraph',
      numbered: true,
      bold: true,
      keepWithNext: true,
      text: `${kind} concern raised on ${ukDate(s.raisedOn)}: ${s.status === 'open' ? 'still open' : 'closed'}${s.childrenCount ? ` (${s.childrenCount === 1 ? 'one child' : `${s.childrenCount} children`} named in it)` : ''}.`,
    });
    out.push(...freeText(`What was raised: ${wording}`, false, ''));
    out.push({ kind: 'paragraph', text: `What was done: ${done}` });
    out.push({ kind: 'paragraph', text: `Who was told: ${told}` });
    if (s.outcome.trim()) out.push({ kind: 'paragraph', text: `Outcome: ${s.outcome.trim()}` });
  }
  return out;
}
