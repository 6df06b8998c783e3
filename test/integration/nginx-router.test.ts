import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { nginxRouter } from '../../src/adapters/nginx/router.js';
import { readTemplate } from '../../src/adapters/templates.js';
import type { Router } from '../../src/ports.js';
import { freePort } from '../helpers/ports.js';
import { Backends, httpGet, httpPost } from '../helpers/http.js';

// A real nginx: every change is tested before it goes live, and one app's bad config never takes another down.
describe('managed nginx router', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paas-nginx-'));
  const log = pino({ level: 'silent' });
  let router: Router;
  let httpPort: number;
  const backends = new Backends();
  const backend = (body: string) => backends.start(body);

  beforeAll(async () => {
    httpPort = await freePort();
    router = nginxRouter({ dir, httpAddr: '127.0.0.1', httpPort, log });
    await router.start();
  });
  afterAll(async () => {
    await router?.stop();
    backends.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes by Host to the listening slot and answers 404 for unknown names', async () => {
    const live = await backend('alpha');
    const dead = await freePort();
    await router.applyApp({ app: 'alpha', domains: ['alpha.test'], slots: { blue: [dead], green: [live] }, liveSlot: 'green' });
    for (let i = 0; i < 6; i++) expect((await httpGet(httpPort, 'alpha.test')).body).toBe('alpha');
    expect((await httpGet(httpPort, 'nobody.test')).status).toBe(404);
  });

  it('passes request bodies larger than nginx buffers in memory (workers can reach their temp folder)', async () => {
    const answer = await httpPost(httpPort, 'alpha.test', '/upload', Buffer.alloc(256 * 1024, 'x'));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(`alpha got ${256 * 1024} bytes`);
  });

  it('keeps the previous file and every other app when nginx rejects a change', async () => {
    const beta = await backend('beta');
    await router.applyApp({ app: 'beta', domains: ['beta.test'], slots: { blue: [beta], green: [await freePort()] }, liveSlot: 'blue' });
    const before = readFileSync(join(dir, 'apps', 'beta.conf'), 'utf8');
    const broken = nginxRouter({ dir, httpAddr: '127.0.0.1', httpPort, log, templates: { app: readTemplate('nginx/app.conf').replace('proxy_read_timeout 300s;', 'proxy_read_timeout 300s;}') } });
    await expect(broken.applyApp({ app: 'beta', domains: ['beta.test', 'new.beta.test'], slots: { blue: [beta], green: [beta + 1] }, liveSlot: 'blue' })).rejects.toMatchObject({
      code: 'NGINX_INVALID',
      message: expect.stringMatching(/^app beta: nginx rejected the configuration: .*(unexpected|expecting)/),
    });
    expect(readFileSync(join(dir, 'apps', 'beta.conf'), 'utf8')).toBe(before);
    expect((await httpGet(httpPort, 'beta.test')).body).toBe('beta');
    expect((await httpGet(httpPort, 'new.beta.test')).status).toBe(404);
    expect((await httpGet(httpPort, 'alpha.test')).body).toBe('alpha');
  });

  it('removes an app and survives a restart of paas (adopts the running nginx)', async () => {
    await router.removeApp('beta');
    expect((await httpGet(httpPort, 'beta.test')).status).toBe(404);
    const again = nginxRouter({ dir, httpAddr: '127.0.0.1', httpPort, log });
    await again.start();
    expect((await httpGet(httpPort, 'alpha.test')).body).toBe('alpha');
  });
});
