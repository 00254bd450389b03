// Property checks shared by the default fuzz test and the long `npm run fuzz` campaign: random
// edits of real files must never make the engine throw, report out-of-range diagnostics, or offer
// fixes that break the file or do not converge.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { applyEdits, LineIndex, Workspace, type Diagnostic } from '../../server/src/engine';

const ROOT = path.join(__dirname, '..', '..');
export const REGRESSIONS = path.join(__dirname, 'regressions');

export interface Sample { name: string; file: string; text: string }

/** Small real files of every format: rule fixtures, the corpus, and saved regressions. */
export function samples(maxBytes = 12000): Sample[] {
  const out: Sample[] = [];
  const add = (p: string) => {
    const base = path.basename(p);
    const file = base.endsWith('.tf') ? 'main.tf' : base.endsWith('.tfvars') ? 'terraform.tfvars' : /\.ya?ml$/.test(base) ? 'template.yaml'
      : base.endsWith('.tf.json') ? 'main.tf.json' : base.endsWith('.json') ? (/polic/i.test(p) ? 'policy.json' : 'template.json') : undefined;
    if (!file) return;
    const text = fs.readFileSync(p, 'utf8');
    if (text.length <= maxBytes) out.push({ name: path.relative(path.join(ROOT, '..'), p), file, text });
  };
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'fixed') walk(p); } else if (e.name !== 'expected.json') add(p);
    }
  };
  walk(path.join(ROOT, 'test', 'rules', 'fixtures'));
  walk(path.join(ROOT, '..', 'shared', 'corpus'));
  walk(REGRESSIONS);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const TOKENS = ['{', '}', '[', ']', '"', "'", '${', '}', '\n', ':', '- ', '=', ',', '<<EOF\n', '!Sub ', '!Ref ', '#', '//', '\u0000', '\uFFFD', '😀', '\t', 'vpce-', 'com.amazonaws.', 'us-east-1', ' true', 'null', 'constructor', '__proto__', 'toString'];

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'swap'; a: number; b: number; length: number }
  | { op: 'truncate'; at: number };

export const mutationArb: fc.Arbitrary<Mutation[]> = fc.array(fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
), { minLength: 1, maxLength: 4 });

export function mutate(text: string, muts: Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const n = t.length + 1;
    if (m.op === 'insert') { const at = m.at % n; t = t.slice(0, at) + m.text + t.slice(at); }
    else if (m.op === 'delete') { const at = m.at % n; t = t.slice(0, at) + t.slice(at + m.length); }
    else if (m.op === 'truncate') t = t.slice(0, m.at % n);
    else {
      const a = m.a % n;
      const b = m.b % n;
      const [x, y] = a < b ? [a, b] : [b, a];
      if (x + m.length <= y) t = t.slice(0, x) + t.slice(y, y + m.length) + t.slice(x + m.length, y) + t.slice(x, x + m.length) + t.slice(y + m.length);
    }
  }
  return t;
}

/** Lints one file in a Workspace of its own; with `withFixes`, works out the fixes too (before the
 *  Workspace is disposed: thousands of runs must not keep their syntax trees). */
export function lintOne(file: string, text: string, withFixes = false): Diagnostic[] {
  const ws = new Workspace();
  const p = `/fuzz/${file}`;
  ws.setFile(p, text);
  const diagnostics = [...ws.lintAll().values()].flat();
  if (withFixes) for (const d of diagnostics) void d.fixes;
  ws.dispose();
  return diagnostics;
}

/** Throws (with a message naming the broken property) when an invariant fails. */
export function checkInvariants(file: string, text: string, withFixes: boolean): void {
  const diags = lintOne(file, text, withFixes);
  const lines = new LineIndex(text);
  const lineTexts = text.split(/\r\n|\r|\n/);
  for (const d of diags) {
    if (d.code === 'VPCE005') throw new Error(`internal error: ${d.message}`);
    const { start, end } = d.loc.range;
    for (const p of [start, end]) {
      if (p.line < 0 || p.line >= lines.lineCount || p.character < 0 || p.character > (lineTexts[p.line]?.length ?? 0)) {
        throw new Error(`${d.code} range ${JSON.stringify(d.loc.range)} is outside the document`);
      }
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) throw new Error(`${d.code} has an inverted range`);
  }
  if (!withFixes) return;
  const syntaxBefore = diags.filter((d) => d.code === 'VPCE001').length;
  for (const d of diags) {
    for (const fix of d.fixes) {
      const mine = fix.edits.filter((e) => e.file === `/fuzz/${file}`);
      if (!mine.length || mine.length !== fix.edits.length) continue;
      const fixed = applyEdits(text, mine);
      const after = lintOne(file, fixed);
      const syntaxAfter = after.filter((x) => x.code === 'VPCE001').length;
      // Only a file that parsed must still parse: in a broken one, how far an error reaches (an
      // unclosed `${` or quote reads on until something closes it) depends on any text after it.
      if (syntaxBefore === 0 && syntaxAfter > 0) throw new Error(`fix "${fix.title}" (${d.code}) introduced a syntax error: ${after.find((x) => x.code === 'VPCE001')!.message}`);
      const same = (x: Diagnostic) => x.code === d.code && x.message === d.message;
      if (after.filter(same).length >= diags.filter(same).length) throw new Error(`fix "${fix.title}" did not remove its ${d.code} finding`);
    }
  }
  // Fix-all converges: after applying every safe fix until nothing changes, one more pass is a no-op.
  let current = text;
  for (let pass = 0; pass < 6; pass++) {
    const edits = lintOne(file, current, true).flatMap((d) => d.fixes.filter((f) => f.safe).slice(0, 1).flatMap((f) => f.edits));
    if (!edits.length) return;
    const next = applyEdits(current, edits);
    if (next === current) return;
    current = next;
  }
  throw new Error('safe fixes did not converge in 6 passes');
}
