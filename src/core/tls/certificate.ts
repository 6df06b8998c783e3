import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { PaasError } from '../errors.js';

/** What paas keeps and shows about a certificate (the PEM itself lives in a file). */
export interface CertSummary {
  /** DNS names the certificate is valid for (subjectAltName, else the subject CN). */
  names: string[];
  issuer: string;
  /** Hex, uppercase, as openssl prints it. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the leaf, hex without colons. */
  fingerprint: string;
}

export interface CertBundle {
  /** The leaf first, then intermediates. */
  certPem: string;
  keyPem: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Parses a PEM chain (leaf first); throws CERT_INVALID when there is no readable certificate in it. */
export function inspectCertificate(chainPem: string): CertSummary {
  const leaf = parseLeaf(chainPem);
  return {
    names: dnsNames(leaf),
    issuer: readableName(leaf.issuer),
    serial: leaf.serialNumber.toUpperCase(),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    fingerprint: leaf.fingerprint256.replace(/:/g, ''),
  };
}

/** Whether `domain` is one of `names`, or matches a wildcard among them (one label, as browsers do). */
export function coveredBy(names: string[], domain: string): boolean {
  return names.some((n) => n === domain || (n.startsWith('*.') && domain.endsWith(n.slice(1)) && !domain.slice(0, -(n.length - 1)).includes('.')));
}

/**
 * Validates a certificate uploaded with `certs:add`: readable, currently valid, its key matches, and it covers every
 * name in `required`. Returns its summary.
 */
export function validateCustomCertificate(bundle: CertBundle, required: string[], now: Date): CertSummary {
  const leaf = parseLeaf(bundle.certPem);
  if (!leaf.checkPrivateKey(parseKey(bundle.keyPem))) {
    throw new PaasError('CERT_KEY_MISMATCH', 'the private key does not belong to the certificate', {
      hint: 'pass the key the certificate was issued for (the first certificate in the file must be the leaf)',
    });
  }
  const summary = inspectCertificate(bundle.certPem);
  if (Date.parse(summary.notAfter) <= now.getTime()) throw new PaasError('CERT_INVALID', `the certificate expired on ${summary.notAfter}`);
  if (Date.parse(summary.notBefore) > now.getTime()) throw new PaasError('CERT_INVALID', `the certificate is not valid before ${summary.notBefore}`);
  const missing = required.filter((d) => !coveredBy(summary.names, d));
  if (missing.length > 0) {
    throw new PaasError('CERT_NAMES_NOT_COVERED', `the certificate does not cover ${missing.join(', ')} (it is for ${summary.names.join(', ') || 'no DNS name'})`, {
      hint: 'get a certificate for every custom domain of the app, or remove the domains it does not cover',
    });
  }
  return summary;
}

function parseLeaf(chainPem: string): X509Certificate {
  const first = typeof chainPem === 'string' ? chainPem.match(PEM_CERT)?.[0] : undefined;
  if (!first) throw new PaasError('CERT_INVALID', 'no PEM certificate found (expected -----BEGIN CERTIFICATE-----)');
  try {
    return new X509Certificate(first);
  } catch (e) {
    throw new PaasError('CERT_INVALID', `the certificate cannot be read: ${(e as Error).message}`);
  }
}

function parseKey(keyPem: string): KeyObject {
  try {
    const key = createPrivateKey({ key: keyPem, format: 'pem' });
    return key;
  } catch (e) {
    throw new PaasError('CERT_INVALID', `the private key cannot be read (PEM, unencrypted): ${(e as Error).message}`);
  }
}

function dnsNames(cert: X509Certificate): string[] {
  const san = (cert.subjectAltName ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  if (san.length > 0) return san;
  const cn = /^CN=(.+)$/m.exec(cert.subject)?.[1];
  return cn ? [cn.toLowerCase()] : [];
}

/** `CN` of a distinguished name, else its `O`, else the whole name on one line. */
function readableName(dn: string): string {
  return /^CN=(.+)$/m.exec(dn)?.[1] ?? /^O=(.+)$/m.exec(dn)?.[1] ?? dn.replace(/\n/g, ', ');
}
