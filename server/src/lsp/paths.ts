// Engine paths are filesystem paths; LSP speaks URIs. Untitled documents get a stable virtual path
// with the extension of their language, each in a folder of its own (so two untitled Terraform
// buffers are not one module).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lookupTable } from '../engine/collections';

const UNTITLED_ROOT = '/__vpce-lint-untitled__';
const EXTENSION_BY_LANGUAGE = lookupTable<string>({
  terraform: '.tf', 'terraform-vars': '.tfvars', yaml: '.yaml', json: '.json', jsonc: '.json',
});

export class PathMap {
  private readonly uriByPath = new Map<string, string>();

  /** The engine path of a document, or undefined for schemes vpce-lint does not read. */
  pathOf(uri: string, languageId?: string): string | undefined {
    let path: string | undefined;
    if (uri.startsWith('file:')) {
      try {
        path = fileURLToPath(uri);
      } catch {
        return undefined;
      }
    } else if (uri.startsWith('untitled:')) {
      const name = decodeURIComponent(uri.slice('untitled:'.length)).replace(/[\\/]/g, '_');
      const ext = EXTENSION_BY_LANGUAGE[languageId ?? ''] ?? '';
      path = `${UNTITLED_ROOT}/${name}/${name}${name.endsWith(ext) ? '' : ext}`;
    }
    if (path) this.uriByPath.set(path, uri);
    return path;
  }

  /** The URI to publish for a path: the one the client used when known. */
  uriOf(path: string): string {
    return this.uriByPath.get(path) ?? pathToFileURL(path).href;
  }

  isUntitled(path: string): boolean {
    return path.startsWith(UNTITLED_ROOT + '/');
  }
}

export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
