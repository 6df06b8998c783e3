import { posix } from 'node:path';
import { PaasError } from './errors.js';

/** A host directory mounted into every container of an app: it outlives releases. */
export interface VolumeMount {
  hostPath: string;
  containerPath: string;
}

/** Paths that would hand the host (or the engine) to an app. */
const FORBIDDEN_HOST = ['/', '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/var/run', '/run', '/var/lib/docker', '/var/lib/paas', '/usr', '/bin', '/sbin', '/lib'];

/** `HOST:CONTAINER`, both absolute and normalized, with no `:` or `,` (the engine's bind syntax). */
export function parseMount(text: string): VolumeMount {
  const parts = text.split(':');
  if (parts.length !== 2) throw new PaasError('INVALID_INPUT', `expected HOST_PATH:CONTAINER_PATH, got ${JSON.stringify(text.slice(0, 80))}`);
  return { hostPath: checkPath(parts[0]!, 'host'), containerPath: checkPath(parts[1]!, 'container') };
}

function checkPath(p: string, side: 'host' | 'container'): string {
  const bad = (why: string) => new PaasError('INVALID_INPUT', `${side} path ${JSON.stringify(p.slice(0, 80))} ${why}`);
  if (!p.startsWith('/')) throw bad('must be absolute');
  if (/[,\0\n\r]/.test(p) || p.length > 1024) throw bad('holds characters the engine cannot mount');
  const normal = posix.normalize(p).replace(/\/+$/, '') || '/';
  if (normal !== p.replace(/\/+$/, '')) throw bad('must be normalized (no `..`, `.` or `//`)');
  if (side === 'host' && FORBIDDEN_HOST.some((f) => normal === f || (f !== '/' && f !== '/usr' && normal.startsWith(`${f}/`)))) {
    throw bad('is a system directory');
  }
  if (side === 'container' && normal === '/') throw bad('cannot be the container root');
  return normal;
}

export const formatMount = (v: VolumeMount) => `${v.hostPath}:${v.containerPath}`;
