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

export const COMMANDS: Command[] = [login, apps, appsCreate, appsInfo, appsDestroy, gitRemote, gitCredential, ps, logs, server];
