/**
 * Schema migrations, applied in order and recorded in `user_version`. Append only: a user's database has run every
 * earlier entry already.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE apps (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    current_version INTEGER,
    live_slot TEXT CHECK (live_slot IN ('blue', 'green'))
  );
  CREATE TABLE config (
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (app, key)
  );
  CREATE TABLE releases (
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    image TEXT NOT NULL,
    commit_oid TEXT,
    config_json TEXT NOT NULL,
    processes_json TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (app, version)
  );
  CREATE TABLE ports (
    port INTEGER PRIMARY KEY,
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    process TEXT NOT NULL,
    replica INTEGER NOT NULL,
    slot TEXT NOT NULL CHECK (slot IN ('blue', 'green')),
    UNIQUE (app, process, replica, slot)
  );
  CREATE TABLE deploys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    version INTEGER,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    step TEXT NOT NULL,
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  `,
  `
  CREATE TABLE domains (
    domain TEXT PRIMARY KEY,
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    created_at TEXT NOT NULL
  );
  CREATE INDEX domains_by_app ON domains (app);
  CREATE TABLE certs (
    app TEXT PRIMARY KEY REFERENCES apps(name) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('acme', 'custom', 'off')),
    cert_json TEXT,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT
  );
  `,
  // Issue 6: releases carry their commit's author, message and health checks; formation (scale and limits per
  // process type), volumes, the deploy strategy and the per-app operation lock.
  `
  ALTER TABLE releases ADD COLUMN author TEXT;
  ALTER TABLE releases ADD COLUMN message TEXT;
  ALTER TABLE releases ADD COLUMN healthchecks_json TEXT;
  ALTER TABLE apps ADD COLUMN deploy_strategy TEXT NOT NULL DEFAULT 'blue-green' CHECK (deploy_strategy IN ('blue-green', 'stop-first'));
  CREATE TABLE formation (
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    process TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    memory_bytes INTEGER,
    nano_cpus INTEGER,
    PRIMARY KEY (app, process)
  );
  CREATE TABLE volumes (
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    host_path TEXT NOT NULL,
    container_path TEXT NOT NULL,
    PRIMARY KEY (app, container_path)
  );
  CREATE TABLE app_locks (
    app TEXT PRIMARY KEY,
    operation TEXT NOT NULL,
    owner TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );
  `,
  // Issue 5: the builds table (`paas builds`) and the Procfile's release command of each release.
  `
  CREATE TABLE builds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    deploy_id INTEGER,
    commit_oid TEXT NOT NULL,
    version INTEGER,
    runtime TEXT,
    status TEXT NOT NULL,
    error TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    duration_ms INTEGER
  );
  CREATE INDEX builds_by_app ON builds (app, id);
  ALTER TABLE releases ADD COLUMN release_command TEXT;
  `,
  // Issue 7: processes the supervisor marked crashed (a crash loop), kept until ps:restart.
  `
  CREATE TABLE crashes (
    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
    process TEXT NOT NULL,
    replica INTEGER NOT NULL,
    exit_code INTEGER,
    exits INTEGER NOT NULL,
    last_lines TEXT NOT NULL,
    crashed_at TEXT NOT NULL,
    PRIMARY KEY (app, process, replica)
  );
  `,
  // Issue 4: public keys allowed to git push over SSH.
  `
  CREATE TABLE ssh_keys (
    fingerprint TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    blob BLOB NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
];
