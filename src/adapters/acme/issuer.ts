import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import acme from 'acme-client';
import type { Logger } from 'pino';
import type { CertIssuer } from '../../ports.js';
import { PaasError, errorMessage } from '../../core/errors.js';
import { ChallengeWebroot } from './webroot.js';
import { loadOrCreateAccountKey } from './account-key.js';
import { fetchChallenge } from './self-check.js';

export interface AcmeIssuerOptions {
  directoryUrl: string;
  email?: string;
  accountKeyFile: string;
  /** The directory the managed nginx serves `/.well-known/acme-challenge/` from. */
  webroot: string;
  /** Extra CA certificates (PEM file) to trust for the ACME server's own HTTPS, e.g. a private CA or a test CA. */
  caBundleFile?: string;
  /** Where the managed nginx answers HTTP on this host: each challenge is fetched there before the CA is asked. */
  selfCheck: { host: string; port: number };
  /** First delay when polling the CA for a result (it doubles up to ten times this); default 1000 ms. */
  pollMs?: number;
  log: Logger;
}

/** ACME with acme-client, HTTP-01 only, answering challenges from the nginx webroot. */
export function acmeIssuer(opts: AcmeIssuerOptions): CertIssuer {
  const webroot = new ChallengeWebroot(opts.webroot);
  if (opts.caBundleFile) {
    // acme-client talks through its own axios instance and documents `acme.axios.defaults` as the place for such
    // settings; it is not the process-wide agent, so nothing else in paas trusts this CA.
    const extra = readFileSync(opts.caBundleFile, 'utf8');
    acme.axios.defaults.httpsAgent = new https.Agent({ ca: [...tls.rootCertificates, extra] });
  }
  const pollMs = opts.pollMs ?? 1000;
  let client: acme.Client | undefined;
  const getClient = async () =>
    (client ??= new acme.Client({
      directoryUrl: opts.directoryUrl,
      accountKey: await loadOrCreateAccountKey(opts.accountKeyFile),
      backoffMin: pollMs,
      backoffMax: pollMs * 10,
      backoffAttempts: 10,
    }));

  const selfCheck = async (domain: string, token: string, keyAuthorization: string) => {
    const answer = await fetchChallenge(opts.selfCheck, domain, token).catch((e: Error) => {
      throw new Error(`the managed nginx did not answer the challenge for ${domain} on ${opts.selfCheck.host}:${opts.selfCheck.port}: ${e.message}`);
    });
    if (answer.status !== 200 || answer.body.trim() !== keyAuthorization) {
      throw new Error(
        `the managed nginx answers the challenge for ${domain} with HTTP ${answer.status} instead of the token ` +
          `(can nginx's worker user read ${opts.webroot}?)`,
      );
    }
  };

  return {
    async issue(domains) {
      const started = Date.now();
      webroot.ensure();
      const [key, csr] = await acme.crypto.createCsr({ commonName: domains[0], altNames: domains }, await acme.crypto.createPrivateEcdsaKey());
      try {
        const certPem = await (await getClient()).auto({
          csr,
          email: opts.email,
          // Configuring an ACME directory is the operator's agreement to that CA's terms (see the README).
          termsOfServiceAgreed: true,
          challengePriority: ['http-01'],
          // acme-client's own pre-check resolves names with the system DNS; ours asks our nginx directly.
          skipChallengeVerification: true,
          challengeCreateFn: async (authz, challenge, keyAuthorization) => {
            webroot.put(challenge.token, keyAuthorization);
            await selfCheck(authz.identifier.value, challenge.token, keyAuthorization);
          },
          challengeRemoveFn: async (_authz, challenge) => webroot.remove(challenge.token),
        });
        opts.log.info({ domains, ms: Date.now() - started }, 'certificate issued');
        return { certPem, keyPem: key.toString() };
      } catch (e) {
        throw new PaasError('ACME_FAILED', `no certificate for ${domains.join(', ')}: ${errorMessage(e)}`, {
          hint: 'every name must resolve to this server and port 80 must be reachable from the CA; see `paas certs`',
          cause: e,
        });
      }
    },
  };
}
