// Policy documents written in Terraform: `jsonencode({...})` objects, heredoc JSON, and
// `data.aws_iam_policy_document` statements.
import { parseJsonToVal } from '../json';
import type { Condition, Loc, ParseProblem, Policy, PolicyKind, Statement, StrPart, StrVal, Val } from '../model';
import { policyFromVal } from '../policy/fromVal';
import { LineIndex } from '../text';
import { attrOf, blocksOf, type Block } from './ast';
import type { Evaluator, HeredocSource, PolicyDocumentRef } from './eval';
import type { ModuleIndex } from './module';
import { at, isNull, scalarString, tagOf } from './vals';

export class PolicyReader {
  /** Documents some resource's policy argument points at (the rest are standalone). */
  readonly usedDocuments = new Set<string>();
  readonly problems: ParseProblem[] = [];
  private readonly reportedHeredocs = new Set<string>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** Documents used inside the current `track`. */
  private tracked?: Set<string>;

  constructor(private readonly mod: ModuleIndex, private readonly ev: Evaluator, private readonly texts: Map<string, string>) {}

  /** The policy a `policy` argument's value holds, when it can be read. */
  fromValue(val: Val, kind: PolicyKind, owner: string): Policy | undefined {
    if (val.t === 'obj') return policyFromVal(val, kind, 'hcl-object', owner);
    const tag = tagOf(val) as Partial<HeredocSource & PolicyDocumentRef> | undefined;
    if (tag?.document) {
      this.usedDocuments.add(tag.document);
      this.tracked?.add(tag.document);
      return this.fromDocument(tag.document, kind, owner);
    }
    if (tag?.heredoc && tag.env) return this.fromHeredoc(tag as HeredocSource, kind, owner);
    return undefined;
  }

  /** Runs `read` and says what it read: the documents it used and the problems it reported, so
   *  that a later build can `replay` them instead of reading the same block again. */
  track<T>(read: () => T): { value: T; documents: string[]; problems: ParseProblem[] } {
    const outer = this.tracked;
    const first = this.problems.length;
    const documents = new Set<string>();
    this.tracked = documents;
    try {
      const value = read();
      return { value, documents: [...documents], problems: this.problems.slice(first) };
    } finally {
      this.tracked = outer;
    }
  }

  replay(documents: readonly string[], problems: readonly ParseProblem[]): void {
    for (const d of documents) this.usedDocuments.add(d);
    this.problems.push(...problems);
  }

  private fromHeredoc(src: HeredocSource, kind: PolicyKind, owner: string): Policy | undefined {
    const { heredoc, env } = src;
    const text = this.texts.get(env.file);
    if (text === undefined || !heredoc.heredoc) return undefined;
    const lines = this.linesOf(env.file, text);
    const body = text.slice(lines.offsetAt(heredoc.heredoc.body.start), lines.offsetAt(heredoc.heredoc.body.end));
    const { val, problems } = parseJsonToVal(body, env.file, heredoc.heredoc.body.start);
    const templated = heredoc.parts.some((p) => !('text' in p));
    const key = `${env.file}:${heredoc.range.start.line}:${heredoc.range.start.character}`;
    // With interpolations the JSON text is not final; only plain JSON errors are the user's.
    if (!templated && !this.reportedHeredocs.has(key)) {
      this.reportedHeredocs.add(key);
      this.problems.push(...problems);
    }
    if (!val) return undefined;
    const resolved = templated ? this.interpolate(val, src, text, lines) : val;
    const policy = policyFromVal(resolved, kind, 'json', owner);
    if (policy && templated && problems.length) for (const s of policy.statements) s.complete = false;
    return policy;
  }

  /** JSON strings holding `${...}` get the template's parts, resolved. */
  private interpolate(val: Val, src: HeredocSource, text: string, lines: LineIndex): Val {
    const walk = (v: Val): Val => {
      if (v.t === 'list') return { ...v, items: v.items.map(walk) };
      if (v.t === 'obj') return { ...v, entries: v.entries.map((e) => ({ ...e, value: walk(e.value) })) };
      if (v.t !== 'str' || v.parts.length !== 1) return v;
      return this.spliceTemplate(v, src, text, lines) ?? v;
    };
    return walk(val);
  }

  private spliceTemplate(v: StrVal, src: HeredocSource, text: string, lines: LineIndex): StrVal | undefined {
    const content = v.parts[0].loc.range;
    const cs = lines.offsetAt(content.start);
    const ce = lines.offsetAt(content.end);
    const inside = src.heredoc.parts.filter((p) => {
      const s = lines.offsetAt(p.range.start);
      const e = lines.offsetAt(p.range.end);
      return e > cs && s < ce;
    });
    if (!inside.some((p) => !('text' in p))) return undefined;
    const parts: StrPart[] = [];
    for (const p of inside) {
      const s = Math.max(cs, lines.offsetAt(p.range.start));
      const e = Math.min(ce, lines.offsetAt(p.range.end));
      const loc = at(src.env.file, { start: lines.positionAt(s), end: lines.positionAt(e) });
      if ('text' in p) {
        const raw = text.slice(s, e);
        const value = jsonUnescape(raw);
        parts.push(value === undefined ? { loc } : { text: value, value, loc });
      } else if ('directive' in p) parts.push({ expr: p.directive, loc });
      else {
        const val = this.ev.eval(p.expr, src.env);
        const value = scalarString(val);
        parts.push(value === undefined ? { expr: p.src, loc } : { expr: p.src, value, loc });
      }
    }
    const out: StrVal = { t: 'str', parts, loc: v.loc };
    if (parts.every((p) => p.value !== undefined)) out.v = parts.map((p) => p.value).join('');
    return out;
  }

  /** A `data "aws_iam_policy_document"`, read from its statement blocks. */
  fromDocument(key: string, kind: PolicyKind, owner?: string): Policy | undefined {
    const decl = this.mod.data.get(key);
    if (!decl) return undefined;
    const env = { file: decl.file };
    const statements = blocksOf(decl.node, 'statement').map((s) => this.statement(s, decl.file));
    // Statements generated by `dynamic` blocks or merged from other documents are not visible.
    const hidden = decl.node.blocks.some((b) => b.type === 'dynamic')
      || !!attrOf(decl.node, 'source_policy_documents') || !!attrOf(decl.node, 'override_policy_documents')
      || !!attrOf(decl.node, 'source_json') || !!attrOf(decl.node, 'override_json');
    if (hidden) statements.push({ loc: at(env.file, decl.node.range), actions: [], resources: [], conditions: [], complete: false });
    return { kind, owner, loc: at(decl.file, decl.node.range), statements, syntax: 'iam-policy-document' };
  }

  private statement(s: Block, file: string): Statement {
    const env = { file };
    const stmt: Statement = { loc: at(file, s.range), actions: [], resources: [], conditions: [], complete: true };
    const incomplete = () => { stmt.complete = false; };
    const strAttr = (name: string): StrVal | undefined => {
      const a = attrOf(s, name);
      if (!a) return undefined;
      const v = this.ev.eval(a.value, env);
      if (v.t === 'str') return v;
      incomplete();
      return undefined;
    };
    const strList = (name: string): StrVal[] | undefined => {
      const a = attrOf(s, name);
      if (!a) return undefined;
      return this.strItems(this.ev.eval(a.value, env), incomplete);
    };
    stmt.sid = strAttr('sid');
    // The data source's effect defaults to Allow; the default has no text of its own.
    stmt.effect = strAttr('effect') ?? (attrOf(s, 'effect') ? undefined : { t: 'str', v: 'Allow', parts: [], loc: at(file, s.typeRange) });
    stmt.actions = strList('actions') ?? [];
    const notActions = strList('not_actions');
    if (notActions) stmt.notActions = notActions;
    stmt.resources = strList('resources') ?? [];
    const notResources = strList('not_resources');
    if (notResources) stmt.notResources = notResources;
    const principals = this.principals(blocksOf(s, 'principals'), file, incomplete);
    if (principals) stmt.principals = principals;
    const notPrincipals = this.principals(blocksOf(s, 'not_principals'), file, incomplete);
    if (notPrincipals) stmt.notPrincipals = notPrincipals;
    for (const c of blocksOf(s, 'condition')) {
      const cond = this.condition(c, file);
      if (cond) stmt.conditions.push(cond);
      else incomplete();
    }
    if (s.blocks.some((b) => b.type === 'dynamic')) incomplete();
    return stmt;
  }

  /** `principals { type = "AWS" identifiers = [...] }` blocks as the JSON shape
   *  `{ "AWS": [...] }`; type "*" with identifiers ["*"] (or AWS ["*"]) is the single str "*". */
  private principals(blocks: Block[], file: string, incomplete: () => void): Val | undefined {
    if (!blocks.length) return undefined;
    const env = { file };
    const entries: { key: string; keyLoc: Loc; value: Val }[] = [];
    for (const b of blocks) {
      const typeAttr = attrOf(b, 'type');
      const idsAttr = attrOf(b, 'identifiers');
      const type = typeAttr && this.ev.eval(typeAttr.value, env);
      const ids = idsAttr && this.ev.eval(idsAttr.value, env);
      if (type?.t !== 'str' || type.v === undefined || !ids) { incomplete(); continue; }
      const items = this.strItems(ids, incomplete);
      if ((type.v === '*' || type.v === 'AWS') && items.length === 1 && items[0].v === '*' && blocks.length === 1) return items[0];
      entries.push({ key: type.v, keyLoc: type.parts[0]?.loc ?? type.loc, value: ids });
    }
    return { t: 'obj', entries, loc: at(file, { start: blocks[0].range.start, end: blocks[blocks.length - 1].range.end }) };
  }

  /** A string or list of strings. An item whose value is not known (`aws_s3_bucket.b.arn`) is
   *  kept as a string without value: the statement was read, one value is unknown. Only a list
   *  whose length is unknown, or an item that is not a string, makes the statement incomplete. */
  private strItems(v: Val, incomplete: () => void): StrVal[] {
    if (v.t === 'str') return [v];
    if (v.t !== 'list') { incomplete(); return []; }
    if (!v.complete) incomplete();
    const out: StrVal[] = [];
    for (const i of v.items) {
      if (i.t === 'str') out.push(i);
      else if (i.t === 'ref' || (i.t === 'unknown' && !isNull(i))) out.push(this.unknownStr(i));
      else incomplete();
    }
    return out;
  }

  private unknownStr(val: Val): StrVal {
    const expr = this.sourceAt(val.loc) ?? (val.t === 'ref' ? [val.target, val.attr].filter(Boolean).join('.') : '?');
    return { t: 'str', parts: [{ expr, loc: val.loc }], loc: val.loc };
  }

  private sourceAt(loc: Loc): string | undefined {
    const text = this.texts.get(loc.file);
    if (text === undefined) return undefined;
    const lines = this.linesOf(loc.file, text);
    return text.slice(lines.offsetAt(loc.range.start), lines.offsetAt(loc.range.end));
  }

  /** One line index per file, not one per policy read from it. */
  private linesOf(file: string, text: string): LineIndex {
    let lines = this.lineIndexes.get(file);
    if (!lines) this.lineIndexes.set(file, lines = new LineIndex(text));
    return lines;
  }

  private condition(c: Block, file: string): Condition | undefined {
    const env = { file };
    const test = attrOf(c, 'test');
    const variable = attrOf(c, 'variable');
    const values = attrOf(c, 'values');
    const op = test && this.ev.eval(test.value, env);
    const key = variable && this.ev.eval(variable.value, env);
    if (op?.t !== 'str' || op.v === undefined || key?.t !== 'str' || key.v === undefined || !values) return undefined;
    const vals = this.ev.eval(values.value, env);
    return {
      operator: op.v, operatorLoc: op.parts[0]?.loc ?? op.loc,
      key: key.v, keyLoc: key.parts[0]?.loc ?? key.loc,
      values: vals.t === 'list' ? vals.items : [vals],
    };
  }
}

function jsonUnescape(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}
