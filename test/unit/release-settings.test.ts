import { describe, expect, it } from 'vitest';
import { checkScaleTypes, formationFor, parseScale, processTypes } from '../../src/core/formation.js';
import { describeConfigChange, parseAssignments, validateConfigVars } from '../../src/core/config-vars.js';
import { formatMemory, parseCpus, parseMemory } from '../../src/core/resources.js';
import { parseMount } from '../../src/core/volumes.js';
import { DEFAULT_HEALTHCHECK, parseHealthchecks } from '../../src/core/healthcheck-spec.js';
import { countAccepted } from '../../src/adapters/net/port-probe.js';

describe('formation', () => {
  it('runs web with the image command when there is no Procfile, and never the release phase', () => {
    expect(processTypes({})).toEqual(['web']);
    expect(processTypes({ web: 'npm start', worker: 'node w.js', release: 'npm run migrate' })).toEqual(['web', 'worker']);
  });
  it('gives a type 1 when it first appears, keeps stored quantities, and drops types the release lacks', () => {
    const stored = [{ process: 'web', quantity: 3 }, { process: 'old', quantity: 2 }, { process: 'worker', quantity: 0 }];
    expect(formationFor({ web: '', worker: 'w', clock: 'c' }, stored)).toEqual({ web: 3, worker: 0, clock: 1 });
  });
  it('parses ps:scale arguments and refuses nonsense', () => {
    expect(parseScale(['web=2', 'worker=0'])).toEqual({ web: 2, worker: 0 });
    for (const bad of [[], ['web'], ['web=-1'], ['web=x'], ['WEB=1'], ['web=21']]) expect(() => parseScale(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => checkScaleTypes({ worker: 1 }, {})).toThrow(/no process type worker/);
  });
});

describe('config vars', () => {
  it('keeps everything after the first = exactly', () => {
    expect(parseAssignments(['A=x=y', 'B=', 'C=line1\nline2 "$(id)" ünï'])).toEqual({ A: 'x=y', B: '', C: 'line1\nline2 "$(id)" ünï' });
  });
  it('refuses bad keys, keys paas owns, NUL bytes and values over the kernel limit', () => {
    expect(() => parseAssignments(['1A=x'])).toThrow(expect.objectContaining({ code: 'INVALID_ENV_KEY' }));
    expect(() => parseAssignments(['PORT=1'])).toThrow(/set by paas/);
    expect(() => validateConfigVars({ A: 'a\0b' })).toThrow(/NUL/);
    expect(() => validateConfigVars({ A: 'x'.repeat(128 * 1024) })).toThrow(/too large/);
    expect(validateConfigVars({ A: 'x'.repeat(64 * 1024) }).A).toHaveLength(64 * 1024);
  });
  it('describes changes by key, never by value', () => {
    expect(describeConfigChange(['A', 'B'], ['C'])).toBe('Set A, B; Unset C config vars');
    expect(describeConfigChange(['A'], [])).toBe('Set A config var');
  });
});

describe('resources and volumes', () => {
  it('reads Docker memory units and CPU counts', () => {
    expect(parseMemory('512m')).toBe(512 * 1024 ** 2);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(formatMemory(parseMemory('1.5g'))).toBe('1536m');
    expect(() => parseMemory('1m')).toThrow(/minimum/);
    expect(() => parseMemory('lots')).toThrow(/cannot read/);
    expect(parseCpus('0.5')).toBe(5e8);
    expect(() => parseCpus('0')).toThrow();
    expect(() => parseCpus('-1')).toThrow();
  });
  it('accepts absolute normalized paths and refuses system directories and bind-syntax characters', () => {
    expect(parseMount('/srv/shop/data:/data')).toEqual({ hostPath: '/srv/shop/data', containerPath: '/data' });
    for (const bad of ['rel:/data', '/srv/a:rel', '/srv/../etc:/x', '/etc/ssl:/x', '/:/x', '/srv/a,b:/x', '/srv/a:/x:ro', '/var/run/docker.sock:/s', '/srv/a:/']) {
      expect(() => parseMount(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});

describe('app.json health checks', () => {
  it('defaults to GET / within 30 s', () => {
    expect(parseHealthchecks(undefined)).toEqual([DEFAULT_HEALTHCHECK]);
    expect(parseHealthchecks('{"name":"x"}')).toEqual([{ path: '/', timeout: 5, attempts: 30 }]);
  });
  it('reads healthchecks.web and fills defaults', () => {
    expect(parseHealthchecks('{"healthchecks":{"web":[{"path":"/health","attempts":5},{"timeout":2}]}}')).toEqual([
      { path: '/health', timeout: 5, attempts: 5 },
      { path: '/', timeout: 2, attempts: 30 },
    ]);
  });
  it('fails a deploy with the reason when app.json is malformed', () => {
    expect(() => parseHealthchecks('{')).toThrow(/not valid JSON/);
    expect(() => parseHealthchecks('{"healthchecks":{"web":[{"path":"health"}]}}')).toThrow(/path must start with \//);
    expect(() => parseHealthchecks('{"healthchecks":{"web":[{"attempts":0}]}}')).toThrow(/attempts/);
    expect(() => parseHealthchecks('{"healthchecks":{"web":[]}}')).toThrow(/non-empty/);
  });
});

describe('in-flight requests from /proc/net/tcp', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:4E20 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1',
    '   1: 0100007F:4E20 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1',
    '   2: 0100007F:9C40 0100007F:4E20 01 00000000:00000000 00:00000000 00000000     0        0 3 1',
    '   3: 0100007F:4E20 0100007F:9C41 06 00000000:00000000 00:00000000 00000000     0        0 4 1',
    '   4: 0100007F:4E20 0100007F:9C42 08 00000000:00000000 00:00000000 00000000     0        0 5 1',
  ].join('\n');
  it('counts accepted connections that are open, not the listener, the client side or TIME_WAIT', () => {
    expect(countAccepted(table, 20000)).toBe(2);
    expect(countAccepted(table, 20001)).toBe(0);
  });
});
