import { createHash, randomBytes } from 'node:crypto';

/** API tokens: 32 random bytes; only their SHA-256 is stored (they carry enough entropy for a fast hash). */
export function newToken(): string {
  return `paas_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
