// Locating endpoint service names in a document: through the model (a `service_name` /
// `ServiceName` value, with its endpoint's region) or, where no model covers the position
// (policies, half-typed files), by their shape in the line text.
import type { Position, Range, Resource, Scope, StrVal } from '../engine';
import { contains } from '../engine/lint';

export interface ServiceNameAt {
  /** The name as written; unresolved interpolations are kept as `${expr}`. */
  text: string;
  /** The name with every interpolation resolved, when it could be. */
  resolved?: string;
  range: Range;
  /** The endpoint whose `service_name` this is. */
  endpoint?: Resource;
}

/** `com.amazonaws.<region>.<svc>` and its irregular forms, with `${...}` allowed in labels. */
const NAME_SHAPE = /(?:cn\.)?com\.amazonaws\.[\w${}:.-]*[\w}]|aws\.(?:api|sagemaker)\.[\w${}:.-]*[\w}]/g;

export function serviceNameAt(scope: Scope | undefined, path: string, text: string, pos: Position): ServiceNameAt | undefined {
  for (const r of scope?.resources ?? []) {
    if (r.kind !== 'endpoint') continue;
    const v = r.props.service_name;
    if (v?.t !== 'str' || v.loc.file !== path || !contains(v.loc.range, { start: pos, end: pos })) continue;
    return { text: writtenText(v), resolved: v.v, range: contentRange(v), endpoint: r };
  }
  const lineText = text.split(/\r\n|\r|\n/)[pos.line] ?? '';
  for (const m of lineText.matchAll(NAME_SHAPE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (pos.character < start || pos.character > end) continue;
    const range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } };
    return { text: m[0], resolved: m[0].includes('${') ? undefined : m[0], range };
  }
  return undefined;
}

/** The string without its quotes: from its first piece to its last. */
function contentRange(v: StrVal): Range {
  const first = v.parts[0]?.loc;
  const last = v.parts[v.parts.length - 1]?.loc;
  if (!first || !last || first.file !== v.loc.file || last.file !== v.loc.file) return v.loc.range;
  return { start: first.range.start, end: last.range.end };
}

function writtenText(v: StrVal): string {
  return v.parts.map((p) => p.text ?? (p.value !== undefined && !p.expr ? p.value : `\${${p.expr ?? ''}}`)).join('');
}

/** Replaces the interpolations of a service name by `region` (to identify the service when the
 *  region part is an expression; the region itself is then shown as written). */
export function withRegion(text: string, region: string): string {
  return text.replace(/\$\{[^}]*\}/g, region);
}
