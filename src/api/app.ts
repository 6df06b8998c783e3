import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { AppsService } from '../services/apps.js';
import type { PsService } from '../services/ps.js';
import type { LogsService } from '../services/logs.js';
import type { TokensService } from '../services/tokens.js';
import type { DomainsService } from '../services/domains.js';
import type { CertsService } from '../services/certs.js';
import type { BackupService } from '../services/backup.js';
import type { ReleasesService } from '../services/releases.js';
import type { ScaleService } from '../services/scale.js';
import type { AppSettingsService } from '../services/app-settings.js';
import type { BuildService } from '../services/build.js';
import type { SshKeysService } from '../services/ssh-keys.js';
import { tokenAuth } from './auth.js';
import { errorHandler, notFound } from './errors.js';
import { appsRoutes } from './routes/apps.js';
import { psRoutes } from './routes/ps.js';
import { logsRoutes } from './routes/logs.js';
import { domainsRoutes } from './routes/domains.js';
import { certsRoutes } from './routes/certs.js';
import { backupRoutes } from './routes/backup.js';
import { releasesRoutes } from './routes/releases.js';
import { appSettingsRoutes } from './routes/app-settings.js';
import { buildsRoutes } from './routes/builds.js';
import { keysRoutes } from './routes/keys.js';

export interface ApiServices {
  apps: AppsService;
  ps: PsService;
  logs: LogsService;
  tokens: TokensService;
  domains: DomainsService;
  certs: CertsService;
  backup: BackupService;
  releases: ReleasesService;
  scale: ScaleService;
  settings: AppSettingsService;
  builds: BuildService;
  keys: SshKeysService;
}

/** The HTTP API under /api, git smart HTTP at the root, /healthz open to all. */
export function createApi(services: ApiServices, git: (auth: express.RequestHandler) => Router, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const auth = tokenAuth(services.tokens);

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(git(auth));
  app.use('/api', auth, express.json({ limit: '4mb' }));
  app.use('/api', appsRoutes(services.apps));
  app.use('/api', psRoutes(services.ps, services.scale));
  app.use('/api', releasesRoutes(services.releases));
  app.use('/api', appSettingsRoutes(services.settings));
  app.use('/api', logsRoutes(services.logs));
  app.use('/api', domainsRoutes(services.domains));
  app.use('/api', certsRoutes(services.certs));
  app.use('/api', buildsRoutes(services.builds));
  app.use('/api', backupRoutes(services.backup));
  app.use('/api', keysRoutes(services.keys));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
