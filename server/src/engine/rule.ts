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
  /** Every fix it offers is a suggestion (not `safe`: a human completes or checks it), so runs
   *  that apply or count safe fixes only (--fix, the CLI's reports) need not work them out. */
  suggestionsOnly?: boolean;
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
  /** The scope itself, for fixes (its editor) and for what the context does not offer. Reading it
   *  during a check makes the check's steps opaque: they are re-run on every lint. */
  readonly scope: Scope;
  options: LintOptions;
  /** Resources of one kind in this scope. */
  all(kind: ResourceKind): readonly Resource[];
  /** The resource a value references, when it is a resolvable reference. */
  deref(val: Val | undefined): Resource | undefined;
  /** Resources a list value references: undefined when any item is not a resolvable reference or
   *  the list may be incomplete (rules must then stay silent). */
  derefAll(val: Val | undefined): Resource[] | undefined;
  /** Every policy in the scope, attached or not. */
  policies(): readonly Policy[];
  /** The policies not attached to a resource (standalone, identity, policy data sources). */
  unattachedPolicies(): readonly Policy[];
  /** The resource with this key, if the scope has it. */
  resource(key: string): Resource | undefined;
  /** Every resource of the scope. */
  allResources(): readonly Resource[];
  /** The source text at a location of a resource the check has in hand (not tracked: a resource
   *  is handed back unchanged only while its own text is, so its text is part of it). */
  sourceText(loc: Loc): string | undefined;
  /**
   * Runs `step` for each resource of `kind` (each policy with `eachPolicy`). A step must not
   * depend on another step (no state shared between them other than `memo` values): the runner
   * replays the reports of a step whose resource and whose reads through this context are the
   * same as in the previous lint of the scope (see incremental.ts).
   */
  each(kind: ResourceKind, step: (res: Resource) => void): void;
  eachPolicy(step: (policy: Policy) => void): void;
  /** A value computed at most once per lint (an index over the scope, say) and shared by rules and
   *  steps: each step that uses it depends on it, and it is computed again only when what it read
   *  changed. `compute` must read through the context it is given; `same` (default: identity)
   *  says when a new value equals the old, so that the steps using it need not run again. */
  memo<T>(key: string, compute: (ctx: RuleContext) => T, same?: (a: T, b: T) => boolean): T;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
