// Lets mocha load TypeScript sources directly: each .ts file is transpiled by esbuild on require.
// Type checking is `npm run typecheck`'s job, so this stays fast.
const fs = require('fs');
const { transformSync } = require('esbuild');
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'inline', sourcefile: filename,
  });
  module._compile(code, filename);
};
