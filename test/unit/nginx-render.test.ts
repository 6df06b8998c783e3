import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/core/template.js';
import { appConfView } from '../../src/core/nginx/route.js';
import { mainConfView } from '../../src/core/nginx/main-conf.js';
import { readTemplate } from '../../src/adapters/templates.js';

const golden = (name: string, actual: string) => {
  const file = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
};

const listen = { httpAddr: '127.0.0.1', httpPort: 8080, liveDir: '/var/lib/paas/nginx/live' };
const tlsListen = { ...listen, httpsPort: 8443, acmeWebroot: '/var/www/paas-acme' };
const slots = { blue: [20000], green: [20001] };

describe('nginx rendering', () => {
  it('renders an app with both slots of two replicas, each slot the backup of the other (golden)', () => {
    const route = { app: 'my-app', domains: ['my-app.example.com', 'www.example.org'], slots: { blue: [20000, 20002], green: [20001, 20003] }, liveSlot: 'green' as const };
    const conf = renderTemplate(readTemplate('nginx/app.conf'), appConfView(route, listen));
    golden('app.conf', conf);
  });

  it('does not depend on the live slot (a deploy changes a flag file, never the config)', () => {
    const render = (liveSlot: 'blue' | 'green') => renderTemplate(readTemplate('nginx/app.conf'), appConfView({ app: 'a', domains: ['a.test'], slots, liveSlot }, listen));
    expect(render('blue')).toBe(render('green'));
  });

  it('renders the main config with its includes, HTTPS default server and ACME webroot (golden)', () => {
    const conf = renderTemplate(readTemplate('nginx/nginx.conf'), mainConfView({ ...tlsListen, prefix: '/var/lib/paas/nginx', includes: ['/var/lib/paas/nginx/apps/*.conf'] }));
    golden('nginx.conf', conf);
  });

  it('renders an app with a certificate: HTTPS with http2, redirects for the covered names only (golden)', () => {
    const route = {
      app: 'my-app',
      domains: ['my-app.localhost', 'shop.example.com', 'www.shop.example.com'],
      slots,
      liveSlot: 'blue' as const,
      tls: { certFile: '/var/lib/paas/certs/my-app/0123456789abcdef.crt', keyFile: '/var/lib/paas/certs/my-app/0123456789abcdef.key', names: ['shop.example.com', 'www.shop.example.com'] },
    };
    golden('app-tls.conf', renderTemplate(readTemplate('nginx/app.conf'), appConfView(route, tlsListen)));
    expect(renderTemplate(readTemplate('nginx/app.conf'), appConfView(route, { ...tlsListen, httpsPort: 443 }))).toContain('return 301 https://$host$request_uri;');
  });

  it('refuses certificate paths and names that do not belong in the file', () => {
    const route = { app: 'ok', domains: ['ok.example.com'], slots, liveSlot: 'blue' as const, tls: { certFile: '/c/x.crt', keyFile: '/c/x.key', names: ['ok.example.com'] } };
    expect(() => appConfView({ ...route, tls: { ...route.tls, keyFile: '/c/x.key;\n include /etc/passwd' } }, tlsListen)).toThrow(/cannot be used in an nginx file/);
    expect(() => appConfView({ ...route, tls: { ...route.tls, names: ['evil.example.com'] } }, tlsListen)).toThrow(/not one of its domains/);
    expect(() => appConfView(route, listen)).toThrow(/no HTTPS port/);
    expect(() => mainConfView({ ...tlsListen, acmeWebroot: 'relative/dir', prefix: '/p', includes: [] })).toThrow(/cannot be used/);
  });

  it('never lets an invalid domain or app name reach the file', () => {
    for (const bad of ['x.com;', 'x.com\n include /etc/passwd', 'a..b']) {
      expect(() => appConfView({ app: 'ok', domains: [bad], slots, liveSlot: 'blue' }, listen)).toThrow(expect.objectContaining({ code: 'INVALID_DOMAIN' }));
    }
    expect(() => appConfView({ app: 'a;b', domains: ['a.example.com'], slots, liveSlot: 'blue' }, listen)).toThrow(expect.objectContaining({ code: 'INVALID_APP_NAME' }));
  });

  it('refuses an app with no port, a bad port, or a listen address that is not an IP', () => {
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], slots: { blue: [], green: [20001] }, liveSlot: 'blue' }, listen)).toThrow(/no web port/);
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], slots: { blue: [70000], green: [1] }, liveSlot: 'blue' }, listen)).toThrow(/bad port/);
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], slots, liveSlot: 'blue' }, { ...listen, httpAddr: 'x; y' })).toThrow(/IP literal/);
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], slots, liveSlot: 'blue' }, { ...listen, liveDir: '/x y;' })).toThrow(/unusable/);
  });

  it('does not escape or mangle values (no HTML escaping in config files)', () => {
    expect(renderTemplate('{{a}}', { a: 'x/y&z' })).toBe('x/y&z');
  });
});
