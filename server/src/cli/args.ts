// Command-line parsing. Every mistake is a UsageError (exit status 2) with a message naming the
// option and what it accepts.
import type { RuleMeta, RuleSetting } from '../engine';
import { closestRegion, regionEntry } from '../engine/data/aws';
import { lookupTable } from '../engine/collections';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'info' | 'never';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  failOn: FailOn;
  fix: boolean;
  dryRun: boolean;
  config?: string;
  /** `--rule` settings keyed by canonical rule code or name. */
  rules: Record<string, RuleSetting>;
  region?: string;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];
const WITH_VALUE = new Set(['--format', '--fail-on', '--config', '--rule', '--region']);
const SHORT = lookupTable<string>({ '-f': '--format', '-c': '--config', '-h': '--help' });

export function parseArgs(argv: readonly string[], catalog: readonly RuleMeta[]): CliOptions {
  const opts: CliOptions = {
    paths: [], format: 'text', failOn: 'warning', fix: false, dryRun: false, rules: {},
    debug: false, help: false, version: false,
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) { opts.paths.push(arg); continue; }
    if (arg === '--') { onlyPaths = true; continue; }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = SHORT[arg] ?? (eq > 0 ? arg.slice(0, eq) : arg);
    let value: string | undefined;
    if (WITH_VALUE.has(name)) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`${name} needs a value.`);
    } else if (eq > 0) {
      throw new UsageError(`${name} takes no value.`);
    }
    switch (name) {
      case '--format': opts.format = oneOf(name, value!, FORMATS); break;
      case '--fail-on': opts.failOn = oneOf(name, value!, FAIL_ON); break;
      case '--config': opts.config = nonEmpty(name, value!); break;
      case '--rule': addRule(opts.rules, value!, catalog); break;
      case '--region': opts.region = checkRegion(value!); break;
      case '--fix': opts.fix = true; break;
      case '--dry-run': opts.dryRun = true; break;
      case '--debug': opts.debug = true; break;
      case '--help': opts.help = true; break;
      case '--version': opts.version = true; break;
      default: throw new UsageError(`Unknown option ${name}.`);
    }
  }
  if (opts.dryRun && !opts.fix) throw new UsageError('--dry-run only goes with --fix (it shows the fixes as a diff).');
  if (opts.paths.includes('-')) throw new UsageError('Reading from standard input is not supported; name files or directories.');
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name}: \`${value}\` is not one of ${allowed.join(', ')}.`);
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new UsageError(`${name} needs a value.`);
  return value;
}

/** `CODE=setting` or `name=setting`; codes are matched case-insensitively. */
function addRule(rules: Record<string, RuleSetting>, value: string, catalog: readonly RuleMeta[]): void {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--rule: \`${value}\` should be CODE=SETTING, e.g. VPCE401=off.`);
  const id = value.slice(0, eq).trim();
  const setting = oneOf('--rule', value.slice(eq + 1).trim(), RULE_SETTINGS);
  const meta = catalog.find((m) => m.code.toLowerCase() === id.toLowerCase() || m.name === id);
  if (!meta) throw new UsageError(`--rule: unknown rule \`${id}\` (see the rule catalog in docs/rules/).`);
  rules[meta.code] = setting;
}

function checkRegion(value: string): string {
  if (regionEntry(value)) return value;
  const suggestion = closestRegion(value);
  const hint = suggestion && suggestion !== value ? ` Did you mean \`${suggestion}\`?` : '';
  throw new UsageError(`--region: \`${value}\` is not a known AWS region.${hint}`);
}

export const USAGE = `Usage: vpce-lint [options] [paths...]

Lints AWS VPC endpoint mistakes in Terraform, CloudFormation and IAM/bucket/endpoint policy files.
Paths are files or directories (default: the current directory). Directories are searched for
.tf, .tf.json, .tfvars, .yaml, .yml, .json and .template files, skipping .git, node_modules,
.terraform and whatever .gitignore files and the config's "ignore" list exclude. A Terraform
directory is linted as one module; a named .tf file is linted with its module's other files.

Options:
  -f, --format FORMAT    text (default), json or sarif
      --fail-on LEVEL    exit 1 when a finding is at or above LEVEL:
                         error, warning (default), info, or never
      --fix              apply safe fixes in place, then report what is left
      --dry-run          with --fix: print the fixes as a unified diff, change nothing
  -c, --config FILE      use this config file instead of the .vpce-lint.json files found
                         by walking up from each linted file
      --rule CODE=LEVEL  set a rule's severity: off, error, warning, info or hint;
                         CODE is a rule code or name (repeatable)
      --region REGION    the region CloudFormation templates are deployed to
      --debug            show stack traces of internal errors
  -h, --help             show this help
      --version          print the version

Exit status: 0 no finding at or above --fail-on, 1 some finding is, 2 usage error,
unreadable path or internal error.

Examples:
  vpce-lint                             lint the current directory
  vpce-lint infra/ --format sarif > vpce-lint.sarif
  vpce-lint --rule VPCE504=off --fail-on error modules/network
  vpce-lint --fix --dry-run .           show what --fix would change
`;
