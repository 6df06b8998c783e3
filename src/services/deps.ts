import type { Logger } from 'pino';
import type { Clock, ContainerRuntime, GitStore, HealthProbe, ImageBuilder, PortProbe, Router, StateStore } from '../ports.js';
import type { PortRange } from '../core/port-plan.js';
import { KeyedMutex } from '../core/mutex.js';

/** Server settings the services need, validated once at start-up (config.ts) and frozen. */
export interface Settings {
  /** Apps are served at APP.domain. */
  domain: string;
  portRange: PortRange;
  /** Seconds a stopped container gets between SIGTERM and SIGKILL. */
  stopTimeoutSec: number;
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
  clock: Clock;
  log: Logger;
  settings: Settings;
  /** One operation at a time per app (deploy, scale, config change, destroy). */
  appLocks: KeyedMutex;
  /** Identifies this run of the server in lock rows (services/app-lock.ts). */
  instanceId: string;
}
