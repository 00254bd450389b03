import * as fs from 'fs';
import * as path from 'path';
import { buildCloudFormationScope } from '../server/src/engine/cloudformation';
const files: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } };
['/work/shared/corpus/cloudformation', '/work/shared/corpus/scanner-fixtures'].forEach(walk);
for (const f of files) {
  if (!/\.(json|ya?ml)$/i.test(f)) continue;
  const s = buildCloudFormationScope({ path: f, text: fs.readFileSync(f, 'utf8') }, {});
  for (const p of s.files[0].problems) console.log(f, p.loc.range.start, p.message);
  for (const r of s.resources.filter(r => r.kind === 'endpoint')) {
    const sn = r.props.service_name;
    console.log(path.basename(f), r.key, sn?.t, sn?.t === 'str' ? JSON.stringify(sn.parts.map(p => p.text ?? `<${p.expr}${p.isRegion ? ' R' : ''}>`)) : sn?.t === 'unknown' ? sn.why : '', r.props.type?.t === 'str' ? r.props.type.v : r.props.type?.t, r.policies?.length ?? 0);
  }
}
