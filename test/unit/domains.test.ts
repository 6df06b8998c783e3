import { describe, expect, it } from 'vitest';
import { checkResolvesHere, isAcmeEligible, validateCustomDomain } from '../../src/core/domains.js';

describe('custom domains', () => {
  it.each(['shop.example.com', 'example.com', 'a.b.apps.example.com', 'apps.example.com.evil.org'])('accepts %s', (d) => {
    expect(validateCustomDomain(d, 'apps.example.com')).toBe(d);
  });
  it.each(['apps.example.com', 'shop.apps.example.com'])('keeps %s for paas itself', (d) => {
    expect(() => validateCustomDomain(d, 'apps.example.com')).toThrow(expect.objectContaining({ code: 'DOMAIN_TAKEN' }));
  });
  it.each(['a..b', '-x.com', 'x.com;', 'x.com\n include /etc/passwd', `${'a'.repeat(296)}.com`, 'localhost', 'X.com', 42])('refuses %j', (d) => {
    expect(() => validateCustomDomain(d, 'apps.example.com')).toThrow(expect.objectContaining({ code: 'INVALID_DOMAIN' }));
  });

  it('knows which names a CA can validate', () => {
    expect(['shop.example.com', 'x.test'].map(isAcmeEligible)).toEqual([true, true]);
    expect(['app.localhost', 'printer.local', 'db.internal'].map(isAcmeEligible)).toEqual([false, false, false]);
  });
});

describe('the DNS check', () => {
  const own = ['127.0.0.1', '203.0.113.5', '2001:db8::5'];
  it('passes when every address is this server', () => {
    expect(() => checkResolvesHere('a.example', ['203.0.113.5', '2001:DB8::5', '::ffff:127.0.0.1'], own)).not.toThrow();
  });
  it('fails when the name has no address or some address is elsewhere', () => {
    expect(() => checkResolvesHere('a.example', [], own)).toThrow(expect.objectContaining({ code: 'DNS_CHECK_FAILED', message: 'a.example does not resolve to any address' }));
    expect(() => checkResolvesHere('a.example', ['203.0.113.5', '198.51.100.7'], own)).toThrow(
      expect.objectContaining({ message: 'a.example resolves to 198.51.100.7, which is not this server (127.0.0.1, 203.0.113.5, 2001:db8::5)', hint: expect.stringContaining('--no-dns-check') }),
    );
  });
});
