import { createRequire } from 'node:module';

/**
 * Loads a native module with Node's own require, at the moment it is needed:
 * the bundler leaves it alone (it is external), and a platform where it is not
 * installed fails only if that driver is chosen.
 */
export function requireNative<T>(name: string): T {
  return createRequire(__filename)(name) as T;
}
