import type { CertRecord, TlsMode } from '../core/model.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { KeyedMutex } from '../core/mutex.js';
import { isAcmeEligible } from '../core/domains.js';
import { inspectCertificate, validateCustomCertificate, type CertBundle, type CertSummary } from '../core/tls/certificate.js';
import { planRenewals, renewalTime, retryDelayMs, type PlannedRenewal } from '../core/tls/renewal.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { appRoute } from './routes.js';

/** What `paas certs` shows. */
export interface CertInfo {
  app: string;
  mode: TlsMode;
  names?: string[];
  issuer?: string;
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  /** When paas will renew it (ACME only). */
  renewAt?: string;
  /** When this certificate was put live. */
  installedAt?: string;
  lastError?: string;
  failures: number;
  nextAttemptAt?: string;
}

/** Certificates: ACME issuance and renewal, uploaded certificates, and putting either live in nginx safely. */
export function certsService(deps: Deps) {
  const issuing = new KeyedMutex();

  /** Apps without a record get ACME automatically when an ACME email is configured and a custom domain can have it. */
  const modeOf = (app: string, record = deps.store.certs.get(app)): TlsMode =>
    record?.mode ?? (deps.settings.autoTls && deps.store.domains.list(app).some((d) => isAcmeEligible(d.domain)) ? 'acme' : 'off');

  const info = (app: string, record: CertRecord | undefined = deps.store.certs.get(app)): CertInfo => {
    const cur = record?.current;
    const mode = modeOf(app, record);
    return {
      app,
      mode,
      names: cur?.names,
      issuer: cur?.issuer,
      serial: cur?.serial,
      notBefore: cur?.notBefore,
      notAfter: cur?.notAfter,
      renewAt: cur && mode === 'acme' ? renewalTime(cur.notBefore, cur.notAfter).toISOString() : undefined,
      installedAt: cur?.installedAt,
      lastError: record?.lastError,
      failures: record?.failures ?? 0,
      nextAttemptAt: record?.nextAttemptAt,
    };
  };

  /**
   * Puts a certificate live: new files → nginx renders and tests them → swap and reload → recorded. When nginx
   * refuses, the new files go and the previous certificate keeps serving.
   */
  const install = (app: string, bundle: CertBundle, summary: CertSummary, mode?: TlsMode) =>
    deps.appLocks.run(app, async () => {
      const previous = deps.store.certs.get(app)?.current;
      const files = deps.certFiles.save(app, bundle, summary.fingerprint);
      try {
        await deps.router.applyApp(appRoute(deps, app, { ...files, names: summary.names }));
      } catch (e) {
        deps.certFiles.prune(app, previous);
        throw e;
      }
      deps.store.transaction(() => {
        if (mode) deps.store.certs.setMode(app, mode);
        deps.store.certs.install(app, { ...summary, ...files, installedAt: deps.clock.now().toISOString() });
      });
      deps.certFiles.prune(app, files);
    });

  const candidate = (app: string) => {
    const record = deps.store.certs.get(app);
    return { app, wanted: appRoute(deps, app).domains.filter(isAcmeEligible), current: record?.current, nextAttemptAt: record?.nextAttemptAt };
  };

  /**
   * Orders a certificate for every name of the app a CA can validate; a failure is recorded with its retry time.
   * `ifDue`: first check, under the app's issuing lock, that an order that ran meanwhile did not make it moot.
   */
  const obtain = (app: string, opts: { ifDue: boolean }) =>
    issuing.run(app, async () => {
      if (opts.ifDue && planRenewals([candidate(app)], deps.clock.now()).length === 0) return;
      const names = candidate(app).wanted;
      if (names.length === 0) {
        throw new PaasError('INVALID_INPUT', `${app} has no domain a certificate authority can validate`, { hint: 'add one with `paas domains:add DOMAIN`' });
      }
      try {
        const bundle = await deps.issuer.issue(names);
        // certs:add or certs:remove while the CA worked: the user's choice wins.
        if (modeOf(app) !== 'acme') return;
        await install(app, bundle, inspectCertificate(bundle.certPem));
      } catch (e) {
        const failures = (deps.store.certs.get(app)?.failures ?? 0) + 1;
        const next = new Date(deps.clock.now().getTime() + retryDelayMs(failures)).toISOString();
        deps.store.certs.recordFailure(app, errorMessage(e), next);
        deps.log.warn({ app, err: errorMessage(e), failures, nextAttemptAt: next }, 'certificate not obtained');
        throw e;
      }
      deps.log.info({ app, names }, 'certificate installed');
    });

  /** Whether the app is on ACME; an automatic one gets its record now, so that failures and retries count. */
  const ensureAcme = (app: string): boolean => {
    const record = deps.store.certs.get(app);
    if (modeOf(app, record) !== 'acme') return false;
    if (!record) deps.store.certs.setMode(app, 'acme');
    return true;
  };

  return {
    info: (app: string): CertInfo => info(requireApp(deps, app).name),

    /** `certs:auto`: switch the app to ACME and get its certificate now. */
    async auto(app: string): Promise<CertInfo> {
      requireApp(deps, app);
      deps.store.certs.setMode(app, 'acme');
      await obtain(app, { ifDue: false });
      return info(app);
    },

    /** `certs:add`: a certificate the user brings; it must match its key and cover every custom domain. */
    async add(app: string, bundle: CertBundle): Promise<CertInfo> {
      requireApp(deps, app);
      if (typeof bundle?.certPem !== 'string' || typeof bundle?.keyPem !== 'string') throw new PaasError('INVALID_INPUT', 'body must be {"cert": PEM, "key": PEM}');
      const custom = deps.store.domains.list(app).map((d) => d.domain);
      const summary = validateCustomCertificate(bundle, custom, deps.clock.now());
      if (custom.length === 0 && !appRoute(deps, app, null).domains.some((d) => summary.names.includes(d))) {
        throw new PaasError('CERT_NAMES_NOT_COVERED', `the certificate (for ${summary.names.join(', ')}) covers no domain of ${app}`, { hint: 'add the domain first: `paas domains:add DOMAIN`' });
      }
      await install(app, bundle, summary, 'custom');
      return info(app);
    },

    /** `certs:remove`: back to plain HTTP, and no automatic certificate for this app either. */
    async remove(app: string): Promise<CertInfo> {
      requireApp(deps, app);
      await deps.appLocks.run(app, async () => {
        await deps.router.applyApp(appRoute(deps, app, null));
        deps.store.transaction(() => {
          deps.store.certs.setMode(app, 'off');
          deps.store.certs.uninstall(app);
        });
        deps.certFiles.prune(app);
      });
      return info(app);
    },

    /** After a domain was added: an ACME app orders a certificate that covers it, in the background. */
    domainsChanged(app: string): void {
      if (!ensureAcme(app)) return;
      obtain(app, { ifDue: true }).catch(() => undefined); // recorded by obtain, shown by `paas certs`
    },

    /** The renewal sweep (at start and hourly): every due ACME certificate, most urgent first, one at a time. */
    async renewDue(): Promise<{ planned: PlannedRenewal[]; failed: string[] }> {
      const apps = deps.store.apps.list().map((a) => a.name).filter(ensureAcme);
      const planned = planRenewals(apps.map(candidate), deps.clock.now());
      const failed: string[] = [];
      for (const { app, reason } of planned) {
        deps.log.info({ app, reason }, 'renewing certificate');
        await obtain(app, { ifDue: true }).catch(() => failed.push(app));
      }
      return { planned, failed };
    },
  };
}

export type CertsService = ReturnType<typeof certsService>;
