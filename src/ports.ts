/**
 * Interfaces by role. Services depend on these, adapters implement them, daemon.ts wires them. Keep identity in
 * labels (app, release, process, replica, slot), never in container IDs, host PIDs or host paths, so that a Swarm
 * runtime can stand in for local Docker later.
 */
import type { Readable } from 'node:stream';
import type { AppRoute } from './core/nginx/route.js';
import type { AdvertisedRef } from './core/git/advertise.js';
import type { CertBundle } from './core/tls/certificate.js';
import type { VolumeMount } from './core/volumes.js';

export type RestartPolicy = 'no' | 'on-failure' | 'unless-stopped' | 'always';

export interface ContainerSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Overrides the image's CMD (a Procfile command runs through the image's shell as `sh -c`). */
  cmd?: string[];
  restart: RestartPolicy;
  /** Seconds between SIGTERM and SIGKILL on stop. */
  stopTimeoutSec?: number;
  memoryBytes?: number;
  nanoCpus?: number;
  /** Host directories mounted read-write (storage:mount). */
  volumes?: VolumeMount[];
}

export type ContainerState = 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead' | 'removing';

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  labels: Record<string, string>;
  createdAt: Date;
}

export interface LogOptions {
  follow: boolean;
  tail: number;
}

/**
 * Containers are addressed by name (derived from their labels by core/labels.ts), so that services never hold an
 * engine's IDs; `id` parameters accept a name or an ID.
 */
export interface ContainerRuntime {
  /** Creates and starts a container; replaces a stopped one of the same name. */
  run(spec: ContainerSpec): Promise<{ id: string }>;
  /** Every container (running or not) carrying the paas labels, optionally for one app. */
  list(filter: { app?: string }): Promise<ContainerInfo[]>;
  /** Starts an existing, stopped container again. */
  start(id: string): Promise<void>;
  /** SIGTERM, then SIGKILL after `timeoutSec`; resolves once the container has exited. */
  stop(id: string, timeoutSec: number): Promise<void>;
  /** Removes a container, stopping it first with SIGKILL if needed. Missing containers are not an error. */
  remove(id: string): Promise<void>;
  /** The last `tail` lines of stdout and stderr, then (when following) new lines until the stream is destroyed. */
  logs(id: string, opts: LogOptions): Promise<Readable>;
  /**
   * Runs a one-off container (the release phase) to completion, streaming its output lines; kills it after
   * `timeoutMs`; removes it in every case.
   */
  runTask(spec: TaskSpec, opts: { onOutput: (line: string) => void; timeoutMs: number }): Promise<TaskResult>;
  /** Follows start/die/destroy/oom of paas containers, surviving engine restarts, until closed. */
  watch(onEvent: (e: RuntimeEvent) => void): { close(): void };
}

export interface TaskSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  cmd: string[];
}

export interface TaskResult {
  exitCode: number;
  timedOut: boolean;
}

export interface RuntimeEvent {
  action: string;
  id: string;
  name: string;
  image: string;
  /** The container's paas.* labels. */
  labels: Record<string, string>;
  /** For `die`: the process's exit code. */
  exitCode?: number;
  at: Date;
}

export interface BuildRequest {
  /** A tar stream of the build context. */
  context: Readable;
  tag: string;
  labels: Record<string, string>;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  /** Called with each line of build output. */
  onOutput: (line: string) => void;
  /** Aborting stops the build (the engine kills the running step). */
  signal?: AbortSignal;
  /** Memory limit of each build step's container, swap included. */
  memoryBytes?: number;
}

export interface ImageBuilder {
  build(req: BuildRequest): Promise<{ imageId: string }>;
  exists(tag: string): Promise<boolean>;
  /** Removes an image tag; missing tags are not an error. */
  remove(tag: string): Promise<void>;
  /** Every tag of the images labelled as the app's (`paas.app`). */
  listTags(app: string): Promise<string[]>;
  /** Removes the app's untagged images (older builds of a reused tag); returns how many. Never touches other images. */
  pruneDangling(app: string): Promise<number>;
}

export interface Router {
  /** Starts (or adopts an already running) managed nginx with the base configuration. */
  start(): Promise<void>;
  /** Render → validate with `nginx -t` → atomic swap → reload. On failure the previous file stays. */
  applyApp(route: AppRoute): Promise<void>;
  removeApp(app: string): Promise<void>;
  /** Stops the managed nginx (tests and uninstall; a restart of paas leaves it serving). */
  stop(): Promise<void>;
}

export interface CommitInfo {
  oid: string;
  message: string;
  author: string;
}

export interface GitStore {
  create(app: string): Promise<void>;
  remove(app: string): Promise<void>;
  listRefs(app: string): Promise<AdvertisedRef[]>;
  /** The tree of `oid` as a tar stream (a build context). */
  exportTree(app: string, oid: string, opts?: ExportOptions): Readable;
  /** Names at the root of the tree of `oid`: files as they are, directories with a trailing `/`. */
  listRoot(app: string, oid: string): Promise<string[]>;
  commitInfo(app: string, oid: string): Promise<CommitInfo>;
  /** Reads one file of the tree of `oid`; undefined when absent. */
  readFile(app: string, oid: string, path: string): Promise<Buffer | undefined>;
}

export interface ExportOptions {
  /** Paths (relative, `/`-separated) left out, e.g. by .dockerignore. */
  exclude?: (path: string) => boolean;
  /** Files added after the tree's own (paas's generated Dockerfile and helpers). */
  extraFiles?: { path: string; content: string }[];
}

export interface HealthResult {
  ok: boolean;
  status?: number;
  error?: string;
}

export interface HealthProbe {
  /** One HTTP GET to the app on loopback; ok when it answers below 500 within `timeoutMs`. */
  check(port: number, path: string, timeoutMs: number): Promise<HealthResult>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** A line-oriented stream the user sees (git push `remote:` lines, CLI output). */
export interface UserOutput {
  /** `-----> text` */
  step(text: string): void;
  /** `       text` */
  info(text: string): void;
  /** ` !     text` */
  error(text: string): void;
}

export type * from "./ports/state-store.js";

/** The template files shipped with paas (templates/), by path. */
export interface TemplateSource {
  read(path: string): string;
}

export interface PortProbe {
  /** Whether nothing on this host listens on `port` right now. */
  isFree(port: number): Promise<boolean>;
  /**
   * How many connections accepted on `port` are open. nginx keeps no idle connection to apps, so this counts the
   * requests in flight to a container: a switch waits for zero before it stops the old one.
   */
  openConnections(port: number): Promise<number>;
}

export interface CertIssuer {
  /**
   * Orders a certificate for `domains` from the ACME server, answering HTTP-01 challenges through the managed
   * nginx. Resolves with the chain and a fresh key; throws ACME_FAILED with the CA's reason.
   */
  issue(domains: string[]): Promise<CertBundle>;
}

export interface StoredCertFiles {
  certFile: string;
  keyFile: string;
}

export interface CertFiles {
  /** Writes a chain and its key (mode 0600) as new files, leaving the ones in use untouched. */
  save(app: string, bundle: CertBundle, fingerprint: string): StoredCertFiles;
  /** Deletes the app's certificate files except `keep`. */
  prune(app: string, keep?: StoredCertFiles): void;
  /** Where files recorded by another data dir (a restored backup) are in this one: same app, same names. */
  locate(app: string, files: StoredCertFiles): StoredCertFiles;
}

export interface NameResolver {
  /** Every A and AAAA address of `domain`; empty when it has none. */
  resolve(domain: string): Promise<string[]>;
  /** The addresses clients reach this server at (configured public IPs, else the host's own). */
  ownAddresses(): string[];
}

export interface BackupArchive {
  /** A gzip'd tar of a consistent snapshot of the state, the repositories and the certificates. */
  create(): Promise<Readable>;
  /** Unpacks a backup and puts its state, repositories and certificates in place. */
  restore(input: Readable): Promise<void>;
}
