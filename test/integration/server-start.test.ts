import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAAS_BIN } from '../helpers/paas-server.js';
import { freePort } from '../helpers/ports.js';
import { runProgram } from '../helpers/run.js';
import { scratchDir } from '../helpers/scratch.js';

describe('paas server that cannot start', () => {
  it('says why and exits non-zero, even after it started nginx (systemd then restarts it)', async () => {
    const base = scratchDir('paas-badstart-');
    chmodSync(base, 0o711);
    const data = join(base, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'ssh_host_ed25519_key'), 'not a key\n', { mode: 0o600 });
    const argv = [
      process.execPath, PAAS_BIN, 'server', '--data-dir', data, '--listen', `127.0.0.1:${await freePort()}`,
      '--http-addr', '127.0.0.1', '--http-port', String(await freePort()), '--https-port', String(await freePort()),
      '--ssh-listen', `127.0.0.1:${await freePort()}`, '--acme-webroot', join(base, 'webroot'),
    ];
    const started = Date.now();
    const r = await runProgram(argv, { timeoutMs: 30_000 });
    const nginx = join(data, 'nginx');
    await runProgram(['nginx', '-p', `${nginx}/`, '-c', join(nginx, 'nginx.conf'), '-e', join(nginx, 'logs/error.log'), '-s', 'quit']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[INTERNAL\]: cannot read the SSH host key .*ssh_host_ed25519_key/m);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
