import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src/config.js';
import { parsePortRange, candidatePorts } from '../../src/core/port-plan.js';

const who = { isRoot: false, home: '/home/u' };

describe('server configuration', () => {
  it('has the documented defaults', () => {
    const c = parseServerConfig([], {}, who);
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 7100 });
    expect(c.dataDir).toBe('/home/u/.local/share/paas');
    expect(c.domain).toBe('localhost');
    expect([c.httpPort, c.httpsPort, c.httpAddr]).toEqual([80, 443, '0.0.0.0']);
    expect(c.maxPackBytes).toBe(1024 ** 3);
    expect(c.crashLoop).toEqual({ maxRestarts: 5, windowMs: 60_000 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(parseServerConfig([], {}, { isRoot: true, home: '/root' }).dataDir).toBe('/var/lib/paas');
  });

  it('takes flags over environment over defaults', () => {
    const c = parseServerConfig(['--http-port', '8080'], { PAAS_HTTP_PORT: '9090', PAAS_DOMAIN: 'apps.example.com' }, who);
    expect(c.httpPort).toBe(8080);
    expect(c.domain).toBe('apps.example.com');
  });

  it.each([
    [['--http-port', '0']], [['--http-port', 'x']], [['--listen', 'nohost']], [['--http-addr', 'evil;']], [['--domain', 'Bad..Domain']],
    [['--port-range', '40000-50000']], [['--crash-loop', '5']], [['--crash-loop', '0/60']], [['--unknown', 'x']], [['--max-pack-size', '-1']],
    [['--build-pull', 'always']], [['--node-image', 'node:20; rm -rf /']], [['--build-memory', '1k']], [['--build-timeout', '0']],
    [['--keep-images', '0']],
  ])('refuses %j', (argv) => {
    expect(() => parseServerConfig(argv, {}, who)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('build settings', () => {
  it('defaults to images a real server can pull, pulls of missing images, 15 min, 2 GiB, 5 images', () => {
    const b = parseServerConfig([], {}, who).build;
    expect(b).toEqual({
      images: { node: 'node:24-slim', python: 'python:3.13-slim', static: 'busybox:stable' },
      pull: 'missing', timeoutMs: 900_000, memoryBytes: 2 * 1024 ** 3, caBundleFile: undefined, keepImages: 5, releaseTimeoutMs: 900_000,
    });
    expect(Object.isFrozen(b) && Object.isFrozen(b.images)).toBe(true);
  });

  it('takes the local images, no pulls, a CA file and limits from flags or environment', () => {
    const b = parseServerConfig(
      ['--node-image', 'paas-test/node', '--build-pull', 'never', '--build-timeout', '5', '--build-memory', '512m', '--keep-images', '3'],
      { PAAS_BUILD_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt', PAAS_STATIC_IMAGE: 'paas-test/busybox' },
      who,
    ).build;
    expect(b).toMatchObject({ pull: 'never', timeoutMs: 5000, memoryBytes: 512 * 1024 ** 2, keepImages: 3, caBundleFile: '/etc/ssl/certs/ca-certificates.crt' });
    expect(b.images).toEqual({ node: 'paas-test/node', python: 'python:3.13-slim', static: 'paas-test/busybox' });
  });
});

describe('port ranges', () => {
  it('parses a range below the ephemeral ports', () => expect(parsePortRange('20000-20009')).toEqual({ from: 20000, to: 20009 }));
  it('yields untaken ports in order', () => {
    expect([...candidatePorts({ from: 10, to: 15 }, new Set([11, 13]))]).toEqual([10, 12, 14, 15]);
  });
});
