import fs from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { PaasError } from './core/errors.js';
import { KeyedMutex } from './core/mutex.js';
import { openSqliteStore } from './adapters/store/sqlite/index.js';
import { dockerClient } from './adapters/docker/client.js';
import { dockerRuntime } from './adapters/docker/runtime.js';
import { dockerBuilder } from './adapters/docker/builder.js';
import { nginxRouter } from './adapters/nginx/router.js';
import { RepoPaths } from './adapters/git/repos.js';
import { isoGitStore } from './adapters/git/store.js';
import { ReceivePack } from './adapters/git/receive.js';
import { gitHttpRouter } from './adapters/git/http.js';
import { startGitSshServer } from './adapters/git/ssh.js';
import { loadOrCreateHostKey } from './adapters/git/ssh-host-key.js';
import { gitMaintenance } from './adapters/git/maintenance.js';
import { httpHealthProbe } from './adapters/net/health-probe.js';
import { tcpPortProbe } from './adapters/net/port-probe.js';
import { systemClock } from './adapters/clock.js';
import { acmeIssuer } from './adapters/acme/issuer.js';
import { certFilesIn } from './adapters/tls/cert-files.js';
import { dnsResolver } from './adapters/net/dns-resolver.js';
import { scheduleTask } from './adapters/cron.js';
import { fileTemplates } from './adapters/templates.js';
import type { Deps } from './services/deps.js';
import { appsService } from './services/apps.js';
import { deployService } from './services/deploy.js';
import { buildService } from './services/build.js';
import { psService } from './services/ps.js';
import { logsService } from './services/logs.js';
import { tokensService } from './services/tokens.js';
import { applyAllRoutes } from './services/routes.js';
import { certsService } from './services/certs.js';
import { domainsService } from './services/domains.js';
import { pushHook } from './services/push-hook.js';
import { releasesService } from './services/releases.js';
import { scaleService } from './services/scale.js';
import { appSettingsService } from './services/app-settings.js';
import { clearDeadLocks } from './services/app-lock.js';
import { recoverInterruptedDeploys } from './services/recovery.js';
import { supervisor } from './services/supervisor.js';
import { CrashTracker, DEFAULT_CRASH_POLICY } from './core/crash-loop.js';
import { backupService } from './services/backup.js';
import { dataArchive, type ArchivedFolder } from './adapters/backup/data-archive.js';
import { sshKeysService } from './services/ssh-keys.js';
import { createApi } from './api/app.js';

/** Config values and environments never reach the log, whatever object carries them. */
const LOG_REDACT = ['config', 'env', 'vars', '*.config', '*.env', '*.Env', '*.vars', 'req.headers.authorization'];

export interface Daemon {
  url: string;
  /** Stops the API; apps and nginx keep serving (paas is not in the data path). */
  close(): Promise<void>;
}

/** The composition root: builds the adapters, hands them to the services, starts the API and git. */
export async function startDaemon(config: ServerConfig, log: Logger = pino({ level: config.logLevel, redact: LOG_REDACT })): Promise<Daemon> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o711 });
  // nginx's workers (an unprivileged user) must traverse DATA to reach DATA/nginx (live-slot flags, temp files):
  // DATA is searchable but not listable, and every secret in it is private on its own.
  fs.chmodSync(config.dataDir, 0o711);
  const store = openSqliteStore(join(config.dataDir, 'paas.db'));
  fs.chmodSync(join(config.dataDir, 'paas.db'), 0o600);
  fs.mkdirSync(join(config.dataDir, 'repos'), { recursive: true, mode: 0o700 });
  fs.chmodSync(join(config.dataDir, 'repos'), 0o700);
  const docker = dockerClient();
  await docker.ping().catch((e: Error) => {
    throw new Error(`cannot reach the Docker engine (DOCKER_HOST or /var/run/docker.sock): ${e.message}`);
  });
  const repoPaths = new RepoPaths(join(config.dataDir, 'repos'));
  const deps: Deps = {
    store,
    runtime: dockerRuntime(docker, log, instanceOf(config.dataDir)),
    builder: dockerBuilder(docker),
    router: nginxRouter({
      dir: join(config.dataDir, 'nginx'), httpAddr: config.httpAddr, httpPort: config.httpPort, bin: config.nginxBin, log,
      httpsPort: config.httpsPort, acmeWebroot: config.acmeWebroot,
    }),
    git: isoGitStore(repoPaths),
    health: httpHealthProbe(),
    portProbe: tcpPortProbe(),
    issuer: acmeIssuer({
      directoryUrl: config.acmeDirectory, email: config.acmeEmail, caBundleFile: config.acmeCaBundle, log,
      accountKeyFile: join(config.dataDir, 'acme', 'account.key'), webroot: config.acmeWebroot,
      selfCheck: { host: config.httpAddr === '0.0.0.0' ? '127.0.0.1' : config.httpAddr, port: config.httpPort },
    }),
    certFiles: certFilesIn(join(config.dataDir, 'certs')),
    resolver: dnsResolver({ servers: config.dnsServers, publicIps: config.publicIps }),
    templates: fileTemplates(),
    clock: systemClock,
    log,
    settings: {
      domain: config.domain,
      portRange: config.portRange,
      stopTimeoutSec: config.stopTimeoutSec,
      autoTls: config.acmeEmail !== undefined,
      build: Object.freeze({ ...config.build, caBundle: readCaBundle(config.build.caBundleFile) }),
    },
    appLocks: new KeyedMutex(),
    instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    crashTracker: new CrashTracker({ ...DEFAULT_CRASH_POLICY, ...config.crashLoop }),
  };
  // Everything started below is stopped in reverse order by close(), or at once when a later step of the start
  // fails: a server that cannot start exits instead of lingering on its timers (systemd then restarts it).
  const started: Array<() => unknown> = [() => store.close()];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  try {
    const url = await startServing(config, deps, repoPaths, log, (stop) => started.push(stop));
    return { url, close: stopAll };
  } catch (e) {
    await stopAll().catch((err: Error) => log.error({ err: err.message }, 'clean-up after a failed start failed'));
    throw e;
  }
}

/** Recovers what the last run left, then starts the router, supervisor, schedules, git transports and the API. */
async function startServing(config: ServerConfig, deps: Deps, repoPaths: RepoPaths, log: Logger, onStop: (stop: () => unknown) => void): Promise<string> {
  const { store } = deps;
  // Read before anything starts: a host key that cannot be used stops the start with nothing to undo.
  const hostKey = loadOrCreateHostKey(join(config.dataDir, 'ssh_host_ed25519_key'));
  // A previous run may have died mid-operation: its locks are dead and its deploys are finished or undone here;
  // the reconcile below then makes the containers and routes match the store.
  clearDeadLocks(deps);
  const interrupted = store.builds.failInterrupted();
  if (interrupted) log.warn({ builds: interrupted }, 'builds interrupted by the last stop of paas marked failed');
  recoverInterruptedDeploys(deps);
  const tokens = tokensService(deps);
  announceAdminToken(config, tokens.ensureAdmin());

  await deps.router.start();
  await applyAllRoutes(deps);
  const supervise = supervisor(deps);
  onStop(() => supervise.close());
  const events = deps.runtime.watch((e) => supervise.onEvent(e));
  onStop(() => events.close());
  const reconcile = scheduleTask('reconcile', '*/10 * * * * *', () => supervise.reconcileAll(), log);
  onStop(() => reconcile.stop());
  const certs = certsService(deps);
  // Renewal at start and every hour at a minute of its own (renewing only what is due or waiting for a retry).
  const renewal = scheduleTask('certificate renewal', `${Math.floor(Math.random() * 60)} * * * *`, () => certs.renewDue(), log);
  onStop(() => renewal.stop());

  const builds = buildService(deps);
  const gitLocks = new KeyedMutex();
  const receive = new ReceivePack(repoPaths, pushHook(deployService(deps, builds)), { maxPackBytes: config.maxPackBytes, idleTimeoutMs: config.gitIdleTimeoutSec * 1000, locks: gitLocks, log });
  const keys = sshKeysService(deps);
  const maintenance = gitMaintenance(repoPaths, gitLocks, log, { maxObjectBytes: config.maxPackBytes });
  const api = createApi(
    {
      apps: appsService(deps), ps: psService(deps), logs: logsService(deps), tokens,
      releases: releasesService(deps), scale: scaleService(deps), settings: appSettingsService(deps),
      domains: domainsService(deps, certs), certs, builds, keys,
      backup: backupService(deps, dataArchive({ dataDir: config.dataDir, store, folders: archivedFolders(gitLocks) }), builds),
    },
    (auth) => gitHttpRouter(receive, auth),
    log,
  );
  // SSH first: once the API answers (what scripts and tests wait for), every transport is up.
  const ssh = await startGitSshServer({ ...config.sshListen, hostKey: hostKey.privateKey, authorize: (blob) => keys.authorized(blob), receive, log });
  onStop(() => ssh.close());
  log.info({ ssh: `${config.sshListen.host}:${ssh.port}`, hostKey: hostKey.fingerprint }, 'git over SSH listening');
  const server = http.createServer(api);
  // Large pushes and long builds stream for minutes; Node's default 5-minute request timeout would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, resolve);
  });
  onStop(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  const url = `http://${config.listen.host}:${config.listen.port}`;
  log.info({ url, dataDir: config.dataDir, domain: config.domain }, 'paas server listening');
  const repack = scheduleTask('git pack consolidation', config.repackSchedule, () => maintenance.consolidateAll(), log);
  onStop(() => repack.stop());
  return url;
}

/** The extra CA bundle for builds (--build-ca-bundle), read once: a missing or non-PEM file stops the start. */
function readCaBundle(file: string | undefined): string | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PaasError('CONFIG_INVALID', `--build-ca-bundle: cannot read ${file}: ${(e as Error).message}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new PaasError('CONFIG_INVALID', `--build-ca-bundle: ${file} holds no PEM certificate`);
  return text;
}

/** What a backup holds besides the store: repositories (each copied under its git lock), certificates, ACME account. */
function archivedFolders(gitLocks: KeyedMutex): ArchivedFolder[] {
  return [
    { name: 'repos', lockEntry: (repo, copy) => gitLocks.run(repo.replace(/\.git$/, ''), copy), skip: /^objects\/incoming\// },
    { name: 'certs' },
    { name: 'acme' },
  ];
}

/** A stable name for this paas server on a shared Docker engine: derived from its data dir, so it survives restarts. */
function instanceOf(dataDir: string): string {
  return createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 12);
}

function announceAdminToken(config: ServerConfig, token: string | undefined): void {
  if (!token) return;
  const file = join(config.dataDir, 'admin-token');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  process.stdout.write(`\nAdmin token (shown once; also in ${file}):\n\n    ${token}\n\n`);
}

