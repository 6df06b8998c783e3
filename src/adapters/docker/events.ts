import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { RuntimeEvent } from '../../ports.js';
import { LABEL } from '../../core/labels.js';

interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

const ACTIONS = ['start', 'die', 'destroy', 'oom'];

/**
 * Follows Docker's event stream for paas containers (newline-delimited JSON, split here), reconnecting with a
 * backoff when the engine goes away (a dockerd restart), until closed.
 */
export function watchEvents(docker: Docker, instance: string, onEvent: (e: RuntimeEvent) => void, log: Logger): { close(): void } {
  let closed = false;
  let stream: NodeJS.ReadableStream & { destroy?: () => void } | undefined;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    try {
      stream = (await docker.getEvents({
        filters: { type: ['container'], label: [`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`], event: ACTIONS },
      })) as NodeJS.ReadableStream & { destroy?: () => void };
    } catch (e) {
      return retry((e as Error).message);
    }
    // Closed while connecting: this stream would hold the process open.
    if (closed) return abandon();
    retryMs = 250;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) deliver(line);
      }
    });
    stream.on('end', () => retry('event stream ended'));
    stream.on('error', (e: Error) => retry(e.message));
  };

  const deliver = (line: string) => {
    let ev: DockerEvent;
    try {
      ev = JSON.parse(line) as DockerEvent;
    } catch {
      return;
    }
    const attrs = ev.Actor?.Attributes ?? {};
    const { name = '', exitCode, image, ...rest } = attrs;
    const labels = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('paas.')));
    onEvent({
      action: ev.Action ?? '',
      id: ev.Actor?.ID ?? '',
      name,
      image: image ?? '',
      labels,
      exitCode: exitCode === undefined ? undefined : Number(exitCode),
      at: ev.timeNano ? new Date(ev.timeNano / 1e6) : new Date((ev.time ?? 0) * 1000),
    });
  };

  /** Lets go of a stream we are done with; it may still fail as it closes, which must not crash paas. */
  const abandon = () => {
    stream?.removeAllListeners();
    stream?.on('error', () => undefined);
    stream?.destroy?.();
  };

  const retry = (why: string) => {
    if (closed || timer) return;
    abandon();
    log.warn({ why, retryMs }, 'docker events: reconnecting');
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  void connect();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      abandon();
    },
  };
}
