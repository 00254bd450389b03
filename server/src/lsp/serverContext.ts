// What the parts of the language server share: the open documents, the Workspace they and the
// files on disk are read into, settings and config files, which files are linted, and logging.
// Everything a request or a file does is caught: one bad file or failing rule must never take the
// server down.
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace, dirnameOf, type FileKind, type Scope } from '../engine';
import { configIgnoreList, isIgnoredWithParents, type IgnoreList } from '../engine/ignore';
import { GitignoreFiles, inSkippedFolder } from '../shared/discover';
import { readModuleFile } from '../shared/read-module-file';
import { errorText } from './errors';
import { PathMap } from './paths';
import { ConfigFiles, DEFAULT_SETTINGS, effectiveConfig, type ServerSettings } from './settings';

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly paths = new PathMap();
  readonly configFiles = new ConfigFiles((path) => this.openDocument(path)?.getText());
  gitignores = new GitignoreFiles();
  settings: ServerSettings = DEFAULT_SETTINGS;
  ws = this.newWorkspace();
  roots: string[] = [];
  supports = { configuration: false, workspaceFolders: false, watchedFiles: false, progress: false };
  /** Text read from disk, for files of the workspace (and modules of open files). */
  readonly diskText = new Map<string, string>();
  readonly loadedDirs = new Set<string>();
  /** Files read only as context for their Terraform module (ignored ones): never published. */
  readonly contextOnly = new Set<string>();
  /** The document version whose text the Workspace holds, per open path. */
  readonly wsVersion = new Map<string, number>();

  constructor(readonly connection: Connection) {}

  /** Starts over with an empty Workspace (new settings, a re-index). The old one's syntax trees
   *  are freed; diagnostics already published from it keep working (their fixes read no tree). */
  resetWorkspace(): void {
    this.ws.dispose();
    this.ws = this.newWorkspace();
  }

  private newWorkspace(): Workspace {
    return new Workspace({
      configFor: (path) => this.configFor(path),
      maxFileBytes: Math.round(this.settings.maxFileSizeKb * 1024),
      readFile: readModuleFile,
    });
  }

  configFor(path: string) {
    return effectiveConfig(this.settings, this.configFiles.nearest(dirnameOf(path)));
  }

  /** The workspace folder a path is in (the innermost one), if any. */
  rootOf(path: string): string | undefined {
    return this.roots.filter((r) => path.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length)[0];
  }

  /** The settings' and the nearest config file's `ignore` lists for the entries of `dir`, as the
   *  CLI applies its config file's. */
  configIgnores(dir: string): IgnoreList[] {
    const lists: IgnoreList[] = [];
    const root = this.rootOf(dir + '/');
    const ignore = this.settings.config.ignore ?? [];
    if (root && ignore.length) lists.push(configIgnoreList(root, ignore));
    const nearest = this.configFiles.nearest(dir);
    if (nearest) lists.push(nearest.ignore);
    return lists;
  }

  /** An open document is linted unless the settings or config file ignore it: like a file named
   *  on the command line, .gitignore does not apply to it. */
  isIgnored(path: string): boolean {
    if (this.paths.isUntitled(path)) return false;
    return isIgnoredWithParents(this.configIgnores(dirnameOf(path)), path, false);
  }

  /** A file on disk is linted when the workspace scan would pick it: not in a skipped folder, not
   *  excluded by .gitignore files, the settings or config files. */
  isSkippedOnDisk(path: string): boolean {
    const dir = dirnameOf(path);
    const root = this.rootOf(path) ?? dir;
    if (inSkippedFolder(path, root)) return true;
    return isIgnoredWithParents([...this.gitignores.listsFor(dir, root), ...this.configIgnores(dir)], path, false);
  }

  openDocument(path: string): TextDocument | undefined {
    const doc = this.documents.get(this.paths.uriOf(path));
    return doc && this.pathOfDoc(doc) === path ? doc : undefined;
  }

  pathOfDoc(doc: TextDocument): string | undefined {
    return this.paths.pathOf(doc.uri, doc.languageId);
  }

  scopeOf(path: string): Scope | undefined {
    const id = this.ws.scopeIdOf(path);
    try {
      return id ? this.ws.getScope(id) : undefined;
    } catch {
      return undefined;
    }
  }

  kindOf(path: string): FileKind | undefined {
    return this.scopeOf(path)?.files.find((f) => f.path === path)?.kind;
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  guard(what: string, run: () => Promise<void> | void): Promise<void> {
    return (async () => {
      try {
        await run();
      } catch (err) {
        this.connection.console.error(`${what} failed: ${errorText(err, true)}`);
      }
    })();
  }

  guardSync<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (err) {
      this.connection.console.error(`${what} failed: ${errorText(err, true)}`);
      return fallback;
    }
  }
}
