import cron from 'node-cron';
import type { Logger } from 'pino';
import { errorMessage } from '../core/errors.js';

export interface Schedule {
  stop(): Promise<void>;
}

/**
 * Runs `task` once now and then on the cron `expression` (node-cron). A run that finds the previous one still
 * going is skipped; a failing run is logged, and the next one comes at its time anyway.
 */
export function scheduleTask(name: string, expression: string, task: () => Promise<unknown>, log: Logger): Schedule {
  let running = false;
  const runOnce = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (e) {
      log.error({ task: name, err: errorMessage(e) }, 'scheduled task failed');
    } finally {
      running = false;
    }
  };
  const scheduled = cron.schedule(expression, runOnce, { name });
  void runOnce();
  return {
    async stop() {
      await scheduled.destroy();
    },
  };
}
