/** The program's version, from package.json (bundled at build time; the same value Electron's app.getVersion() gives). */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
