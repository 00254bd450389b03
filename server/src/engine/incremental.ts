// Re-checking only what changed. A rule's check walks resources (or policies) one at a time with
// `ctx.each`; what one such step reads through the context is recorded: the resources it looked
// up by key, which kinds of resource it listed, the memo values it used. On the next lint of the
// same scope a step whose item is the very same object (the front ends hand back the same object
// for a resource whose text and place did not change) and whose reads give the same answers is
// not run again: its reports are replayed. A keystroke inside one endpoint then re-runs the steps
// about that endpoint and those that read something it changed, not every rule over the whole file.
//
// What a step read is not compared again step by step (a 5,000-line file has some 10,000 steps
// and 30,000 reads): each kept step is filed under the keys and lists it read, and a lint starts by
// finding the keys and lists that changed and marking the steps filed under them as stale. Memo
// values, few per step, are compared by version.
//
// Soundness rests on two things: (1) steps read the scope only through the context (reading
// `ctx.scope` itself makes the step opaque: it is always re-run), and (2) helpers that cache
// something across steps do it with `ctx.memo`, which records what the cached computation read
// into every step that uses it. A property test compares incremental results with fresh ones.
import type { Policy, Resource, ResourceKind, Scope } from './model';
import type { Report, RuleContext } from './rule';

/** A list read by a step: identified by kind (`policies` for every policy of the scope,
 *  `unattached` for those not attached to a resource, `*` for every resource of the scope). */
export type ListName = ResourceKind | 'policies' | 'unattached' | '*';

/** A memo value read, by its version: a memo recomputed to an equal value keeps its version, so
 *  what depends on it need not run again. `id` finds this lint's entry without hashing the key
 *  (each of ~10,000 kept steps checks its reads on every keystroke). */
interface MemoRead { id: number; version: number }

/** What one frame (a step, a memo computation, a rule's check) read; undefined once it read
 *  something untracked. */
type Frame = { keys: string[]; lists: ListName[]; memos: MemoRead[] } | undefined;

/** A result kept between lints: stale in the lint that found a key or list it read changed, dead
 *  once nothing keeps it any more (then dropped from the index when convenient). A step's node
 *  knows the `ctx.each` call that keeps it, which hears of it going stale. */
interface Node { memoReads: MemoRead[]; staleIn: number; dead: boolean; owner?: EachMemo }

/** How a memo value is computed: from the context it is given (not one it captured, which may
 *  be an earlier lint's). */
export type MemoCompute<T> = (ctx: RuleContext) => T;

/** A memo value; an opaque one (it read something untracked) is computed again by every lint. */
interface MemoEntry extends Node { value: unknown; version: number; opaque: boolean; same: (a: any, b: any) => boolean; compute: MemoCompute<unknown> }

/** A step's result: its reports, and its place in the `ctx.each` call that keeps it. */
interface StepMemo extends Node { reports: Report[]; keptIn: number; index: number }

/** What one `ctx.each` call (per rule, in call order) remembers between lints: what the rule read
 *  before it, the scope list it walked, its items and their steps side by side (an edit leaves
 *  most items where they were, so most are found at the same index without hashing), which steps
 *  reported, the memo values its steps read (one version each: all were checked in the same lint),
 *  whether every item has a kept step, and the steps found stale in lint `staleIn`. */
interface EachMemo {
  ambient: Node;
  list: ListName | undefined;
  items: readonly object[];
  steps: (StepMemo | undefined)[];
  reporting: number[];
  reads: MemoRead[];
  complete: boolean;
  stale: StepMemo[];
  staleIn: number;
}

const NO_STEPS: StepMemo[] = [];

const DROPPED: MemoCompute<unknown> = () => undefined;

/** Kept results by what they read (a resource key, a list name), to be marked stale when that
 *  changes. */
class Dependents {
  private readonly byName = new Map<string, { nodes: Node[]; compacted: number }>();

  add(name: string, node: Node): void {
    let entry = this.byName.get(name);
    if (!entry) this.byName.set(name, entry = { nodes: [], compacted: 0 });
    const { nodes } = entry;
    if (nodes[nodes.length - 1] === node) return;
    nodes.push(node);
    // Dead nodes are dropped once they could make up half the list: amortised constant time.
    if (nodes.length > 2 * entry.compacted + 16) {
      entry.nodes = nodes.filter((n) => !n.dead);
      entry.compacted = entry.nodes.length;
    }
  }

  markStale(name: string, lint: number): void {
    const entry = this.byName.get(name);
    if (!entry) return;
    const { nodes } = entry;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      n.staleIn = lint;
      const owner = n.owner;
      if (!owner || n.dead) continue;
      if (owner.staleIn !== lint) {
        owner.staleIn = lint;
        owner.stale = [];
      }
      owner.stale.push(n as StepMemo);
    }
  }
}

/** What a scope remembers from its previous lint. Kept by the Workspace per scope id. */
export class LintMemo {
  /** The scope's lists when last linted. */
  lists = new Map<ListName, readonly object[]>();
  /** The scope's resources by key when last linted. */
  byKey?: ReadonlyMap<string, Resource>;
  each = new Map<string, EachMemo>();
  memos = new Map<string, MemoEntry>();
  /** A number per memo key, for `MemoRead.id`, and the key of each number. */
  readonly memoIds = new Map<string, number>();
  readonly memoKeys: string[] = [];
  byKeyRead = new Dependents();
  byListRead = new Dependents();
  /** The last lint's diagnostics by report, for the next lint to hand out again (lint.ts). */
  diagnostics: ReadonlyMap<Report, unknown> = new Map();
  options = '';
  lints = 0;
}

/** One lint run's view of the scope: what changed since the previous lint, and the frames of reads. */
export class Tracker {
  private readonly lists = new Map<ListName, readonly object[]>();
  /** Per list, the places whose item is not the previous lint's (none: the same list); no entry
   *  when the list has another length or was not there before. */
  private readonly changedPlaces = new Map<ListName, readonly number[]>();
  private readonly frames: Frame[] = [];
  /** Memo values of this lint, by key and by the key's number. */
  private readonly memos = new Map<string, MemoEntry>();
  private readonly memosById: (MemoEntry | undefined)[] = [];
  private readonly nextEach = new Map<string, EachMemo>();
  private readonly lint: number = 0;
  /** The context memo values are computed with: the rule being run's. */
  ctx?: RuleContext;

  /** `memo` undefined: a one-shot lint (the CLI) that keeps nothing for a next one, so records
   *  nothing either. */
  constructor(private readonly scope: Scope, byKind: Map<string, readonly Resource[]>,
    readonly allPolicies: readonly Policy[], private readonly memo: LintMemo | undefined, options = '') {
    if (!memo) return;
    if (memo.options !== options) {
      memo.each.clear();
      memo.memos.clear();
      memo.byKeyRead = new Dependents();
      memo.byListRead = new Dependents();
      memo.options = options;
    }
    this.lint = ++memo.lints;
    const note = (name: ListName, items: readonly object[]) => {
      const before = memo.lists.get(name);
      this.lists.set(name, items);
      const places = before && placesChanged(before, items);
      if (places) this.changedPlaces.set(name, places);
      if (!places || places.length) memo.byListRead.markStale(name, this.lint);
    };
    for (const [kind, list] of byKind) note(kind as ResourceKind, list);
    note('policies', allPolicies);
    note('unattached', scope.policies);
    note('*', scope.resources);
    // A kind that had resources before and has none now changed too.
    for (const name of memo.lists.keys()) if (!this.lists.has(name)) note(name, []);
    const before = memo.byKey;
    if (before && before !== scope.byKey) {
      scope.byKey.forEach((res, key) => { if (before.get(key) !== res) memo.byKeyRead.markStale(key, this.lint); });
      before.forEach((_, key) => { if (!scope.byKey.has(key)) memo.byKeyRead.markStale(key, this.lint); });
    }
  }

  /** Opaque: what is being run read something untracked and cannot be replayed. */
  opaque(): void {
    if (this.frames.length) this.frames[this.frames.length - 1] = undefined;
  }

  list(name: ListName): void {
    const top = this.frames[this.frames.length - 1];
    if (top) top.lists.push(name);
  }

  lookup(key: string): Resource | undefined {
    const top = this.frames[this.frames.length - 1];
    if (top) top.keys.push(key);
    return this.scope.byKey.get(key);
  }

  /** Whether a kept result still holds: nothing it read changed. */
  private holds(node: Node): boolean {
    return node.staleIn !== this.lint && this.memosHold(node.memoReads);
  }

  /** Whether memo values read are at the versions they were read at. */
  private memosHold(reads: readonly MemoRead[]): boolean {
    for (let i = 0; i < reads.length; i++) {
      const read = reads[i];
      if ((this.memosById[read.id] ?? this.current(this.memo!.memoKeys[read.id]))?.version !== read.version) return false;
    }
    return true;
  }

  /** Files a new result under what it read. */
  private keep(node: Node, frame: NonNullable<Frame>): void {
    const { byKeyRead, byListRead } = this.memo!;
    for (const key of frame.keys) byKeyRead.add(key, node);
    for (const list of frame.lists) byListRead.add(list, node);
  }

  /** A memo's entry for this lint: the previous lint's when what it read is unchanged, else
   *  computed again (with `compute` when given, else the previous lint's function). */
  private current(key: string, compute?: MemoCompute<unknown>, same?: (a: any, b: any) => boolean): MemoEntry | undefined {
    const now = this.memos.get(key);
    if (now) return now;
    const before = this.memo?.memos.get(key);
    if (before && !before.opaque && this.holds(before)) {
      // The function of this lint from now on: one kept from an earlier lint would keep that
      // lint's scope alive through what it closes over.
      if (compute) before.compute = compute;
      this.remember(key, before);
      return before;
    }
    const fn = compute ?? before?.compute;
    if (!fn) return undefined;
    const { value, frame } = this.framed(() => fn(this.ctx!));
    const version = before && before.same(before.value, value) ? before.version : (before?.version ?? 0) + 1;
    const entry: MemoEntry = {
      value, version, opaque: !frame, same: same ?? before?.same ?? Object.is, compute: fn,
      memoReads: frame?.memos ?? [], staleIn: 0, dead: false,
    };
    if (frame && this.memo) this.keep(entry, frame);
    this.remember(key, entry);
    return entry;
  }

  private remember(key: string, entry: MemoEntry): void {
    this.memos.set(key, entry);
    if (this.memo) this.memosById[this.idOf(key)] = entry;
  }

  private idOf(key: string): number {
    const { memoIds, memoKeys } = this.memo!;
    let id = memoIds.get(key);
    if (id === undefined) {
      memoIds.set(key, id = memoKeys.length);
      memoKeys.push(key);
    }
    return id;
  }

  /** Runs `fn` in a frame of its own; returns what it read (undefined: something untracked). */
  private framed<T>(fn: () => T): { value: T; frame: Frame } {
    this.frames.push({ keys: [], lists: [], memos: [] });
    try {
      const value = fn();
      return { value, frame: this.frames[this.frames.length - 1] };
    } finally {
      this.frames.pop();
    }
  }

  /** A value computed at most once per lint and shared by rules and steps. It is computed again
   *  only when what it read changed; when the new value is the `same` as the old, its version
   *  stays and the steps that used it stay valid. */
  memoize<T>(key: string, compute: MemoCompute<T>, same: (a: T, b: T) => boolean = Object.is): T {
    const entry = this.current(key, compute, same)!;
    // Reads are recorded for a next lint only (a one-shot lint still frames memo computations).
    const top = this.memo && this.frames[this.frames.length - 1];
    if (top) {
      if (entry.opaque) this.opaque();
      else top.memos.push({ id: this.idOf(key), version: entry.version });
    }
    return entry.value as T;
  }

  /** Runs a rule's check: what it reads outside its steps applies to all of them. */
  check(fn: () => void): void {
    if (this.memo) this.framed(fn);
    else fn();
  }

  /** Whether this lint keeps what it learns for the next one (a one-shot lint does not). */
  get keeps(): boolean {
    return this.memo !== undefined;
  }

  /** Runs one `ctx.each` call over `items` (the scope list `list`, when it is one): `run` per
   *  item, except for items whose step read the same as in the previous lint (and whose rule read
   *  the same before the call): their reports are `replay`ed. `run` returns the step's reports as
   *  they are to be kept (`withoutFixes`) when this lint `keeps` them. */
  each<T extends object>(slot: string, list: ListName | undefined, items: readonly T[], run: (item: T) => Report[], replay: (reports: readonly Report[], item: T) => void): void {
    // Steps are independent of each other: what one reads is not the others' (nor the rule's).
    // Only a lint that keeps what it learns calls this (a one-shot lint runs the steps itself).
    const top = this.frames[this.frames.length - 1];
    const before = this.memo!.each.get(slot);
    // The rule's own reads before this call decided what the steps see of it (its variables).
    const replayable = top !== undefined && before !== undefined && this.holds(before.ambient);
    if (replayable && this.eachInPlace(before, list, items, run, replay)) {
      this.nextEach.set(slot, before);
      return;
    }
    const steps: (StepMemo | undefined)[] = new Array(items.length);
    let byItem: Map<object, StepMemo | undefined> | undefined;
    let misses = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let memo: StepMemo | undefined;
      if (!replayable) memo = undefined;
      else if (before.items[i] === item) memo = before.steps[i];
      else if (++misses <= 4) {
        // An edit changes one item or a few (a new object, found nowhere): a search each is
        // cheaper than indexing every item; items that moved in numbers get the index.
        const j = before.items.lastIndexOf(item);
        memo = j < 0 ? undefined : before.steps[j];
      } else {
        byItem ??= new Map(before.items.map((x, j) => [x, before.steps[j]]));
        memo = byItem.get(item);
      }
      if (memo && this.holds(memo)) {
        if (memo.reports.length) replay(memo.reports, item);
        memo.keptIn = this.lint;
        steps[i] = memo;
      } else {
        steps[i] = this.runStep(run, item);
      }
    }
    if (top === undefined) return;
    // An ambient that holds was read the same way again: it is still filed under those reads.
    let ambient: Node;
    if (replayable) ambient = before.ambient;
    else this.keep(ambient = { memoReads: [...top.memos], staleIn: 0, dead: false }, top);
    const record: EachMemo = { ambient, list, items, steps, reporting: [], reads: [], complete: true, stale: NO_STEPS, staleIn: 0 };
    for (let i = 0; i < steps.length; i++) this.file(record, i, steps[i]);
    this.nextEach.set(slot, record);
  }

  /**
   * The common case of a keystroke, in time proportional to what changed and to the reports: the
   * call walks the same scope list as last time, whose items changed in place if at all, and
   * every step was kept. Only the steps at changed places and those found stale run; the others'
   * reports are replayed in item order, the other items not visited. Updates `memo` to this lint;
   * false (nothing done) when the case does not apply.
   */
  private eachInPlace<T extends object>(memo: EachMemo, list: ListName | undefined, items: readonly T[], run: (item: T) => Report[], replay: (reports: readonly Report[], item: T) => void): boolean {
    if (list === undefined || memo.list !== list || !memo.complete || memo.items.length !== items.length) return false;
    const changed = this.changedPlaces.get(list);
    if (!changed || !this.memosHold(memo.reads)) return false;
    const { steps, reporting } = memo;
    let rerun = changed;
    if (memo.staleIn === this.lint) {
      const places = [...changed];
      for (const s of memo.stale) if (steps[s.index] === s) places.push(s.index);
      rerun = places.sort((a, b) => a - b);
    }
    if (!rerun.length) {
      for (let k = 0; k < reporting.length; k++) replay(steps[reporting[k]]!.reports, items[reporting[k]]);
      memo.items = items;
      return true;
    }
    // Both lists ascending: merged, each place once, in item order. `reporting` is kept unless a
    // step that ran again starts or stops reporting (then it is made again).
    let reportingChanged = false;
    let r = 0;
    let k = 0;
    while (r < rerun.length || k < reporting.length) {
      const i = k >= reporting.length || (r < rerun.length && rerun[r] <= reporting[k]) ? rerun[r] : reporting[k];
      if (r < rerun.length && rerun[r] === i) {
        const old = steps[i];
        const step = this.runStep(run, items[i]);
        if (old && old !== step) retire(old);
        steps[i] = step;
        this.place(memo, i, step);
        const wasReporting = k < reporting.length && reporting[k] === i;
        if (wasReporting !== (step !== undefined && step.reports.length > 0)) reportingChanged = true;
        while (r < rerun.length && rerun[r] === i) r++;
        if (wasReporting) k++;
      } else {
        replay(steps[i]!.reports, items[i]);
        k++;
      }
    }
    if (reportingChanged) {
      memo.reporting = [];
      for (let i = 0; i < steps.length; i++) if (steps[i]?.reports.length) memo.reporting.push(i);
    }
    memo.items = items;
    return true;
  }

  /** Files step `i` of a call: its place, whether it reported, the memo values it read. */
  private file(memo: EachMemo, i: number, step: StepMemo | undefined): void {
    this.place(memo, i, step);
    if (step?.reports.length) memo.reporting.push(i);
  }

  /** Step `i` of a call: its place, and the memo values it read (a step that read something
   *  untracked leaves the call incomplete). */
  private place(memo: EachMemo, i: number, step: StepMemo | undefined): void {
    if (!step) {
      memo.complete = false;
      return;
    }
    step.owner = memo;
    step.index = i;
    const reads = step.memoReads;
    for (let r = 0; r < reads.length; r++) if (!readsMemo(memo.reads, reads[r].id)) memo.reads.push(reads[r]);
  }

  /** Runs one step afresh; the kept result unless it read something untracked. (A method of its
   *  own: a closure over the loop's item would cost an allocation for every item of the loop.) */
  private runStep<T>(run: (item: T) => Report[], item: T): StepMemo | undefined {
    const { value: found, frame } = this.framed(() => run(item));
    if (!frame) return undefined;
    const step: StepMemo = { reports: found, memoReads: frame.memos, staleIn: 0, dead: false, keptIn: this.lint, index: 0, owner: undefined };
    this.keep(step, frame);
    return step;
  }

  /** Hands what this lint learnt to the next one; what it no longer keeps is dead. */
  commit(): void {
    const memo = this.memo;
    if (!memo) return;
    memo.each.forEach((e, slot) => {
      // A call that kept everything hands on the very same record.
      const next = this.nextEach.get(slot);
      if (next === e) return;
      if (next?.ambient !== e.ambient) e.ambient.dead = true;
      for (const s of e.steps) if (s && s.keptIn !== this.lint) retire(s);
    });
    memo.memos.forEach((entry, key) => {
      if (this.memos.get(key) === entry) return;
      // What the index of reads may still hold of it for a while: not its value or function.
      entry.dead = true;
      entry.value = undefined;
      entry.compute = DROPPED;
    });
    memo.each = this.nextEach;
    memo.memos = this.memos;
    memo.lists = this.lists;
    memo.byKey = this.scope.byKey;
  }
}

function readsMemo(reads: readonly MemoRead[], id: number): boolean {
  for (let i = 0; i < reads.length; i++) if (reads[i].id === id) return true;
  return false;
}

/** A step no call keeps any more. Its reports go at once: the index of what it read may hold it
 *  for a while, and an editor adapter may keep things by report (the lint's diagnostics do). */
function retire(step: StepMemo): void {
  step.dead = true;
  step.reports = NO_REPORTS;
}

const NO_REPORTS: Report[] = [];

/** The places where `after` holds another item than `before`; undefined when the lengths differ. */
function placesChanged(before: readonly object[], after: readonly object[]): readonly number[] | undefined {
  if (before.length !== after.length) return undefined;
  let places: number[] | undefined;
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) (places ??= []).push(i);
  return places ?? NO_PLACES;
}

const NO_PLACES: readonly number[] = [];

/** A report as kept for replays: without its fix functions, which hold their lint's scope; an
 *  empty list stands for "it had fixes" (they are worked out again when a replay is asked for them). */
export function withoutFixes(r: Report): Report {
  const { fixes, ...rest } = r;
  return fixes ? { ...rest, fixes: [] } : rest;
}
