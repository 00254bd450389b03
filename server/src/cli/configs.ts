// Which configuration applies to a file: the `--config` file, else the nearest `.vpce-lint.json`
// above it; then the command line's settings on top. Invalid files keep their problems so the
// CLI can report them (VPCE003) while the defaults apply.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, mergeConfigs, parseConfigText, type ParseProblem, type VpceLintConfig } from '../engine';
import { configIgnoreList, isIgnoredWithParents, type IgnoreList } from '../engine/ignore';

export interface LoadedConfig {
  path: string;
  config: VpceLintConfig;
  problems: ParseProblem[];
  ignore: IgnoreList;
}

export class ConfigReadError extends Error {}

export function loadConfigFile(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigReadError(`Cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const { config, problems } = parseConfigText(text, path);
  return { path, config, problems, ignore: configIgnoreList(dirname(path), config.ignore ?? []) };
}

export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();

  constructor(private readonly explicit: LoadedConfig | undefined, private readonly commandLine: VpceLintConfig) {}

  /** The config file governing a file or directory, if any. */
  fileConfigFor(path: string, isDir = false): LoadedConfig | undefined {
    return this.explicit ?? this.nearest(isDir ? path : dirname(path));
  }

  /** Settings for a file: its config file's, overridden by the command line. */
  effective(path: string): VpceLintConfig {
    return mergeConfigs(this.fileConfigFor(path)?.config, this.commandLine);
  }

  /** The `ignore` list that applies to the entries of a directory. */
  ignoreListsFor(dir: string): IgnoreList[] {
    const loaded = this.fileConfigFor(dir, true);
    return loaded ? [loaded.ignore] : [];
  }

  /** Whether a named path, or a directory above it, is in its config's `ignore` list. */
  isIgnored(path: string, isDir: boolean): boolean {
    return isIgnoredWithParents(this.ignoreListsFor(isDir ? path : dirname(path)), path, isDir);
  }

  /** Every config file consulted so far. */
  used(): LoadedConfig[] {
    const all = this.explicit ? [this.explicit] : [...this.byDir.values()];
    return [...new Set(all.filter((c): c is LoadedConfig => !!c))];
  }

  private nearest(dir: string): LoadedConfig | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const candidate = join(dir, CONFIG_FILE_NAME);
    let found: LoadedConfig | undefined;
    if (existsSync(candidate)) {
      try {
        found = loadConfigFile(candidate);
      } catch (err) {
        found = unreadableConfig(candidate, (err as Error).message);
      }
    } else {
      const parent = dirname(dir);
      found = parent === dir ? undefined : this.nearest(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }
}

function unreadableConfig(path: string, message: string): LoadedConfig {
  const start = { line: 0, character: 0 };
  return {
    path, config: {}, ignore: { base: dirname(path), patterns: [] },
    problems: [{ loc: { file: path, range: { start, end: start } }, message: `${message}; the defaults apply.` }],
  };
}
