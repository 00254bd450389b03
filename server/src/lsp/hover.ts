// Hover: what an endpoint service name stands for, and the explanation of a finding.
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { Diagnostic, Position, Scope } from '../engine';
import { parseServiceName, regionEntry, type ServiceEntry } from '../engine/data/aws';
import { contains } from '../engine/lint';
import { ruleMeta } from './diagnostics';
import { serviceNameAt, withRegion } from './serviceNames';

export interface HoverInput {
  scope: Scope | undefined;
  path: string;
  text: string;
  position: Position;
  diagnostics: readonly Diagnostic[];
}

export function hoverAt(input: HoverInput): Hover | null {
  const sections: string[] = [];
  const at = { start: input.position, end: input.position };
  for (const d of input.diagnostics) {
    if (d.loc.file !== input.path || !contains(d.loc.range, at)) continue;
    const meta = ruleMeta(d.code);
    if (!meta || sections.some((s) => s.startsWith(`**${d.code}`))) continue;
    sections.push(`**${meta.code} ${meta.name}**: ${meta.docs.summary}\n\n${meta.docs.why}\n\n[Documentation](${d.docsUrl})`);
  }
  const name = serviceNameAt(input.scope, input.path, input.text, input.position);
  let range = undefined;
  if (name) {
    const text = describeServiceName(name.text, name.resolved, name.endpoint?.region.value, name.endpoint?.region.via);
    if (text) {
      sections.unshift(text);
      range = name.range;
    }
  }
  if (!sections.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/** Markdown for a service name; `endpointRegion` is where its endpoint is created, when known. */
export function describeServiceName(text: string, resolved: string | undefined, endpointRegion?: string, via?: string): string | undefined {
  // An interpolated region does not change which service it is: identify it with any region.
  const parsed = parseServiceName(resolved ?? withRegion(text, endpointRegion ?? 'us-east-1'));
  if (!parsed) return undefined;
  const lines: string[] = [];
  if (parsed.kind === 'customer') {
    lines.push(`**Endpoint service of your own or from a partner**: \`${text}\``);
  } else if (parsed.entry) {
    lines.push(`**${parsed.entry.displayName}**: \`${text}\``, '', ...serviceFacts(parsed.entry));
  } else {
    lines.push(`**Unknown endpoint service** \`${parsed.service}\`: not in vpce-lint's table of AWS endpoint services.`);
  }
  const nameRegion = resolved ? parsed.region : undefined;
  if (nameRegion) {
    const entry = regionEntry(nameRegion);
    lines.push(`- Region: \`${nameRegion}\`${entry ? ` (${entry.description})` : ' (not a known region)'}`);
  } else if (text.includes('${')) {
    lines.push(`- Region: \`${/\$\{[^}]*\}/.exec(text)![0]}\`${endpointRegion ? `, resolves to \`${endpointRegion}\`` : ', the deployment region'}`);
  }
  if (endpointRegion && nameRegion !== endpointRegion) {
    lines.push(`- The endpoint is created in \`${endpointRegion}\`${via ? ` (${via})` : ''}`);
  }
  return lines.join('\n');
}

function serviceFacts(entry: ServiceEntry): string[] {
  const dns = { yes: 'supported', no: 'not supported', unknown: 'unknown', 'n/a': 'not applicable' }[entry.privateDns];
  const facts = [`- Endpoint types: ${entry.types.join(', ')}`, `- Private DNS: ${dns}`];
  if (entry.crossRegion) facts.push('- Cross-region PrivateLink: supported (Interface endpoints)');
  if (entry.status === 'discontinued') facts.push('- This service is discontinued.');
  return facts;
}
