import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { startMockDns, type MockDns } from '../helpers/pebble.js';

// Real paas server, dockerd, nginx and a real DNS server on loopback (challtestsrv) for the domains:add check.
describe('custom domains', () => {
  let paas: PaasServer;
  let dns: MockDns;
  const alpha = appName('alpha');
  const beta = appName('beta');
  const custom = `www.${alpha}.test`;

  const deploy = async (app: string) => {
    const created = await paas.cli(['apps:create', app]);
    expect(created.code, created.stderr).toBe(0);
    const repo = await fixtureRepo('dockerfile-app', paas.env);
    repo.write('www/index.html', `${app}\n`);
    await repo.commit(app);
    await paas.cli(['git:remote', '-a', app], { cwd: repo.dir });
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
  };
  const serves = async (host: string, body: string) => expect(await httpGet(paas.httpPort, host), host).toMatchObject({ status: 200, body: `${body}\n` });
  const everyAppServes = async () => {
    await serves(`${alpha}.${paas.domain}`, alpha);
    await serves(`${beta}.${paas.domain}`, beta);
    await serves(custom, alpha);
  };

  beforeAll(async () => {
    dns = await startMockDns();
    paas = await startPaas({ extraArgs: ['--dns-server', dns.server, '--public-ip', '127.0.0.1'] });
    await deploy(alpha);
    await deploy(beta);
  });
  afterAll(async () => {
    await paas?.stop();
    await dns?.stop();
  });

  it('adds a domain that resolves to this server and serves the app at it', async () => {
    const added = await paas.cli(['domains:add', custom, '-a', alpha]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(`Adding ${custom} to ${alpha}... done\n`);
    await everyAppServes();
    const list = await paas.cli(['domains', '-a', alpha, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { domain: `${alpha}.${paas.domain}`, kind: 'default' },
      { domain: custom, kind: 'custom' },
    ]);
    expect((await paas.cli(['domains', '-a', alpha])).stdout).toBe(`=== ${alpha} Domains\n${alpha}.${paas.domain}  (default)\n${custom}\n`);
  });

  it('refuses a domain that resolves elsewhere, unless --no-dns-check', async () => {
    const elsewhere = `elsewhere-${alpha}.test`;
    await dns.setA(elsewhere, ['127.0.0.2']);
    const refused = await paas.cli(['domains:add', elsewhere, '-a', beta]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error [DNS_CHECK_FAILED]: ${elsewhere} resolves to 127.0.0.2, which is not this server (127.0.0.1)`);
    expect(refused.stderr).toContain('--no-dns-check');
    expect((await httpGet(paas.httpPort, elsewhere)).status).toBe(404);
    const forced = await paas.cli(['domains:add', elsewhere, '-a', beta, '--no-dns-check']);
    expect(forced.code, forced.stderr).toBe(0);
    await serves(elsewhere, beta);
  });

  it.each([
    ['a..b', 'INVALID_DOMAIN', 'label "" is not RFC 1123'],
    ['-x.com', 'INVALID_DOMAIN', 'label "-x" is not RFC 1123'],
    ['x.com;', 'INVALID_DOMAIN', 'label "com;" is not RFC 1123'],
    ['x.com\n include /etc/passwd', 'INVALID_DOMAIN', 'is not RFC 1123'],
    [`${'a'.repeat(296)}.com`, 'INVALID_DOMAIN', 'length must be 1-253 characters'],
    ['Upper.example.com', 'INVALID_DOMAIN', 'use lowercase'],
    ['*.example.com', 'INVALID_DOMAIN', 'is not RFC 1123'],
    ['OWNED', 'DOMAIN_TAKEN', 'is already a domain of app'],
    ['RESERVED', 'DOMAIN_TAKEN', 'belong to paas apps'],
  ])('refuses %j with a clear error, and every app still serves', async (input, code, why) => {
    const domain = input === 'OWNED' ? custom : input === 'RESERVED' ? `${alpha}.${paas.domain}` : input;
    const r = await paas.api<{ error: { code: string; message: string } }>('POST', `/api/apps/${beta}/domains`, { domain, dnsCheck: false });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error).toMatchObject({ code, message: expect.stringContaining(why) });
    await everyAppServes();
    const conf = readdirSync(join(paas.dataDir, 'nginx', 'apps')).map((f) => readFileSync(join(paas.dataDir, 'nginx', 'apps', f), 'utf8')).join('\n');
    expect(conf).not.toContain('/etc/passwd');
    expect(conf).not.toContain('x.com');
  });

  it('shows the refusal on the command line (a name starting with a dash goes after --)', async () => {
    const r = await paas.cli(['domains:add', '-a', beta, '--', 'x.com\n include /etc/passwd']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error [INVALID_DOMAIN]: invalid domain "x.com\\n include /etc/passwd": label "com\\n include /etc/passwd" is not RFC 1123\n');
    const dash = await paas.cli(['domains:add', '-a', beta, '--', '-x.com']);
    expect(dash.stderr).toMatch(/^error \[INVALID_DOMAIN\]: invalid domain "-x.com"/);
  });

  it('removes a custom domain, but never the default one', async () => {
    const refused = await paas.cli(['domains:remove', `${alpha}.${paas.domain}`, '-a', alpha]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[INVALID_INPUT\]: .* is the default domain/);
    const notMine = await paas.cli(['domains:remove', custom, '-a', beta]);
    expect(notMine.stderr).toMatch(/^error \[DOMAIN_NOT_FOUND\]/);
    const removed = await paas.cli(['domains:remove', custom, '-a', alpha]);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await httpGet(paas.httpPort, custom)).status).toBe(404);
    await serves(`${alpha}.${paas.domain}`, alpha);
    // The name is free again, for any app.
    expect((await paas.cli(['domains:add', custom, '-a', beta])).code).toBe(0);
    await serves(custom, beta);
  });
});
