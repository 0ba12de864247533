/**
 * Whether the partner file is attached on a connection, as this program last attached or
 * detached it (db/partner-file.ts). Writes to the shared tables ask this before nearly every
 * statement (features/partners/shared-rows.ts); answering from memory saves a round trip to
 * the database each time (about a tenth of all statements while the ten-year data set is
 * generated). When nothing is known (a connection this program never attached on, or during
 * the conversion's build) the question goes to the database as before.
 *
 * A wrong answer could not breach the wall: with the file detached, a write sent to
 * `partner.<table>` fails ("no such table"); with it attached, a write left unqualified hits the
 * temporary view and fails ("cannot modify ... because it is a view"), and a partner-side row
 * asked for without it is refused.
 */
import type { RawConnection } from './drivers/types';

/** The question, word for word: the dialect (db/dialect.ts) answers exactly this text from memory. */
export const PARTNER_ATTACHED_QUESTION = `select count(*) as n from pragma_database_list where name = 'partner'`;

const attached = new WeakMap<RawConnection, boolean>();

export function notePartnerAttached(raw: RawConnection, isAttached: boolean): void {
  attached.set(raw, isAttached);
}

/** Back to asking the database (the conversion attaches a file that is not yet the partner side). */
export function forgetPartnerAttached(raw: RawConnection): void {
  attached.delete(raw);
}

export function knownPartnerAttached(raw: RawConnection): boolean | undefined {
  return attached.get(raw);
}
