// What a rule is, what it sees, and what it reports. One rule is one file in rules/.
import type { Format, Loc, Resource, ResourceKind, Scope, TextEdit, Val, Policy } from './model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleExample {
  format: 'terraform' | 'cloudformation-yaml' | 'cloudformation-json' | 'policy-json';
  bad: string;
  good: string;
}

export interface RuleDocs {
  /** One sentence: what it finds. */
  summary: string;
  /** Why it matters: the AWS behaviour behind it. Markdown. */
  why: string;
  /** What the quick fix does, or why there is none. */
  fix: string;
  examples: RuleExample[];
  /** AWS documentation the rule rests on. */
  references: string[];
}

export interface RuleMeta {
  code: string;
  name: string;
  severity: Severity;
  formats: Format[];
  /** Whether the rule offers fixes (the catalog's "quick fix" column). */
  fixable: boolean;
  docs: RuleDocs;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix for the finding (LSP isPreferred). */
  preferred?: boolean;
  /** Safe to apply unattended (`--fix`, fix-all, fix-on-save). Fixes that insert placeholders
   *  a human must fill in are not safe. */
  safe: boolean;
}

export interface RelatedInfo { loc: Loc; message: string }

export interface Report {
  loc: Loc;
  message: string;
  related?: RelatedInfo[];
  /** The fixes, or a function computing them: fixes are built only when someone asks (a code
   *  action, --fix), not on every keystroke. The function must not depend on state that changes
   *  after the check returns. */
  fixes?: Fix[] | (() => Fix[]);
  /** Lowers the rule's default severity for this finding (VPCE503's ec2messages is info). */
  severity?: Severity;
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface LintOptions {
  /** Region assumed for CloudFormation templates (`--region`); otherwise the deployment region is
   *  unknown but consistent. */
  cloudFormationRegion?: string;
}

export interface RuleContext {
  scope: Scope;
  options: LintOptions;
  /** Resources of one kind in this scope. */
  all(kind: ResourceKind): Resource[];
  /** The resource a value references, when it is a resolvable reference. */
  deref(val: Val | undefined): Resource | undefined;
  /** Resources a list value references: undefined when any item is not a resolvable reference or
   *  the list may be incomplete (rules must then stay silent). */
  derefAll(val: Val | undefined): Resource[] | undefined;
  /** Every policy in the scope, attached or not. */
  policies(): Policy[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
