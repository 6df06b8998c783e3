/** The records paas keeps. Plain data: stores persist them, services and core compute with them. */
import type { Slot } from './labels.js';
import type { CertSummary } from './tls/certificate.js';
import type { HealthcheckSpec } from './healthcheck-spec.js';

/** blue-green: new containers start beside the old ones; stop-first: the old ones stop first (brief downtime). */
export type DeployStrategy = 'blue-green' | 'stop-first';

export interface App {
  name: string;
  createdAt: string;
  /** The release that serves (undefined until the first deploy). */
  currentVersion?: number;
  /** Which of the two port slots serves the web process now. */
  liveSlot?: Slot;
  strategy: DeployStrategy;
}

export type ReleaseStatus = 'pending' | 'active' | 'failed' | 'superseded';

export interface Release {
  app: string;
  version: number;
  image: string;
  commit?: string;
  /** Of the commit, read from the repository (isomorphic-git). */
  author?: string;
  message?: string;
  /** app.json `healthchecks.web` of the release's commit; undefined: the default check. */
  healthchecks?: HealthcheckSpec[];
  /** Config vars as they were when the release was made. */
  config: Record<string, string>;
  /** Process type → command ('' means the image's default command). */
  processes: Record<string, string>;
  /** The Procfile's `release:` command, run once before traffic moves to this release. */
  releaseCommand?: string;
  description: string;
  status: ReleaseStatus;
  createdAt: string;
}

export type DeployStatus = 'running' | 'succeeded' | 'failed';

export interface Deploy {
  id: number;
  app: string;
  version?: number;
  kind: string;
  status: DeployStatus;
  /** The last step recorded, so that a restarted paas can finish or undo it. */
  step: string;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

export interface PortAssignment {
  port: number;
  app: string;
  process: string;
  replica: number;
  slot: Slot;
}

export interface Token {
  id: number;
  name: string;
  createdAt: string;
}

export interface DomainMapping {
  domain: string;
  app: string;
  createdAt: string;
}

/** How an app gets its certificate: ACME (issued and renewed by paas), uploaded by the user, or none on purpose. */
export type TlsMode = 'acme' | 'custom' | 'off';

/** An app's TLS state: its mode, the certificate in use (if any) and how the last ACME attempt went. */
export interface CertRecord {
  app: string;
  mode: TlsMode;
  /** Absent until a certificate was issued or uploaded. */
  current?: InstalledCert;
  lastError?: string;
  /** Failed ACME attempts in a row. */
  failures: number;
  nextAttemptAt?: string;
}

export interface InstalledCert extends CertSummary {
  certFile: string;
  keyFile: string;
  installedAt: string;
}

/** Who holds an app's operation lock; a row whose heartbeat stopped belongs to a dead operation. */
export interface AppLock {
  app: string;
  operation: string;
  owner: string;
  acquiredAt: string;
  heartbeatAt: string;
}

export type BuildStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

/** One image build (of a push), listed by `paas builds`. */
export interface Build {
  id: number;
  app: string;
  deployId?: number;
  commit: string;
  /** The release the image is for (`paas/APP:vN`). */
  version?: number;
  /** dockerfile, node, python or static, once detected. */
  runtime?: string;
  status: BuildStatus;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
}

/** A process the supervisor stopped restarting: it exited too often in too short a time. */
export interface CrashRecord {
  app: string;
  process: string;
  replica: number;
  exitCode?: number;
  /** Exits counted in the window when it was marked. */
  exits: number;
  lastLines: string[];
  crashedAt: string;
}

/** A public key allowed to push over SSH (keys are not tied to apps: like the admin token, one team, one server). */
export interface SshKey {
  fingerprint: string;
  type: string;
  comment: string;
  createdAt: string;
}
