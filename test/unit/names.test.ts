import { describe, expect, it } from 'vitest';
import { validateAppName, validateDomain, validateEnvKey } from '../../src/core/names.js';

describe('app names', () => {
  it.each(['a', 'hello', 'my-app-2', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(validateAppName(name)).toBe(name);
  });
  it.each(['', '../x', 'a;b', 'A', '1app', '-x', 'x-', 'a--b', 'a b', 'a.b', 'a/b', 'a'.repeat(64), 'é', 'a\nb'])('refuses %j', (name) => {
    expect(() => validateAppName(name)).toThrow(expect.objectContaining({ code: 'INVALID_APP_NAME' }));
  });
  it('refuses non-strings', () => {
    expect(() => validateAppName(42)).toThrow(expect.objectContaining({ code: 'INVALID_APP_NAME' }));
  });
});

describe('domains', () => {
  it.each(['example.com', 'a.b.c.example.org', 'xn--bcher-kva.example', 'a-b.example.com'])('accepts %s', (d) => {
    expect(validateDomain(d)).toBe(d);
  });
  it.each(['a..b', '-x.com', 'x-.com', 'x.com;', 'x.com\n include /etc/passwd', 'Example.com', '*.example.com', 'x.123', `${'a'.repeat(64)}.com`, `${'a.'.repeat(130)}com`, 'localhost', ''])(
    'refuses %j',
    (d) => {
      expect(() => validateDomain(d)).toThrow(expect.objectContaining({ code: 'INVALID_DOMAIN' }));
    },
  );
  it('accepts a single label only when asked', () => {
    expect(validateDomain('localhost', { allowSingleLabel: true })).toBe('localhost');
  });
});

describe('env keys', () => {
  it.each(['A', 'DATABASE_URL', '_x', 'a1'])('accepts %s', (k) => expect(validateEnvKey(k)).toBe(k));
  it.each(['', '1A', 'A-B', 'A B', 'A=B', 'É'])('refuses %j', (k) => {
    expect(() => validateEnvKey(k)).toThrow(expect.objectContaining({ code: 'INVALID_ENV_KEY' }));
  });
});
