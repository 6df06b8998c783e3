import type Docker from 'dockerode';
import type { ContainerSpec } from '../../ports.js';

/** The Docker API body for a paas container: host network (apps bind loopback ports paas assigns). */
export function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: spec.labels,
    Cmd: spec.cmd,
    StopTimeout: spec.stopTimeoutSec,
    HostConfig: {
      NetworkMode: 'host',
      // tini as PID 1: forwards SIGTERM to apps that never expected to be PID 1 (which ignores it) and reaps zombies.
      Init: true,
      RestartPolicy: { Name: spec.restart, MaximumRetryCount: 0 },
      Memory: spec.memoryBytes,
      NanoCpus: spec.nanoCpus,
      // core/volumes.ts refuses `:` and `,` in both paths, so the engine's bind syntax cannot be confused.
      Binds: spec.volumes?.map((v) => `${v.hostPath}:${v.containerPath}`),
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
  };
}
