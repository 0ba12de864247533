/** Hands a produced report to the person: a download in the browser; in the desktop program the back end's save dialog already wrote it. */
import type { GeneratedReport } from '../../../shared/features/reports';
import { call } from '../../app/api';
import { notifySuccess } from '../../app/notify';

/**
 * In the desktop program, asks where to save before the report is produced
 * (the browser downloads instead). Null when the person cancelled the dialog.
 */
export async function choosePlace(id: string): Promise<{ saveToken: string } | null> {
  const out = await call('reports.choosePlace', { id });
  return out.cancelled ? null : { saveToken: out.token ?? '' };
}

export function deliverReport(out: GeneratedReport, what = 'The report'): boolean {
  if (out.cancelled) return false;
  if (out.base64) {
    const binary = atob(out.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const url = URL.createObjectURL(
      new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = out.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notifySuccess(`${what} has been downloaded as ${out.fileName}.`);
  } else if (out.savedTo) {
    notifySuccess(`${what} has been saved to ${out.savedTo}.`);
  }
  return true;
}
