import Docker from 'dockerode';

/** A dockerode client for DOCKER_HOST, or the local socket. Created by daemon.ts, never at import time. */
export function dockerClient(): Docker {
  return new Docker();
}

/** Docker answers 404 for a missing object and 304 for "already in that state": both mean nothing to do. */
export function isDockerStatus(e: unknown, ...codes: number[]): boolean {
  const status = (e as { statusCode?: number } | null)?.statusCode;
  return status !== undefined && codes.includes(status);
}
