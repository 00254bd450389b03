// The build defines VPCE_LINT_VERSION; sources run by the tests read package.json instead.
declare const VPCE_LINT_VERSION: string | undefined;

export const VERSION: string =
  typeof VPCE_LINT_VERSION === 'string' ? VPCE_LINT_VERSION : (require('../../../package.json') as { version: string }).version;
