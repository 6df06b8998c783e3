import net from 'node:net';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAAS_BIN } from '../helpers/paas-server.js';
import { freePort } from '../helpers/ports.js';
import { runProgram } from '../helpers/run.js';
import { scratchDir } from '../helpers/scratch.js';

// A server that cannot start says why and exits 1 (systemd then restarts it), whatever it had started by then.
describe('paas server that cannot start', () => {
  const start = async (prepare: (data: string) => Promise<number | undefined>) => {
    const base = scratchDir('paas-badstart-');
    chmodSync(base, 0o711);
    const data = join(base, 'data');
    mkdirSync(data, { recursive: true });
    const sshPort = (await prepare(data)) ?? (await freePort());
    const argv = [
      process.execPath, PAAS_BIN, 'server', '--data-dir', data, '--listen', `127.0.0.1:${await freePort()}`,
      '--http-addr', '127.0.0.1', '--http-port', String(await freePort()), '--https-port', String(await freePort()),
      '--ssh-listen', `127.0.0.1:${sshPort}`, '--acme-webroot', join(base, 'webroot'),
    ];
    const started = Date.now();
    const r = await runProgram(argv, { timeoutMs: 30_000 });
    const nginx = join(data, 'nginx');
    const nginxStarted = existsSync(join(nginx, 'nginx.pid'));
    if (nginxStarted) await runProgram(['nginx', '-p', `${nginx}/`, '-c', join(nginx, 'nginx.conf'), '-e', join(nginx, 'logs/error.log'), '-s', 'quit']);
    return { ...r, ms: Date.now() - started, nginxStarted };
  };

  it('with an SSH host key it cannot read: before starting anything', async () => {
    const r = await start(async (data) => {
      writeFileSync(join(data, 'ssh_host_ed25519_key'), 'not a key\n', { mode: 0o600 });
      return undefined;
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[INTERNAL\]: cannot read the SSH host key .*ssh_host_ed25519_key/m);
    expect(r.nginxStarted).toBe(false);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('with its SSH port taken: after nginx, the supervisor and the schedules have started', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const r = await start(async () => (taken.address() as net.AddressInfo).port);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/EADDRINUSE/);
      expect(r.nginxStarted).toBe(true);
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      taken.close();
    }
  });
});
