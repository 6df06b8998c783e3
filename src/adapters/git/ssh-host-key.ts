import fs from 'node:fs';
import ssh2 from 'ssh2';
import { fingerprintOf } from '../../core/ssh-keys.js';

/**
 * The SSH host key, created on first start (ed25519, mode 0600) and kept: clients remember it in known_hosts, so
 * it must survive restarts and upgrades.
 */
export function loadOrCreateHostKey(file: string): { privateKey: string; fingerprint: string } {
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, generateParsableKey(), { mode: 0o600, flag: 'wx' });
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

/**
 * ssh2 drops a leading zero byte of the public key when it writes an ed25519 key (about 1 key in 200), and then
 * cannot read the key back: generate again until the key round-trips.
 */
function generateParsableKey(): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'paas host key' });
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair.private;
  }
  throw new Error('could not generate an SSH host key that ssh2 can read');
}
