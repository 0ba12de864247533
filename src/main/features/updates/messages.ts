/**
 * Each reason an update is refused, in plain words, and the error that carries
 * it. Every message ends by saying nothing was installed: a refused update
 * never touches the program or the database.
 */
import type { UpdateRefusal } from '../../../shared/features/updates';
import { AppError } from '../../app-error';

const NOTHING = 'Nothing has been installed and the records have not been changed.';

export const refusalMessages: Record<UpdateRefusal, string> = {
  NO_UPDATE: `There is no update in that folder (it has no update.json). Check that you chose the stick or the folder on it that holds the update. ${NOTHING}`,
  NO_SIGNATURE: `The update has no signature (update.json.sig is missing or unreadable), so the program cannot tell who made it. Ask your supplier for a complete copy. ${NOTHING}`,
  UNKNOWN_KEY: `The update is signed with a key this program does not know, so it may not come from the program's makers. Do not use this stick; tell your supplier. ${NOTHING}`,
  BAD_SIGNATURE: `The update's signature does not match its contents: it has been changed or damaged since the makers signed it. Do not use this stick; tell your supplier. ${NOTHING}`,
  BAD_MANIFEST: `The update's description (update.json) is signed but not in a form this program understands. It may be meant for a newer program; ask your supplier. ${NOTHING}`,
  WRONG_APP: `This update is for a different program, not the DVPP Case Manager. ${NOTHING}`,
  WRONG_CHANNEL: `This update is from a different release line (for example a test release), not the one this program takes. ${NOTHING}`,
  WRONG_PLATFORM: `This update has no installer for this kind of computer. Ask your supplier for the update for this computer. ${NOTHING}`,
  NOT_NEWER: `This update is not newer than the version already running, and the program never goes back to an older version. ${NOTHING}`,
  ROLLBACK: `This update is older than a version this computer's records have already been used with. Going back could damage the records, so it is refused. ${NOTHING}`,
  TOO_OLD: `The version running now is too old to take this update directly. Install the update in between first (ask your supplier). ${NOTHING}`,
  INSTALLER_MISSING: `The update folder does not hold the installer its description names. Ask your supplier for a complete copy. ${NOTHING}`,
  SIZE_MISMATCH: `The installer on the stick is not the size the signed description says: it is damaged or has been changed. ${NOTHING}`,
  HASH_MISMATCH: `The installer copied from the stick is not the one the makers signed (its checksum differs): it is damaged or has been changed. ${NOTHING}`,
  STICK_REMOVED: `The stick was removed, or stopped answering, while the update was being copied from it. Plug it back in and try again. ${NOTHING}`,
  DISK_FULL: `This computer's own disk is too full to take a copy of the update. Free some space on this computer, then try again. ${NOTHING}`,
};

export class UpdateRefused extends AppError {
  constructor(readonly refusal: UpdateRefusal) {
    super('VALIDATION', refusalMessages[refusal], { fields: { folder: refusalMessages[refusal] } });
  }
}
