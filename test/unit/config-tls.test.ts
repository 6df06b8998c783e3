import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src/config.js';
import { findCommand, parseCommandArgs } from '../../src/cli/main.js';

const who = { isRoot: false, home: '/home/u' };

describe('TLS and domain settings', () => {
  it('has defaults: Let\'s Encrypt, no email, a webroot nginx workers can read, system DNS and addresses', () => {
    const c = parseServerConfig([], {}, who);
    expect(c).toMatchObject({ acmeDirectory: 'https://acme-v02.api.letsencrypt.org/directory', acmeWebroot: '/home/u/.local/share/paas/acme-webroot', publicIps: [], dnsServers: [] });
    expect(c.acmeEmail).toBeUndefined();
    expect(c.acmeCaBundle).toBeUndefined();
    // Under root nginx's workers are nobody and cannot enter the 0700 data dir.
    expect(parseServerConfig([], {}, { isRoot: true, home: '/root' }).acmeWebroot).toBe('/var/www/paas-acme');
  });

  it('takes short names for Let\'s Encrypt, or any ACME directory URL', () => {
    expect(parseServerConfig(['--acme-directory', 'letsencrypt-staging'], {}, who).acmeDirectory).toBe('https://acme-staging-v02.api.letsencrypt.org/directory');
    expect(parseServerConfig([], { PAAS_ACME_DIRECTORY: 'https://127.0.0.1:14000/dir' }, who).acmeDirectory).toBe('https://127.0.0.1:14000/dir');
  });

  it('parses lists of public IPs and DNS servers', () => {
    const c = parseServerConfig(['--public-ip', '203.0.113.5, 2001:db8::5', '--dns-server', '127.0.0.1:8053,[::1]:53,9.9.9.9'], { PAAS_ACME_EMAIL: 'ops@example.com', PAAS_ACME_CA_BUNDLE: '/etc/ca.pem' }, who);
    expect(c).toMatchObject({ publicIps: ['203.0.113.5', '2001:db8::5'], dnsServers: ['127.0.0.1:8053', '[::1]:53', '9.9.9.9'], acmeEmail: 'ops@example.com', acmeCaBundle: '/etc/ca.pem' });
  });

  it.each([
    [['--public-ip', 'example.com']], [['--dns-server', '127.0.0.1:99999']], [['--dns-server', 'ns1.example.com']], [['--acme-email', 'nobody']],
    [['--acme-ca-bundle', 'ca.pem']], [['--acme-webroot', 'relative']], [['--acme-webroot', '/var/www/x;y']], [['--acme-directory', 'nope']],
  ])('refuses %j', (argv) => {
    expect(() => parseServerConfig(argv, {}, who)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('domain and certificate commands', () => {
  it('parse their options', () => {
    expect(parseCommandArgs(findCommand('domains:add')!, ['x.example.com', '-a', 'shop', '--no-dns-check'])).toEqual({ args: ['x.example.com'], flags: { app: 'shop', 'no-dns-check': true } });
    expect(parseCommandArgs(findCommand('certs:add')!, ['c.pem', 'k.pem'])).toEqual({ args: ['c.pem', 'k.pem'], flags: {} });
    expect(parseCommandArgs(findCommand('certs:remove')!, ['--confirm', 'shop']).flags).toEqual({ confirm: 'shop' });
    expect(() => parseCommandArgs(findCommand('domains:add')!, ['-x.com'])).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
  });
});
