import { PaasError } from '../errors.js';

/** How paas builds, from `paas server` flags (config.ts); validated once and frozen. */
export interface BuildSettings {
  /** Base image of each runtime template. */
  images: { node: string; python: string; static: string };
  /** `missing`: the engine pulls a base image it lacks; `never`: a missing base image fails the build at once. */
  pull: 'missing' | 'never';
  timeoutMs: number;
  /** Memory (and memory+swap) limit of each build step's container. */
  memoryBytes: number;
  /** PEM certificates that template builds trust in addition to their own (TLS-intercepting proxies). */
  caBundle?: string;
  /** Images of this many latest releases are kept per app; older ones are removed after a deploy. */
  keepImages: number;
  releaseTimeoutMs: number;
}

// [registry[:port]/]path[:tag][@sha256:digest], the grammar of docker/distribution's reference package (simplified).
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REF = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** A base image name lands in a generated Dockerfile: only a well-formed reference may. */
export function validateImageRef(ref: string, what = 'image'): string {
  if (ref.length > 255 || !IMAGE_REF.test(ref)) {
    throw new PaasError('CONFIG_INVALID', `${what}: not an image reference: ${JSON.stringify(ref).slice(0, 80)}`, {
      hint: 'e.g. node:24-slim, python:3.13-slim or registry.example.com:5000/team/base:1',
    });
  }
  return ref;
}

/** `512m`, `2g`, `1048576`: a size in bytes (binary units). */
export function parseByteSize(text: string, what: string): number {
  const m = /^([0-9]+)([kmg]?)b?$/i.exec(text.trim());
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m?.[2] ?? '').toLowerCase()];
  const n = m && unit ? Number(m[1]) * unit : NaN;
  // Docker refuses memory limits below 6 MiB.
  if (!Number.isSafeInteger(n) || n < 6 * 1024 ** 2) throw new PaasError('CONFIG_INVALID', `${what}: expected a size of at least 6m, like 2g or 512m`);
  return n;
}
