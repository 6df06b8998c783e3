import type {
  App, AppLock, Build, BuildStatus, CertRecord, Deploy, DeployStatus, DeployStrategy, DomainMapping, InstalledCert, PortAssignment, Release,
  ReleaseStatus, SshKey, TlsMode, Token, CrashRecord,
} from '../core/model.js';
import type { FormationEntry } from '../core/formation.js';
import type { VolumeMount } from '../core/volumes.js';
import type { Slot } from '../core/labels.js';

export interface TokenRepo {
  add(name: string, hash: string): Token;
  findByHash(hash: string): Token | undefined;
  count(): number;
}

export interface AppRepo {
  create(name: string): App;
  get(name: string): App | undefined;
  list(): App[];
  /** Removes the app and every row that belongs to it. */
  delete(name: string): void;
  setLive(name: string, version: number, slot: Slot): void;
  setStrategy(name: string, strategy: DeployStrategy): void;
}

export interface ConfigRepo {
  get(app: string): Record<string, string>;
  /** Sets and unsets in one transaction. */
  update(app: string, set: Record<string, string>, unset: string[]): void;
  /** Replaces every var (a rollback restores a release's config). */
  replace(app: string, vars: Record<string, string>): void;
}

export interface ReleaseRepo {
  /** Allocates the next version number and stores the release in one transaction. */
  create(r: Omit<Release, 'version' | 'createdAt'>): Release;
  /** The version the next `create` would give; only for naming an image before the release exists. */
  nextVersion(app: string): number;
  get(app: string, version: number): Release | undefined;
  list(app: string): Release[];
  setStatus(app: string, version: number, status: ReleaseStatus): void;
}

export interface PortRepo {
  list(app?: string): PortAssignment[];
  /** Stores assignments; fails if any port is already taken. */
  assign(rows: PortAssignment[]): void;
  releaseApp(app: string): void;
  /** Frees the ports of `process` replicas numbered above `keep` (after a scale-down). */
  releaseReplicasAbove(app: string, process: string, keep: number): void;
}

export interface FormationRepo {
  list(app: string): FormationEntry[];
  /** Sets quantities, keeping each type's resource limits. */
  setQuantities(app: string, quantities: Record<string, number>): void;
  /** Adds types at their default quantity; types already stored keep theirs. */
  addDefaults(app: string, quantities: Record<string, number>): void;
  setResources(app: string, process: string, limits: { memoryBytes?: number | null; nanoCpus?: number | null }): void;
}

export interface VolumeRepo {
  list(app: string): VolumeMount[];
  add(app: string, mount: VolumeMount): void;
  /** False when no such mount existed. */
  remove(app: string, containerPath: string): boolean;
}

export interface LockRepo {
  get(app: string): AppLock | undefined;
  /** Inserts or replaces the row (the caller has checked that any previous holder is gone). */
  put(lock: AppLock): void;
  heartbeat(app: string, owner: string, at: string): void;
  /** Deletes the row only if `owner` holds it. */
  release(app: string, owner: string): void;
  /** Deletes every row not held by `owner`; returns them (locks left by a previous run of paas). */
  clearOthers(owner: string): AppLock[];
}

export interface DeployRepo {
  start(app: string, kind: string): Deploy;
  step(id: number, step: string, version?: number): void;
  finish(id: number, status: Exclude<DeployStatus, 'running'>, error?: string): void;
  list(app: string): Deploy[];
  running(): Deploy[];
}

export interface DomainRepo {
  /** Custom domains, of one app or of all, by name. */
  list(app?: string): DomainMapping[];
  get(domain: string): DomainMapping | undefined;
  /** Fails with DOMAIN_TAKEN when any app has it already. */
  add(app: string, domain: string): void;
  remove(domain: string): void;
}

export interface CertRepo {
  get(app: string): CertRecord | undefined;
  list(): CertRecord[];
  /** Sets the mode (creating the record) and clears the last error and the failure count. */
  setMode(app: string, mode: TlsMode): void;
  /** Records the certificate now served, clearing the last error. */
  install(app: string, cert: InstalledCert): void;
  recordFailure(app: string, error: string, nextAttemptAt: string): void;
  /** Forgets the certificate (mode stays). */
  uninstall(app: string): void;
}

export interface BuildRepo {
  start(b: { app: string; commit: string; deployId?: number; version?: number }): Build;
  setRuntime(id: number, runtime: string): void;
  /** Records the end state and the duration. */
  finish(id: number, status: Exclude<BuildStatus, 'running'>, error?: string): void;
  get(id: number): Build | undefined;
  /** Newest first. */
  list(app: string, limit: number): Build[];
  /** Marks builds left running by a paas that stopped as failed; returns how many. */
  failInterrupted(): number;
}

export interface CrashRepo {
  list(app: string): CrashRecord[];
  put(c: CrashRecord): void;
  /** Forgets the crash marks of an app (of one process type, when given). */
  clear(app: string, process?: string): void;
}

export interface SshKeyRepo {
  /** Fails with KEY_EXISTS when the fingerprint is already there. */
  add(key: Omit<SshKey, 'createdAt'>, blob: Buffer): SshKey;
  list(): SshKey[];
  /** The key and its blob, for checking a signature. */
  find(fingerprint: string): (SshKey & { blob: Buffer }) | undefined;
  /** False when there was no such key. */
  remove(fingerprint: string): boolean;
}

export interface StateStore {
  tokens: TokenRepo;
  apps: AppRepo;
  config: ConfigRepo;
  releases: ReleaseRepo;
  ports: PortRepo;
  deploys: DeployRepo;
  domains: DomainRepo;
  certs: CertRepo;
  formation: FormationRepo;
  volumes: VolumeRepo;
  locks: LockRepo;
  builds: BuildRepo;
  crashes: CrashRepo;
  sshKeys: SshKeyRepo;
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  /** Writes a consistent copy of the whole state to `file` while paas keeps running. */
  snapshot(file: string): Promise<void>;
  /** Adds every row of a snapshot (from `snapshot`, possibly of an older version) to this store. */
  importSnapshot(file: string): void;
  close(): void;
}
