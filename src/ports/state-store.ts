import type { App, Deploy, DeployStatus, PortAssignment, Release, ReleaseStatus, Token } from '../core/model.js';
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
}

export interface ConfigRepo {
  get(app: string): Record<string, string>;
  /** Sets and unsets in one transaction. */
  update(app: string, set: Record<string, string>, unset: string[]): void;
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
}

export interface DeployRepo {
  start(app: string, kind: string): Deploy;
  step(id: number, step: string, version?: number): void;
  finish(id: number, status: Exclude<DeployStatus, 'running'>, error?: string): void;
  list(app: string): Deploy[];
  running(): Deploy[];
}

export interface StateStore {
  tokens: TokenRepo;
  apps: AppRepo;
  config: ConfigRepo;
  releases: ReleaseRepo;
  ports: PortRepo;
  deploys: DeployRepo;
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
