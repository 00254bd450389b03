// The custom protocol shared with the client (client/src/extension.ts spells the same names).
export const STATUS_NOTIFICATION = 'vpceLint/status';
export const LINT_WORKSPACE_REQUEST = 'vpceLint/lintWorkspace';
export const RULES_REQUEST = 'vpceLint/rules';
/** Answers `{ pid }`, so the real-editor tests can find (and kill) this process. */
export const SERVER_INFO_REQUEST = 'vpceLint/serverInfo';
