// Re-checking only what changed. A rule's check walks resources (or policies) one at a time with
// `ctx.each`; what one such step reads through the context is recorded: the resources it looked
// up by key, which kinds of resource it listed, the policies. On the next lint of the same scope a
// step whose item is the very same object (the front ends hand back the same object for a
// resource whose text and place did not change) and whose reads give the same answers is not run
// again: its reports are replayed. A keystroke inside one endpoint then re-runs the steps about
// that endpoint and those that read something it changed, not every rule over the whole file.
//
// Soundness rests on two things: (1) steps read the scope only through the context (reading
// `ctx.scope` itself makes the step opaque: it is always re-run), and (2) helpers that cache
// something across steps do it with `ctx.memo`, which records what the cached computation read
// into every step that uses it. A property test compares incremental results with fresh ones.
import type { Policy, Resource, ResourceKind, Scope } from './model';
import type { Report, RuleContext } from './rule';
import { sameItems } from './collections';

/** A list read by a step: identified by kind (`policies` for every policy of the scope,
 *  `unattached` for those not attached to a resource, `*` for every resource of the scope). */
type ListName = ResourceKind | 'policies' | 'unattached' | '*';

/** What a step read: a list (by the generation it had), a resource looked up by key, or a memo
 *  value (by its version: a memo recomputed to an equal value keeps its version, so what depends
 *  on it need not run again). */
type Read = { list: ListName; gen: number } | { key: string; res: Resource | undefined } | { memo: string; version: number };

/** How a memo value is computed: from the context it is given (not one it captured, which may
 *  be an earlier lint's). */
export type MemoCompute<T> = (ctx: RuleContext) => T;

interface MemoEntry { value: unknown; version: number; reads: Reads; same: (a: any, b: any) => boolean; compute: MemoCompute<unknown> }

/** One step's reads: `undefined` when it read something untracked. */
type Reads = Read[] | undefined;

interface StepMemo { reads: Read[]; reports: Report[] }

/** What one `ctx.each` call (per rule, in call order) remembers between lints: its items and
 *  their steps side by side (an edit leaves most items where they were, so most are found at the
 *  same index without hashing). */
interface EachMemo { ambient: Read[]; items: readonly object[]; steps: (StepMemo | undefined)[] }

/** What a scope remembers from its previous lint. Kept by the Workspace per scope id. */
export class LintMemo {
  lists = new Map<ListName, { items: readonly object[]; gen: number }>();
  each = new Map<string, EachMemo>();
  memos = new Map<string, MemoEntry>();
  options = '';
}

/** One lint run's view of the scope: generations of its lists and the frames of reads. */
export class Tracker {
  private readonly gens = new Map<ListName, number>();
  private readonly frames: Reads[] = [];
  /** Memo values of this lint. */
  private readonly memos = new Map<string, MemoEntry>();
  private readonly nextEach = new Map<string, EachMemo>();
  /** The context memo values are computed with: the rule being run's. */
  ctx?: RuleContext;

  /** `memo` undefined: a one-shot lint (the CLI) that keeps nothing for a next one, so records
   *  nothing either. */
  constructor(private readonly scope: Scope, byKind: Map<string, readonly Resource[]>,
    readonly allPolicies: readonly Policy[], private readonly memo: LintMemo | undefined) {
    if (!memo) return;
    const next = new Map<ListName, { items: readonly object[]; gen: number }>();
    const note = (name: ListName, items: readonly object[]) => {
      const before = memo.lists.get(name);
      const gen = before && sameItems(before.items, items) ? before.gen : (before?.gen ?? 0) + 1;
      next.set(name, { items, gen });
      this.gens.set(name, gen);
    };
    for (const [kind, list] of byKind) note(kind as ResourceKind, list);
    note('policies', allPolicies);
    note('unattached', scope.policies);
    note('*', scope.resources);
    // A kind that had resources before and has none now must change generation too.
    for (const name of memo.lists.keys()) if (!next.has(name)) note(name, []);
    memo.lists = next;
  }

  private record(read: Read): void {
    const top = this.frames[this.frames.length - 1];
    if (top) top.push(read);
  }

  /** Something untracked was read: what is being run cannot be replayed (nor can what uses it:
   *  see merge). */
  opaque(): void {
    if (this.frames.length) this.frames[this.frames.length - 1] = undefined;
  }

  list(name: ListName): void {
    if (this.frames.length) this.record({ list: name, gen: this.gens.get(name) ?? 0 });
  }

  lookup(key: string): Resource | undefined {
    const res = this.scope.byKey.get(key);
    if (this.frames.length) this.record({ key, res });
    return res;
  }

  private valid(reads: readonly Read[]): boolean {
    for (const r of reads) {
      if ('list' in r) {
        if ((this.gens.get(r.list) ?? 0) !== r.gen) return false;
      } else if ('key' in r) {
        if (this.scope.byKey.get(r.key) !== r.res) return false;
      } else if (this.current(r.memo)?.version !== r.version) {
        return false;
      }
    }
    return true;
  }

  /** A memo's entry for this lint: the previous lint's when what it read is unchanged, else
   *  computed again (with `compute` when given, else the previous lint's function). */
  private current(key: string, compute?: MemoCompute<unknown>, same?: (a: any, b: any) => boolean): MemoEntry | undefined {
    const now = this.memos.get(key);
    if (now) return now;
    const before = this.memo?.memos.get(key);
    if (before && before.reads !== undefined && this.valid(before.reads)) {
      this.memos.set(key, before);
      return before;
    }
    const fn = compute ?? before?.compute;
    if (!fn) return undefined;
    const { value, reads } = this.framed(() => fn(this.ctx!), false);
    const version = before && before.same(before.value, value) ? before.version : (before?.version ?? 0) + 1;
    const entry: MemoEntry = { value, version, reads, same: same ?? before?.same ?? Object.is, compute: fn };
    this.memos.set(key, entry);
    return entry;
  }

  /** Runs `fn` in a frame of its own; returns what it read (undefined: something untracked).
   *  With `merge`, what it read counts as read by the frame around it too. */
  private framed<T>(fn: () => T, merge: boolean): { value: T; reads: Reads } {
    this.frames.push([]);
    let reads: Reads;
    try {
      const value = fn();
      reads = this.frames[this.frames.length - 1];
      return { value, reads };
    } finally {
      reads = this.frames.pop();
      if (merge) this.merge(reads);
    }
  }

  private merge(reads: Reads): void {
    if (!this.frames.length) return;
    if (reads === undefined) { this.opaque(); return; }
    const top = this.frames[this.frames.length - 1];
    if (top) for (const r of reads) top.push(r);
  }

  /** A value computed at most once per lint and shared by rules and steps. It is computed again
   *  only when what it read changed; when the new value is the `same` as the old, its version
   *  stays and the steps that used it stay valid. */
  memoize<T>(key: string, compute: MemoCompute<T>, same: (a: T, b: T) => boolean = Object.is): T {
    const entry = this.current(key, compute, same)!;
    if (this.frames.length) {
      if (entry.reads === undefined) this.opaque();
      else this.record({ memo: key, version: entry.version });
    }
    return entry.value as T;
  }

  /** Runs a rule's check: what it reads outside its steps applies to all of them. */
  check(fn: () => void): void {
    if (this.memo) this.framed(fn, false);
    else fn();
  }

  /** Runs one `ctx.each` call: `run` per item, except for items whose step read the same as in
   *  the previous lint (and whose rule read the same before the call): their reports are
   *  `replay`ed. `run` returns the step's reports. */
  each<T extends object>(slot: string, items: readonly T[], run: (item: T) => Report[], replay: (reports: readonly Report[], item: T) => void): void {
    // Steps are independent of each other: what one reads is not the others' (nor the rule's).
    if (!this.memo) {
      for (const item of items) run(item);
      return;
    }
    const top = this.frames[this.frames.length - 1];
    const ambient = top && [...top];
    const before = this.memo.each.get(slot);
    // The rule's own reads before this call decided what the steps see of it (its variables).
    const replayable = ambient !== undefined && before !== undefined && this.valid(before.ambient);
    let byItem: Map<object, StepMemo | undefined> | undefined;
    let misses = 0;
    const memoOf = (item: T, i: number): StepMemo | undefined => {
      if (!replayable) return undefined;
      if (before.items[i] === item) return before.steps[i];
      // An edit changes one item or a few (a new object, found nowhere): a search each is cheaper
      // than indexing every item; items that moved in numbers get the index.
      if (++misses <= 4) {
        const j = before.items.lastIndexOf(item);
        return j < 0 ? undefined : before.steps[j];
      }
      byItem ??= new Map(before.items.map((x, j) => [x, before.steps[j]]));
      return byItem.get(item);
    };
    const steps: (StepMemo | undefined)[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const memo = memoOf(item, i);
      if (memo && this.valid(memo.reads)) {
        replay(memo.reports, item);
        steps[i] = memo;
        continue;
      }
      const { value: found, reads } = this.framed(() => run(item), false);
      // Reports are kept without their fix functions, which hold this lint's scope.
      if (reads !== undefined) steps[i] = { reads, reports: found.map(withoutFixes) };
    }
    if (ambient !== undefined) this.nextEach.set(slot, { ambient, items, steps });
  }

  /** Hands what this lint learnt to the next one. */
  commit(options: string): void {
    if (!this.memo) return;
    this.memo.each = this.nextEach;
    this.memo.memos = this.memos;
    this.memo.options = options;
  }
}

/** A report without its fix functions; an empty list stands for "it had fixes" (they are worked
 *  out again when a replay of it is asked for them). */
function withoutFixes(r: Report): Report {
  const { fixes, ...rest } = r;
  return fixes ? { ...rest, fixes: [] } : rest;
}
