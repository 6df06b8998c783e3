import type { StateStore } from '../../../ports.js';
import { openDatabase } from './open.js';
import { tokenRepo } from './tokens.js';
import { appRepo } from './apps.js';
import { configRepo } from './config.js';
import { releaseRepo } from './releases.js';
import { portRepo } from './ports.js';
import { deployRepo } from './deploys.js';
import { domainRepo } from './domains.js';
import { certRepo } from './certs.js';
import { formationRepo } from './formation.js';
import { volumeRepo } from './volumes.js';
import { lockRepo } from './locks.js';
import { buildRepo } from './builds.js';
import { crashRepo } from './crashes.js';
import { importSnapshot, snapshotTo } from './snapshot.js';
import { sshKeyRepo } from './ssh-keys.js';

/** The embedded default store: one SQLite file, transactional and durable. */
export function openSqliteStore(file: string): StateStore {
  const db = openDatabase(file);
  return {
    tokens: tokenRepo(db),
    apps: appRepo(db),
    config: configRepo(db),
    releases: releaseRepo(db),
    ports: portRepo(db),
    deploys: deployRepo(db),
    domains: domainRepo(db),
    certs: certRepo(db),
    formation: formationRepo(db),
    volumes: volumeRepo(db),
    locks: lockRepo(db),
    builds: buildRepo(db),
    crashes: crashRepo(db),
    sshKeys: sshKeyRepo(db),
    transaction: (fn) => db.transaction(fn)(),
    snapshot: (file) => snapshotTo(db, file),
    importSnapshot: (file) => importSnapshot(db, file),
    close: () => db.close(),
  };
}
