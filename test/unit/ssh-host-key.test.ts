import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateHostKey } from '../../src/adapters/git/ssh-host-key.js';
import { scratchDir } from '../helpers/scratch.js';

describe('SSH host key', () => {
  it('is always created readable (ssh2 writes about 1 ed25519 key in 200 that it cannot read back)', () => {
    const dir = scratchDir('paas-hostkey-');
    for (let i = 0; i < 1000; i++) {
      const file = join(dir, `key-${i}`);
      expect(() => loadOrCreateHostKey(file)).not.toThrow();
    }
    expect(statSync(join(dir, 'key-0')).mode & 0o777).toBe(0o600);
  });

  it('is kept across starts', () => {
    const file = join(scratchDir('paas-hostkey-'), 'key');
    expect(loadOrCreateHostKey(file).fingerprint).toBe(loadOrCreateHostKey(file).fingerprint);
  });
});
