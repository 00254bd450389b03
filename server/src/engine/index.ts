// The engine's public surface, used by the language server, the CLI and the tests.
export * from './model';
export * from './rule';
export { Workspace, type WorkspaceOptions, dirnameOf } from './workspace';
export { lintScope, docsUrl, DOCS_BASE_URL, engineDiagnostic, fileStart, type Diagnostic } from './lint';
export { applyEdits, editsByFile, safeFixOf } from './edits';
export { parseConfigText, validateConfig, mergeConfigs, ruleSetting, CONFIG_FILE_NAME, type VpceLintConfig, type RuleSetting } from './config';
export { detectKind, candidateKind, isTerraformKind, DEFAULT_MAX_FILE_BYTES } from './detect';
export { RULES, RULE_CATALOG } from './rules';
export { ENGINE_DIAGNOSTICS, CONFIG_ERROR, INTERNAL_ERROR } from './rules/engine-diagnostics';
export { VERSION } from './version';
export { LineIndex } from './text';

import { initTerraform } from './terraform';

/** Loads the WebAssembly parser. Call once before creating a Workspace. */
export async function initEngine(): Promise<void> {
  await initTerraform();
}
