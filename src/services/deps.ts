import type { Logger } from 'pino';
import type {
  CertFiles, CertIssuer, Clock, ContainerRuntime, GitStore, HealthProbe, ImageBuilder, NameResolver, PortProbe, Router, StateStore, TemplateSource,
} from '../ports.js';
import type { BuildSettings } from '../core/build/settings.js';
import type { PortRange } from '../core/port-plan.js';
import { KeyedMutex } from '../core/mutex.js';
import type { CrashTracker } from '../core/crash-loop.js';

/** Server settings the services need, validated once at start-up (config.ts) and frozen. */
export interface Settings {
  /** Apps are served at APP.domain. */
  domain: string;
  portRange: PortRange;
  /** Seconds a stopped container gets between SIGTERM and SIGKILL. */
  stopTimeoutSec: number;
  /** An ACME email is configured: every app with a custom domain gets a certificate without `certs:auto`. */
  autoTls: boolean;
  build: BuildSettings;
}

/** Everything a service may use: ports only, never an adapter. */
export interface Deps {
  store: StateStore;
  runtime: ContainerRuntime;
  builder: ImageBuilder;
  router: Router;
  git: GitStore;
  health: HealthProbe;
  portProbe: PortProbe;
  issuer: CertIssuer;
  certFiles: CertFiles;
  resolver: NameResolver;
  templates: TemplateSource;
  clock: Clock;
  log: Logger;
  settings: Settings;
  /** One operation at a time per app (deploy, scale, config change, destroy). */
  appLocks: KeyedMutex;
  /** Identifies this run of the server in lock rows (services/app-lock.ts). */
  instanceId: string;
  /** Recent exits of each process, for crash-loop detection (the supervisor records, ps:restart clears). */
  crashTracker: CrashTracker;
}
