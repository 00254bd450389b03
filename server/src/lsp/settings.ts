// Editor settings (`vpceLint.*`) and the `.vpce-lint.json` files they merge under. Settings are
// validated like a config file: what is invalid is logged and replaced by the default.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_FILE_NAME, dirnameOf, mergeConfigs, parseConfigText, validateConfig,
  type ParseProblem, type VpceLintConfig,
} from '../engine';
import { configIgnoreList, type IgnoreList } from '../engine/ignore';

export interface ServerSettings {
  enable: boolean;
  /** Rule severities, ignore globs and CloudFormation region, as a config of lowest precedence. */
  config: VpceLintConfig;
  maxFileSizeKb: number;
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, config: {}, maxFileSizeKb: 2048, debounceMs: 150 };

/** Reads the `vpceLint` settings section; `warn` receives one line per invalid setting. */
export function readSettings(raw: unknown, warn: (message: string) => void): ServerSettings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_SETTINGS;
  const s = raw as Record<string, unknown>;
  const number = (key: 'maxFileSizeKb' | 'debounceMs', min: number): number => {
    const v = s[key];
    if (v === undefined || v === null) return DEFAULT_SETTINGS[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= min) return v;
    warn(`Setting vpceLint.${key}: ${JSON.stringify(v)} is not a number >= ${min}; using ${DEFAULT_SETTINGS[key]}.`);
    return DEFAULT_SETTINGS[key];
  };
  const enable = typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable;
  const configPart: Record<string, unknown> = {};
  if (s.rules !== undefined && s.rules !== null) configPart.rules = s.rules;
  if (Array.isArray(s.ignore) || (s.ignore !== undefined && s.ignore !== null)) configPart.ignore = s.ignore;
  if (typeof s.cloudFormationRegion === 'string' && s.cloudFormationRegion.trim() !== '') {
    configPart.cloudFormationRegion = s.cloudFormationRegion.trim();
  }
  const config = validateConfig(configPart, (message) => warn(`Settings: ${message.replace(/`(\w+)`/, 'vpceLint.$1')}`));
  return { enable, config, maxFileSizeKb: number('maxFileSizeKb', 1), debounceMs: number('debounceMs', 0) };
}

export interface LoadedConfig {
  path: string;
  dir: string;
  config: VpceLintConfig;
  problems: ParseProblem[];
  ignore: IgnoreList;
}

/**
 * The `.vpce-lint.json` file that applies to a path: the nearest one found by walking up from its
 * folder, as the CLI does. Each file is read once until `clear()`.
 */
export class ConfigFiles {
  private readonly byDir = new Map<string, LoadedConfig | null>();

  /** `readText` returns an open editor's text for a path, so unsaved edits take effect. */
  constructor(private readonly readText: (path: string) => string | undefined) {}

  clear(): void { this.byDir.clear(); }

  /** The config file governing the entries of folder `dir`, if any. */
  nearest(dir: string): LoadedConfig | undefined {
    for (let d = dir; ; d = dirnameOf(d)) {
      const loaded = this.load(d);
      if (loaded) return loaded;
      if (dirnameOf(d) === d) return undefined;
    }
  }

  /** Every config file read so far (for publishing their problems). */
  loaded(): LoadedConfig[] {
    return [...this.byDir.values()].filter((c): c is LoadedConfig => c !== null);
  }

  /** Reads the config file of a folder now (the workspace walk finds them). */
  load(dir: string): LoadedConfig | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const path = join(dir, CONFIG_FILE_NAME);
    let text = this.readText(path);
    if (text === undefined) {
      try {
        text = existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
    }
    let loaded: LoadedConfig | null = null;
    if (text !== undefined) {
      const { config, problems } = parseConfigText(text, path);
      loaded = { path, dir, config, problems, ignore: configIgnoreList(dir, config.ignore ?? []) };
    }
    this.byDir.set(dir, loaded);
    return loaded;
  }
}

/** The config file's settings over the editor settings. */
export function effectiveConfig(settings: ServerSettings, nearest: LoadedConfig | undefined): VpceLintConfig {
  return mergeConfigs(settings.config, nearest?.config);
}
