import type { Command } from '../command.js';
import { login } from './login.js';
import { apps } from './apps.js';
import { appsCreate } from './apps-create.js';
import { appsInfo } from './apps-info.js';
import { appsDestroy } from './apps-destroy.js';
import { gitRemote } from './git-remote.js';
import { gitCredential } from './git-credential.js';
import { ps } from './ps.js';
import { logs } from './logs.js';
import { server } from './server.js';
import { domains } from './domains.js';
import { domainsAdd } from './domains-add.js';
import { domainsRemove } from './domains-remove.js';
import { certs } from './certs.js';
import { certsAuto } from './certs-auto.js';
import { certsAdd } from './certs-add.js';
import { certsRemove } from './certs-remove.js';
import { keys } from './keys.js';
import { keysAdd } from './keys-add.js';
import { keysRemove } from './keys-remove.js';

import { config } from './config.js';
import { configGet } from './config-get.js';
import { configSet } from './config-set.js';
import { configUnset } from './config-unset.js';
import { releases } from './releases.js';
import { releasesInfo } from './releases-info.js';
import { rollback } from './rollback.js';
import { psScale } from './ps-scale.js';
import { psRestart } from './ps-restart.js';
import { resources } from './resources.js';
import { resourcesSet } from './resources-set.js';
import { storage } from './storage.js';
import { storageMount, storageUnmount } from './storage-mount.js';
import { deployStrategy } from './deploy-strategy.js';
import { builds } from './builds.js';
import { buildsCancel } from './builds-cancel.js';
import { backup } from './backup.js';
import { restore } from './restore.js';

export const COMMANDS: Command[] = [
  login, apps, appsCreate, appsInfo, appsDestroy, gitRemote, gitCredential, ps, logs, server,
  config, configGet, configSet, configUnset, releases, releasesInfo, rollback, psScale, psRestart,
  resources, resourcesSet, storage, storageMount, storageUnmount, deployStrategy,
  domains, domainsAdd, domainsRemove, certs, certsAuto, certsAdd, certsRemove,
  builds, buildsCancel, backup, restore,
];
COMMANDS.push(keys, keysAdd, keysRemove);
