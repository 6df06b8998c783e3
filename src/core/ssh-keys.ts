import { createHash } from 'node:crypto';
import { PaasError } from './errors.js';

/** Key types OpenSSH clients offer today; DSA and other legacy types are refused. */
export const SSH_KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];

export interface PublicKey {
  type: string;
  /** The key blob (what the SSH protocol sends), base64 in the text form. */
  blob: Buffer;
  comment: string;
  fingerprint: string;
}

const bad = (why: string) =>
  new PaasError('INVALID_SSH_KEY', `not an SSH public key: ${why}`, { hint: 'pass a public key file such as ~/.ssh/id_ed25519.pub' });

/**
 * Parses one OpenSSH public key line, `TYPE BASE64 [COMMENT]`, with no authorized_keys options: the blob must
 * decode and name the same type inside. Comments are kept printable and short: they end up in listings.
 */
export function parsePublicKey(text: string): PublicKey {
  if (/PRIVATE KEY/.test(text)) throw bad('this is a private key; pass the .pub file');
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1) throw bad(lines.length === 0 ? 'the input is empty' : 'expected exactly one key line');
  if (lines[0]!.length > 16_384) throw bad('too long');
  const [type, b64, ...rest] = lines[0]!.split(/\s+/);
  if (!type || !SSH_KEY_TYPES.includes(type)) throw bad(`unsupported key type ${JSON.stringify(type ?? '').slice(0, 40)}`);
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw bad('the key data is not base64');
  const blob = Buffer.from(b64, 'base64');
  if (blob.length < 4 || blob.length < 4 + blob.readUInt32BE(0) || blob.toString('latin1', 4, 4 + blob.readUInt32BE(0)) !== type) {
    throw bad('the key data does not match its type');
  }
  // eslint-disable-next-line no-control-regex
  const comment = rest.join(' ').replace(/[\x00-\x1f\x7f]/g, '').slice(0, 100);
  return { type, blob, comment, fingerprint: fingerprintOf(blob) };
}

/** OpenSSH's SHA256 fingerprint: `SHA256:` and the unpadded base64 of the blob's SHA-256. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function validateFingerprint(text: unknown): string {
  if (typeof text !== 'string' || !/^SHA256:[A-Za-z0-9+/]{43}$/.test(text)) {
    throw new PaasError('INVALID_INPUT', `not a key fingerprint: ${JSON.stringify(String(text)).slice(0, 80)}`, {
      hint: 'fingerprints look like SHA256:… (see `paas keys`)',
    });
  }
  return text;
}
