import fs from 'node:fs';
import ssh2 from 'ssh2';
import { fingerprintOf } from '../../core/ssh-keys.js';

/**
 * The SSH host key, created on first start (ed25519, mode 0600) and kept: clients remember it in known_hosts, so
 * it must survive restarts and upgrades.
 */
export function loadOrCreateHostKey(file: string): { privateKey: string; fingerprint: string } {
  if (!fs.existsSync(file)) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'paas host key' });
    try {
      fs.writeFileSync(file, pair.private, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another start won the race: use its key
    }
  }
  const privateKey = fs.readFileSync(file, 'utf8');
  const parsed = ssh2.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`cannot read the SSH host key ${file}: ${key instanceof Error ? key.message : 'empty'}`);
  return { privateKey, fingerprint: fingerprintOf(key.getPublicSSH()) };
}
