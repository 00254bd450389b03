// `.vpce-lint.json` (JSONC) and editor settings: per-rule severity, ignored paths, the region
// assumed for CloudFormation. A bad file yields problems and the defaults; it never throws.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ParseProblem } from './model';
import type { Severity } from './rule';
import { LineIndex } from './text';

export type RuleSetting = Severity | 'off';

export interface VpceLintConfig {
  /** Keyed by rule code (`VPCE401`) or name (`interface-without-private-dns`). */
  rules?: Record<string, RuleSetting>;
  /** Glob patterns (relative to the config file's folder, or the workspace) of paths to skip. */
  ignore?: string[];
  /** Region assumed for CloudFormation templates. */
  cloudFormationRegion?: string;
}

export const CONFIG_FILE_NAME = '.vpce-lint.json';
const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];
const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

export function isRuleSetting(v: unknown): v is RuleSetting {
  return typeof v === 'string' && (SETTINGS as readonly string[]).includes(v);
}

/** Validates a config object (from a file or from editor settings), keeping what is valid. */
export function validateConfig(raw: unknown, problemAt: (message: string) => void): VpceLintConfig {
  const config: VpceLintConfig = {};
  if (raw === undefined || raw === null) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problemAt('The configuration must be a JSON object.');
    return config;
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== 'rules' && key !== 'ignore' && key !== 'cloudFormationRegion' && key !== '$schema') {
      problemAt(`Unknown setting \`${key}\` (expected \`rules\`, \`ignore\` or \`cloudFormationRegion\`).`);
    }
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      problemAt('`rules` must be an object mapping rule codes to off|error|warning|info|hint.');
    } else {
      config.rules = {};
      for (const [rule, setting] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (isRuleSetting(setting)) config.rules[rule] = setting;
        else problemAt(`Rule \`${rule}\`: \`${String(setting)}\` is not one of off, error, warning, info, hint.`);
      }
    }
  }
  if (obj.ignore !== undefined) {
    if (Array.isArray(obj.ignore) && obj.ignore.every((p) => typeof p === 'string')) config.ignore = obj.ignore as string[];
    else problemAt('`ignore` must be a list of glob patterns.');
  }
  if (obj.cloudFormationRegion !== undefined) {
    if (typeof obj.cloudFormationRegion === 'string' && REGION_SHAPE.test(obj.cloudFormationRegion)) {
      config.cloudFormationRegion = obj.cloudFormationRegion;
    } else problemAt('`cloudFormationRegion` must be a region code such as `eu-west-1`.');
  }
  return config;
}

/** Parses a `.vpce-lint.json` text. Problems carry ranges in that file. */
export function parseConfigText(text: string, path: string): { config: VpceLintConfig; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  const pos = (offset: number) => lines.positionAt(offset);
  for (const e of errors) {
    problems.push({
      loc: { file: path, range: { start: pos(e.offset), end: pos(e.offset + e.length) } },
      message: `Invalid ${CONFIG_FILE_NAME}: ${printParseErrorCode(e.error)}; the defaults apply.`,
    });
  }
  if (errors.length) return { config: {}, problems };
  const firstLine = { file: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.split(/\r?\n/, 1)[0].length } } };
  const config = validateConfig(raw, (message) => problems.push({ loc: firstLine, message: `${CONFIG_FILE_NAME}: ${message}` }));
  return { config, problems };
}

/** Later configs override earlier ones (settings < config file < command line). */
export function mergeConfigs(...configs: (VpceLintConfig | undefined)[]): VpceLintConfig {
  const out: VpceLintConfig = {};
  for (const c of configs) {
    if (!c) continue;
    // No `rules` at all when none are set: every rule of every lint asks for its setting.
    if (c.rules && Object.keys(c.rules).length) out.rules = { ...out.rules, ...c.rules };
    if (c.ignore) out.ignore = [...(out.ignore ?? []), ...c.ignore];
    if (c.cloudFormationRegion) out.cloudFormationRegion = c.cloudFormationRegion;
  }
  return out;
}

/** The setting for a rule, by code or name, or undefined for the rule's default. */
export function ruleSetting(config: VpceLintConfig, code: string, name: string): RuleSetting | undefined {
  const rules = config.rules;
  if (!rules) return undefined;
  return rules[code] ?? rules[code.toLowerCase()] ?? rules[name];
}
