// Bundles the extension-host suite (test/e2e/suite/) into one plain JS file the extension host can
// load. `vscode` is provided by the host; mocha resolves from the repository's node_modules.
import { buildSync } from 'esbuild';
import * as path from 'path';

export const suiteOutDir = path.resolve(__dirname, '../../out/e2e-suite');

export function buildSuite(): string {
  buildSync({
    entryPoints: [path.join(__dirname, 'suite/index.ts')],
    outfile: path.join(suiteOutDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    // jsonc-parser's main build is UMD with requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return suiteOutDir;
}
