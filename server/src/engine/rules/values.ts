// Reading property values: known strings and booleans, references, empty lists, where a value was set.
import type { Loc, StrVal, Val } from '../model';

export function str(val: Val | undefined): StrVal | undefined {
  return val?.t === 'str' ? val : undefined;
}

/** The known string value of a property, or undefined when absent or not resolvable. */
export function strValue(val: Val | undefined): string | undefined {
  return val?.t === 'str' ? val.v : undefined;
}

/** true/false when known; string "true"/"false" count (CloudFormation allows both). */
export function boolValue(val: Val | undefined): boolean | undefined {
  if (val?.t === 'bool') return val.v;
  if (val?.t === 'str' && val.v !== undefined) {
    const v = val.v.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** The key of the resource a value references (any attribute), when it is a reference. */
export function refKey(val: Val | undefined): string | undefined {
  return val?.t === 'ref' ? val.target : undefined;
}

/** An association list that is written and known to be empty (`route_table_ids = []`). */
export function emptyList(val: Val | undefined): boolean {
  return val?.t === 'list' && val.complete && val.items.length === 0;
}

/** Where a value was set when it was not written at its use (a variable or parameter default). */
export function originOf(val: Val | undefined): Loc | undefined {
  return val && 'origin' in val ? val.origin : undefined;
}
