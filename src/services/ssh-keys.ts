import type { SshKey } from '../core/model.js';
import { PaasError } from '../core/errors.js';
import { fingerprintOf, parsePublicKey, validateFingerprint } from '../core/ssh-keys.js';
import type { Deps } from './deps.js';

/** Public keys allowed to push over SSH (`paas keys`). */
export function sshKeysService(deps: Pick<Deps, 'store' | 'log'>) {
  return {
    list: (): SshKey[] => deps.store.sshKeys.list(),

    /** Registers one OpenSSH public key line; refuses private keys, options and legacy types. */
    add(text: unknown): SshKey {
      if (typeof text !== 'string') throw new PaasError('INVALID_INPUT', 'body must be {"key": "ssh-ed25519 AAAA... comment"}');
      const key = parsePublicKey(text);
      const saved = deps.store.sshKeys.add({ fingerprint: key.fingerprint, type: key.type, comment: key.comment }, key.blob);
      deps.log.info({ fingerprint: saved.fingerprint, comment: saved.comment }, 'ssh key added');
      return saved;
    },

    remove(fingerprint: unknown): void {
      const fp = validateFingerprint(fingerprint);
      if (!deps.store.sshKeys.remove(fp)) throw new PaasError('KEY_NOT_FOUND', `no key ${fp}`, { hint: 'see `paas keys`' });
      deps.log.info({ fingerprint: fp }, 'ssh key removed');
    },

    /** The registered key whose blob is exactly `blob` (what an SSH client offers), or undefined. */
    authorized(blob: Buffer): { fingerprint: string; type: string; blob: Buffer } | undefined {
      const key = deps.store.sshKeys.find(fingerprintOf(blob));
      return key && key.blob.equals(blob) ? key : undefined;
    },
  };
}

export type SshKeysService = ReturnType<typeof sshKeysService>;
