// Small helpers over lists that the engine's indexes and caches share.

/** Items grouped by key, in list order; items whose key is undefined are left out. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** `compute` remembered per object: for values derived from model objects, which are not changed
 *  once built (an edit makes new ones), and asked again by every lint. */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/** The same items (by identity) in the same order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Adds `item` to `items`, in place of an earlier one with the same key (the last one wins, as in
 *  JSON.parse). `seen` holds the keys so far, so only a duplicate costs a search. Returns whether
 *  one was replaced. */
export function putLast<T extends { key: string }>(items: T[], seen: Set<string>, item: T): boolean {
  const duplicate = seen.has(item.key);
  if (duplicate) items.splice(items.findIndex((i) => i.key === item.key), 1);
  else seen.add(item.key);
  items.push(item);
  return duplicate;
}

/** A constant table looked up by names from user input (a resource type, a function, a YAML tag):
 *  without a prototype, `constructor`, `__proto__` or `toString` find nothing instead of
 *  JavaScript's own members. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
