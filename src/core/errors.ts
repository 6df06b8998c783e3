/**
 * The one error type of paas. `code` is stable (scripts and the CLI rely on it); the API maps codes to HTTP
 * statuses in one table (api/error-status.ts).
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_APP_NAME'
  | 'INVALID_DOMAIN'
  | 'INVALID_ENV_KEY'
  | 'APP_NOT_FOUND'
  | 'APP_EXISTS'
  | 'RELEASE_NOT_FOUND'
  | 'NOT_DEPLOYED'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'LOCKED'
  | 'NO_PORTS'
  | 'BUILD_FAILED'
  | 'BUILD_UNDETECTED'
  | 'BUILD_TIMEOUT'
  | 'BUILD_CANCELLED'
  | 'BASE_IMAGE_MISSING'
  | 'PROCFILE_INVALID'
  | 'APP_JSON_INVALID'
  | 'RELEASE_COMMAND_FAILED'
  | 'HEALTHCHECK_FAILED'
  | 'DEPLOY_FAILED'
  | 'NGINX_INVALID'
  | 'NGINX_FAILED'
  | 'DOCKER_FAILED'
  | 'GIT_PROTOCOL'
  | 'GIT_PACK_INVALID'
  | 'GIT_REF_REJECTED'
  | 'INVALID_SSH_KEY'
  | 'KEY_EXISTS'
  | 'KEY_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'DOMAIN_TAKEN'
  | 'DOMAIN_NOT_FOUND'
  | 'DNS_CHECK_FAILED'
  | 'CERT_INVALID'
  | 'CERT_KEY_MISMATCH'
  | 'CERT_NAMES_NOT_COVERED'
  | 'ACME_FAILED'
  | 'CLI_USAGE'
  | 'CLI_NOT_LOGGED_IN'
  | 'SERVER_UNREACHABLE'
  | 'INTERNAL';

export class PaasError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly data?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; data?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PaasError';
    this.code = code;
    this.hint = opts.hint;
    this.data = opts.data;
  }
}

export function isPaasError(e: unknown): e is PaasError {
  return e instanceof PaasError;
}

/** A readable one-liner for any thrown value, for logs and user-facing streams. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
