// Diagnostics the engine itself reports (not rules of the catalog): they have codes, docs and
// severities like rules so users can configure and look them up the same way.
import type { RuleMeta } from '../rule';

export const SYNTAX_ERROR: RuleMeta = {
  code: 'VPCE001',
  name: 'syntax-error',
  severity: 'error',
  formats: ['terraform', 'cloudformation', 'policy'],
  fixable: false,
  docs: {
    summary: 'The file could not be parsed completely.',
    why: 'vpce-lint reads what it can around a syntax error and checks it, but resources inside the broken part are not seen, so other findings may be missing until the error is fixed.',
    fix: 'None: fix the syntax at the reported range.',
    examples: [
      { format: 'terraform', bad: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id = aws_vpc.main.id\n', good: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id = aws_vpc.main.id\n}\n' },
    ],
    references: [],
  },
};

export const UNUSED_SUPPRESSION: RuleMeta = {
  code: 'VPCE002',
  name: 'unused-suppression',
  severity: 'info',
  formats: ['terraform', 'cloudformation'],
  fixable: true,
  docs: {
    summary: 'A `vpce-lint-ignore` comment (or CloudFormation `Metadata` ignore entry) suppresses nothing.',
    why: 'Stale suppressions hide future mistakes on that line. Once the finding they were written for is fixed, they should go.',
    fix: 'Removes the comment.',
    examples: [
      { format: 'terraform', bad: '# vpce-lint-ignore VPCE401 central DNS\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n', good: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' },
    ],
    references: [],
  },
};

export const CONFIG_ERROR: RuleMeta = {
  code: 'VPCE003',
  name: 'invalid-config',
  severity: 'error',
  formats: ['terraform', 'cloudformation', 'policy'],
  fixable: false,
  docs: {
    summary: 'A `.vpce-lint.json` file or a `vpceLint.*` setting is invalid; the defaults apply instead.',
    why: 'A configuration that cannot be read silently changes what is checked. vpce-lint reports it where it is and keeps linting with defaults.',
    fix: 'None: correct the configuration.',
    examples: [
      { format: 'policy-json', bad: '{ "rules": { "VPCE401": "warn" } }', good: '{ "rules": { "VPCE401": "warning" } }' },
    ],
    references: [],
  },
};

export const FILE_SKIPPED: RuleMeta = {
  code: 'VPCE004',
  name: 'file-skipped',
  severity: 'info',
  formats: ['terraform', 'cloudformation', 'policy'],
  fixable: false,
  docs: {
    summary: 'A file was not checked because it is too large or not text.',
    why: 'Files over the size limit (2 MB by default) or containing binary data are skipped so the editor stays responsive; nothing in them is checked.',
    fix: 'None.',
    examples: [],
    references: [],
  },
};

export const INTERNAL_ERROR: RuleMeta = {
  code: 'VPCE005',
  name: 'internal-error',
  severity: 'error',
  formats: ['terraform', 'cloudformation', 'policy'],
  fixable: false,
  docs: {
    summary: 'A rule failed on this file; the other rules still ran.',
    why: 'This is a bug in vpce-lint, not in your code. The message names the rule; please report it with the file.',
    fix: 'None.',
    examples: [],
    references: [],
  },
};

export const ENGINE_DIAGNOSTICS: RuleMeta[] = [SYNTAX_ERROR, UNUSED_SUPPRESSION, CONFIG_ERROR, FILE_SKIPPED, INTERNAL_ERROR];
