import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A one-time password an admin passes on; the user must change it at first sign-in. */
export function generateTemporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}
