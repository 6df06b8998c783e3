import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coveredBy, inspectCertificate, validateCustomCertificate } from '../../src/core/tls/certificate.js';
import { planRenewals, renewalTime, retryDelayMs } from '../../src/core/tls/renewal.js';
import { selfSignedCert } from '../helpers/pebble.js';
import { runProgram } from '../helpers/run.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('certificates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paas-tls-unit-'));
  const pem = { shop: { certPem: '', keyPem: '' }, other: { certPem: '', keyPem: '' } };
  let opensslSerial = '';
  beforeAll(async () => {
    for (const [name, names] of [['shop', ['shop.example.com', '*.shop.example.com']], ['other', ['other.example.com']]] as const) {
      const f = await selfSignedCert(dir, name, [...names]);
      pem[name] = { certPem: readFileSync(f.certFile, 'utf8'), keyPem: readFileSync(f.keyFile, 'utf8') };
    }
    opensslSerial = (await runProgram(['openssl', 'x509', '-noout', '-serial', '-in', join(dir, 'shop.crt')])).stdout.trim().replace('serial=', '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads names, issuer, serial and validity from the leaf', () => {
    const s = inspectCertificate(pem.shop.certPem + pem.other.certPem);
    expect(s.names).toEqual(['shop.example.com', '*.shop.example.com']);
    expect(s.issuer).toBe('shop.example.com');
    expect(s.serial).toBe(opensslSerial);
    expect(Math.round((Date.parse(s.notAfter) - Date.parse(s.notBefore)) / DAY)).toBe(30);
    expect(s.fingerprint).toMatch(/^[0-9A-F]{64}$/);
  });

  it('covers exact names and one wildcard label, nothing more', () => {
    const names = ['shop.example.com', '*.shop.example.com'];
    expect(['shop.example.com', 'www.shop.example.com'].every((d) => coveredBy(names, d))).toBe(true);
    for (const d of ['a.b.shop.example.com', 'example.com', 'evilshop.example.com', 'x.other.example.com']) expect(coveredBy(names, d), d).toBe(false);
  });

  it('accepts a matching key that covers the required names', () => {
    const now = new Date();
    expect(validateCustomCertificate(pem.shop, ['shop.example.com', 'api.shop.example.com'], now).names).toContain('*.shop.example.com');
  });

  it('refuses a key that does not match', () => {
    expect(() => validateCustomCertificate({ certPem: pem.shop.certPem, keyPem: pem.other.keyPem }, [], new Date())).toThrow(expect.objectContaining({ code: 'CERT_KEY_MISMATCH' }));
  });

  it('refuses names not covered, listing them', () => {
    expect(() => validateCustomCertificate(pem.other, ['other.example.com', 'www.other.example.com', 'a.example.org'], new Date())).toThrow(
      expect.objectContaining({ code: 'CERT_NAMES_NOT_COVERED', message: expect.stringContaining('does not cover www.other.example.com, a.example.org') }),
    );
  });

  it('refuses expired, not yet valid and unreadable input', () => {
    expect(() => validateCustomCertificate(pem.shop, [], new Date(Date.now() + 31 * DAY))).toThrow(/expired/);
    expect(() => validateCustomCertificate(pem.shop, [], new Date(Date.now() - DAY))).toThrow(/not valid before/);
    expect(() => validateCustomCertificate({ certPem: 'hello', keyPem: pem.shop.keyPem }, [], new Date())).toThrow(expect.objectContaining({ code: 'CERT_INVALID' }));
    expect(() => validateCustomCertificate({ certPem: pem.shop.certPem, keyPem: 'nope' }, [], new Date())).toThrow(expect.objectContaining({ code: 'CERT_INVALID' }));
    const broken = pem.shop.certPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(() => inspectCertificate(broken)).toThrow(expect.objectContaining({ code: 'CERT_INVALID' }));
  });
});

describe('renewal plan', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const cert = (names: string[], issuedDaysAgo: number, lifetimeDays = 90) => ({
    names,
    notBefore: iso(t0 - issuedDaysAgo * DAY),
    notAfter: iso(t0 - issuedDaysAgo * DAY + lifetimeDays * DAY),
  });

  it('renews with 30 days left, or a third of the lifetime for short-lived certificates', () => {
    expect(renewalTime(iso(t0), iso(t0 + 90 * DAY)).toISOString()).toBe(iso(t0 + 60 * DAY));
    expect(renewalTime(iso(t0), iso(t0 + 6 * DAY)).toISOString()).toBe(iso(t0 + 4 * DAY));
  });

  it('backs off 1 h, 2 h, 4 h… up to a day', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n) / HOUR)).toEqual([1, 2, 4, 8, 16, 24, 24, 24]);
  });

  it('orders the most urgent first and skips what is not due or waiting for a retry', () => {
    const now = new Date(t0);
    const plan = planRenewals(
      [
        { app: 'fresh', wanted: ['f.example'], current: cert(['f.example'], 10) },
        { app: 'late', wanted: ['l.example'], current: cert(['l.example'], 85) },
        { app: 'soon', wanted: ['s.example'], current: cert(['s.example'], 61) },
        { app: 'grown', wanted: ['g.example', 'new.g.example'], current: cert(['g.example'], 1) },
        { app: 'none', wanted: ['n.example'] },
        { app: 'waiting', wanted: ['w.example'], nextAttemptAt: iso(t0 + HOUR) },
        { app: 'retry', wanted: ['r.example'], current: cert(['r.example'], 70), nextAttemptAt: iso(t0 - 1) },
        { app: 'nothing', wanted: [] },
      ],
      now,
    );
    expect(plan).toEqual([
      { app: 'none', reason: 'missing' },
      { app: 'grown', reason: 'names' },
      { app: 'late', reason: 'expiring' },
      { app: 'retry', reason: 'expiring' },
      { app: 'soon', reason: 'expiring' },
    ]);
  });
});
