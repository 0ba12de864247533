/**
 * Ed25519 with Node's built-in crypto only (no dependency): public keys are
 * kept as the 32 raw bytes in base64 (short enough to read and compare by eye),
 * private keys as PKCS#8 PEM files (what `openssl pkey` and Node both read).
 * Shared by the program (verifying) and the release scripts (signing, making keys).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface KeyPairText {
  /** base64 of the 32 raw bytes */
  publicKey: string;
  /** PKCS#8 PEM */
  privateKeyPem: string;
}

export function newKeyPair(): KeyPairText {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url').toString('base64');
}

/** The public key (base64 of 32 bytes) as a KeyObject; throws on anything else. */
export function publicKeyFrom(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64) throw new Error('An Ed25519 public key is 32 bytes in base64.');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function publicKeyOfPrivate(privateKeyPem: string): string {
  return rawPublicKey(createPublicKey(createPrivateKey(privateKeyPem)));
}

export function signBytes(bytes: Buffer, privateKeyPem: string): Buffer {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The signing key is not an Ed25519 private key.');
  return sign(null, bytes, key);
}

export function verifyBytes(bytes: Buffer, signature: Buffer, publicKeyBase64: string): boolean {
  if (signature.length !== 64) return false;
  return verify(null, bytes, publicKeyFrom(publicKeyBase64), signature);
}
