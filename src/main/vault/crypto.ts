/**
 * Key wrapping. Each keyring entry has an X25519 key pair: the private key is
 * wrapped with a key derived from the person's password (or the recovery key),
 * and the database key is sealed to the public key. Sealing needs only public
 * keys, so when someone leaves, the database key can be changed and sealed
 * again for everyone else without knowing their passwords.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt as scryptCallback,
  type KeyObject,
} from 'node:crypto';

export interface Box {
  iv: string;
  tag: string;
  data: string;
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const b64 = (buf: Buffer) => buf.toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

export function encrypt(key: Buffer, plaintext: Buffer, aad: string): Box {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
}

/** Returns null when the key is wrong or the box was altered (GCM cannot tell these apart, by design). */
export function decrypt(key: Buffer, box: Box, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.data)), decipher.final()]);
  } catch {
    return null;
  }
}

export function scrypt(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      secret.normalize('NFKC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export function hkdf(secret: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
}

export interface KeyPair {
  publicKey: string;
  privateKeyDer: Buffer;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: b64(publicKey.export({ type: 'spki', format: 'der' })),
    privateKeyDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

export interface Sealed extends Box {
  ephemeral: string;
}

const publicKeyObject = (spki: string): KeyObject =>
  createPublicKey({ key: unb64(spki), format: 'der', type: 'spki' });

/** Encrypts `secret` so that only the holder of the private key for `publicKey` can read it. */
export function seal(publicKey: string, secret: Buffer, aad: string): Sealed {
  const eph = generateKeyPairSync('x25519');
  const ephemeral = b64(eph.publicKey.export({ type: 'spki', format: 'der' }));
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(publicKey) });
  const key = hkdf(shared, unb64(ephemeral), `seal:${publicKey}`);
  return { ephemeral, ...encrypt(key, secret, aad) };
}

export function unseal(privateKeyDer: Buffer, publicKey: string, sealed: Sealed, aad: string): Buffer | null {
  try {
    const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
    const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(sealed.ephemeral) });
    const key = hkdf(shared, unb64(sealed.ephemeral), `seal:${publicKey}`);
    return decrypt(key, sealed, aad);
  } catch {
    return null;
  }
}

/**
 * Overwrites key material held in Buffers once it is no longer needed (issue 13). What cannot be
 * wiped is listed in the README's security section: JavaScript strings (passwords as typed, the
 * recovery key's text, the hex key text a driver is given) and copies inside the drivers.
 */
export function wipe(...buffers: Array<Buffer | null | undefined>): void {
  for (const b of buffers) b?.fill(0);
}
