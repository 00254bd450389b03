// Turns a JSON-shaped value tree (from JSON text, jsonencode(...), YAML) into the Policy model.
// Whatever cannot be read marks its statement incomplete, so rules stay silent rather than guess.
import type { Condition, ObjVal, Policy, PolicyKind, Statement, StrVal, Val } from '../model';

/** The value of the last entry named `key` (JSON duplicates: the last one wins). */
export function entryOf(obj: ObjVal, key: string): Val | undefined {
  for (let i = obj.entries.length - 1; i >= 0; i--) {
    if (obj.entries[i].key === key) return obj.entries[i].value;
  }
  return undefined;
}

export function policyFromVal(val: Val, kind: PolicyKind, syntax: Policy['syntax'], owner?: string): Policy | undefined {
  if (val.t !== 'obj') return undefined;
  const stmtVal = entryOf(val, 'Statement');
  if (!stmtVal) return undefined;
  const statements: Statement[] = [];
  if (stmtVal.t === 'list') {
    for (const item of stmtVal.items) statements.push(statementFromVal(item));
    // More statements may exist than we can see: one incomplete placeholder says so.
    if (!stmtVal.complete) statements.push(unreadable(stmtVal));
  } else {
    statements.push(statementFromVal(stmtVal));
  }
  return { kind, owner, loc: val.loc, statements, doc: val, syntax };
}

function unreadable(val: Val): Statement {
  return { loc: val.loc, actions: [], resources: [], conditions: [], complete: false };
}

function statementFromVal(val: Val): Statement {
  if (val.t !== 'obj') return unreadable(val);
  const stmt: Statement = { loc: val.loc, actions: [], resources: [], conditions: [], complete: true };
  const incomplete = () => { stmt.complete = false; };
  const str = (v: Val | undefined): StrVal | undefined => {
    if (v === undefined) return undefined;
    if (v.t === 'str') return v;
    incomplete();
    return undefined;
  };
  stmt.sid = str(entryOf(val, 'Sid'));
  stmt.effect = str(entryOf(val, 'Effect'));
  const principal = entryOf(val, 'Principal');
  if (principal) stmt.principals = principalOf(principal, incomplete);
  const notPrincipal = entryOf(val, 'NotPrincipal');
  if (notPrincipal) stmt.notPrincipals = principalOf(notPrincipal, incomplete);
  stmt.actions = strList(entryOf(val, 'Action'), incomplete);
  const notActions = entryOf(val, 'NotAction');
  if (notActions) stmt.notActions = strList(notActions, incomplete);
  stmt.resources = strList(entryOf(val, 'Resource'), incomplete);
  const notResources = entryOf(val, 'NotResource');
  if (notResources) stmt.notResources = strList(notResources, incomplete);
  const condition = entryOf(val, 'Condition');
  if (condition) stmt.conditions = conditionsOf(condition, incomplete);
  return stmt;
}

/** `"*"` and `{"AWS": "*"}` mean the same (everyone); both become the single str "*". */
function principalOf(val: Val, incomplete: () => void): Val {
  if (val.t === 'obj' && val.entries.length === 1 && val.entries[0].key === 'AWS') {
    const aws = val.entries[0].value;
    if (aws.t === 'str' && aws.v === '*') return aws;
    if (aws.t === 'list' && aws.complete && aws.items.length === 1 && aws.items[0].t === 'str' && aws.items[0].v === '*') {
      return aws.items[0];
    }
  }
  if (!isReadable(val)) incomplete();
  return val;
}

function isReadable(val: Val): boolean {
  switch (val.t) {
    case 'unknown': return false;
    case 'list': return val.complete && val.items.every(isReadable);
    case 'obj': return val.entries.every((e) => isReadable(e.value));
    default: return true;
  }
}

function strList(val: Val | undefined, incomplete: () => void): StrVal[] {
  if (val === undefined) return [];
  if (val.t === 'str') return [val];
  if (val.t !== 'list') {
    incomplete();
    return [];
  }
  if (!val.complete) incomplete();
  const out: StrVal[] = [];
  for (const item of val.items) {
    if (item.t === 'str') out.push(item);
    else incomplete();
  }
  return out;
}

function conditionsOf(val: Val, incomplete: () => void): Condition[] {
  if (val.t !== 'obj') {
    incomplete();
    return [];
  }
  const out: Condition[] = [];
  for (const op of val.entries) {
    if (op.value.t !== 'obj') {
      incomplete();
      continue;
    }
    for (const k of op.value.entries) {
      let values: Val[];
      if (k.value.t === 'list') {
        if (!k.value.complete) incomplete();
        values = k.value.items;
      } else {
        values = [k.value];
      }
      if (!values.every(isReadable)) incomplete();
      out.push({ operator: op.key, operatorLoc: op.keyLoc, key: k.key, keyLoc: k.keyLoc, values });
    }
  }
  return out;
}
