/**
 * What an uploaded logo is, read from its own bytes (never from a file name
 * or a type the window claims): PNG or JPEG only, with its pixel size.
 */
import { LOGO_MAX_BYTES, type LogoInfo } from '../../shared/features/reports';
import { invalidField } from '../app-error';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = bytes.readUInt16BE(i + 2);
    // Start-of-frame markers (baseline, progressive, ...) carry the size; C4, C8 and CC are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** Checks a logo and says what it is; refuses anything that is not a PNG or JPEG, or is too large, with a message. */
export function logoInfo(bytes: Buffer): LogoInfo {
  if (bytes.length === 0) throw invalidField('logo', 'The file is empty. Choose a PNG or JPEG picture of the logo');
  if (bytes.length > LOGO_MAX_BYTES)
    throw invalidField(
      'logo',
      `The logo is too large (${Math.ceil(bytes.length / 1024)} KB): the limit is ${LOGO_MAX_BYTES / 1024} KB. Save a smaller copy and try again`,
    );
  const png = pngSize(bytes);
  const jpg = png ? null : jpegSize(bytes);
  const size = png ?? jpg;
  if (!size)
    throw invalidField(
      'logo',
      'The logo must be a PNG or JPEG picture. Other kinds of file (PDF, SVG, Word, GIF) cannot be used',
    );
  if (size.width < 1 || size.height < 1 || size.width > 8000 || size.height > 8000)
    throw invalidField('logo', 'The picture’s size could not be read. Save it again as a PNG or JPEG');
  return { type: png ? 'png' : 'jpg', width: size.width, height: size.height, bytes: bytes.length };
}
