import type { ErrorCode } from '../core/errors.js';

/** The one table from error codes to HTTP statuses. Codes not listed are server errors. */
export const ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_APP_NAME: 400,
  INVALID_DOMAIN: 400,
  INVALID_ENV_KEY: 400,
  CONFIG_INVALID: 400,
  CERT_INVALID: 400,
  CERT_KEY_MISMATCH: 400,
  CERT_NAMES_NOT_COVERED: 400,
  DOMAIN_NOT_FOUND: 404,
  DOMAIN_TAKEN: 409,
  DNS_CHECK_FAILED: 422,
  ACME_FAILED: 502,
  GIT_PROTOCOL: 400,
  GIT_PACK_INVALID: 400,
  GIT_REF_REJECTED: 400,
  UNAUTHORIZED: 401,
  APP_NOT_FOUND: 404,
  RELEASE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  APP_EXISTS: 409,
  LOCKED: 409,
  NOT_DEPLOYED: 409,
  NGINX_INVALID: 422,
  BUILD_FAILED: 422,
  HEALTHCHECK_FAILED: 422,
  DEPLOY_FAILED: 422,
  NO_PORTS: 503,
};

export const statusOf = (code: ErrorCode): number => ERROR_STATUS[code] ?? 500;
