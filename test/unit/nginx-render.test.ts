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

const listen = { httpAddr: '127.0.0.1', httpPort: 8080 };

describe('nginx rendering', () => {
  it('renders an app with both slots of two replicas (golden)', () => {
    const conf = renderTemplate(readTemplate('nginx/app.conf'), appConfView({ app: 'my-app', domains: ['my-app.example.com', 'www.example.org'], ports: [20000, 20001, 20002, 20003] }, listen));
    golden('app.conf', conf);
  });

  it('renders the main config with its includes (golden)', () => {
    const conf = renderTemplate(readTemplate('nginx/nginx.conf'), mainConfView({ ...listen, prefix: '/var/lib/paas/nginx', includes: ['/var/lib/paas/nginx/apps/*.conf'] }));
    golden('nginx.conf', conf);
  });

  it('never lets an invalid domain or app name reach the file', () => {
    for (const bad of ['x.com;', 'x.com\n include /etc/passwd', 'a..b']) {
      expect(() => appConfView({ app: 'ok', domains: [bad], ports: [20000] }, listen)).toThrow(expect.objectContaining({ code: 'INVALID_DOMAIN' }));
    }
    expect(() => appConfView({ app: 'a;b', domains: ['a.example.com'], ports: [20000] }, listen)).toThrow(expect.objectContaining({ code: 'INVALID_APP_NAME' }));
  });

  it('refuses an app with no port, a bad port, or a listen address that is not an IP', () => {
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], ports: [] }, listen)).toThrow(/no web port/);
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], ports: [70000] }, listen)).toThrow(/bad port/);
    expect(() => appConfView({ app: 'ok', domains: ['ok.example.com'], ports: [1] }, { httpAddr: 'x; y', httpPort: 80 })).toThrow(/IP literal/);
  });

  it('does not escape or mangle values (no HTML escaping in config files)', () => {
    expect(renderTemplate('{{a}}', { a: 'x/y&z' })).toBe('x/y&z');
  });
});
