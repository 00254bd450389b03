// Completion of endpoint service names inside `service_name` / `ServiceName` values, and of rule
// codes inside `vpce-lint-ignore` comments.
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver/node';
import { RULE_CATALOG, type FileKind, type Position, type Resource, type Scope } from '../engine';
import { serviceNamesFor } from '../engine/data/aws';
import { contains } from '../engine/lint';

export interface CompletionInput {
  scope: Scope | undefined;
  path: string;
  text: string;
  kind: FileKind | undefined;
  position: Position;
  cloudFormationRegion?: string;
}

const IGNORE_COMMENT = /(?:#|\/\/)\s*vpce-lint-ignore(?:-file)?(?:\s+[\w-]+,?)*\s+([\w-]*)$/;
/** Where a service name value starts on its line: TF attribute, CFN YAML key (plain, quoted, after
 *  `!Sub`), CFN JSON key (plain or inside `Fn::Sub`). */
const VALUE_START = [
  /\bservice_name\s*=\s*"/g,
  /\bServiceName\s*:\s*(?:!Sub\s+)?(['"]?)/g,
  /"ServiceName"\s*:\s*(?:\{\s*"Fn::Sub"\s*:\s*)?"/g,
];
/** `<prefix>.<region or ${expr}>.`: the service part is what is left to complete. */
const PREFIX_AND_REGION = /^((?:cn\.)?com\.amazonaws|aws\.api|aws\.sagemaker|[a-z]+(?:\.[a-z]+)*)\.(\$\{[^}]*\}|[a-z]{2,}(?:-[a-z]+)+-\d+)\./;
/** Used only to list services when the region is an unresolved expression. */
const LISTING_REGION = 'us-east-1';

export function completionsAt(input: CompletionInput): CompletionItem[] {
  const lineText = input.text.split(/\r\n|\r|\n/)[input.position.line] ?? '';
  const before = lineText.slice(0, input.position.character);
  const ignore = IGNORE_COMMENT.exec(before);
  if (ignore) return ruleCodeItems(input.position, ignore[1].length);
  const value = serviceNameValue(lineText, input.position.character);
  if (!value) return [];
  const line = input.position.line;
  const range: Range = { start: { line, character: value.start }, end: { line, character: value.end } };
  const typed = lineText.slice(value.start, input.position.character);
  const endpoint = endpointAt(input.scope, input.path, input.position);
  const resolved = endpoint?.region.value ?? (input.kind?.startsWith('cloudformation') ? input.cloudFormationRegion : undefined);

  const written = PREFIX_AND_REGION.exec(typed);
  if (written) {
    const regionPart = written[2];
    const listRegion = regionPart.startsWith('${') ? resolved ?? LISTING_REGION : regionPart;
    return serviceItems(listRegion, regionPart, range);
  }
  // Where the region is an expression, a literal region in the name is what VPCE102 warns about.
  const expr = regionExpression(input, endpoint, lineText);
  if (expr) return serviceItems(resolved ?? LISTING_REGION, expr, range);
  return resolved ? serviceItems(resolved, resolved, range) : [];
}

/** The region expression to write into the name: the Terraform one when the endpoint's region is
 *  not a literal, `${AWS::Region}` inside a CloudFormation `Fn::Sub`. */
function regionExpression(input: CompletionInput, endpoint: Resource | undefined, lineText: string): string | undefined {
  if (input.kind === 'terraform' && endpoint?.region.expr && !endpoint.region.literal) return `\${${endpoint.region.expr}}`;
  if (input.kind?.startsWith('cloudformation') && /!Sub\b|"Fn::Sub"/.test(lineText)) return '${AWS::Region}';
  return undefined;
}

function serviceItems(listRegion: string, regionText: string, range: Range): CompletionItem[] {
  return serviceNamesFor(listRegion).map(({ name, entry }, i) => {
    const label = regionText === listRegion ? name : name.replace(`.${listRegion}.`, `.${regionText}.`);
    const dns = entry.privateDns === 'yes' ? ', private DNS' : '';
    return {
      label, kind: CompletionItemKind.Value, detail: `${entry.types.join(' | ')}${dns}`,
      documentation: entry.displayName, filterText: label, sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: label },
    };
  });
}

function ruleCodeItems(position: Position, typedLength: number): CompletionItem[] {
  const range: Range = { start: { line: position.line, character: position.character - typedLength }, end: position };
  return RULE_CATALOG.map((m) => ({
    label: m.code, kind: CompletionItemKind.EnumMember, detail: m.name, documentation: m.docs.summary,
    filterText: `${m.code} ${m.name}`, textEdit: { range, newText: m.code },
  }));
}

/** The string value of a service name that contains `character`, as [start, end) on the line. */
function serviceNameValue(lineText: string, character: number): { start: number; end: number } | undefined {
  for (const re of VALUE_START) {
    re.lastIndex = 0;
    for (const m of lineText.matchAll(re)) {
      const start = m.index! + m[0].length;
      if (character < start) continue;
      const quote = m[0].endsWith('"') ? '"' : m[0].endsWith("'") ? "'" : undefined;
      const close = quote ? lineText.indexOf(quote, start) : lineText.slice(start).search(/\s+#|\s*$/) + start;
      const end = close < 0 ? lineText.length : close;
      if (character <= end) return { start, end };
    }
  }
  return undefined;
}

function endpointAt(scope: Scope | undefined, path: string, position: Position): Resource | undefined {
  const at = { start: position, end: position };
  return scope?.resources.find((r) => r.kind === 'endpoint' && r.loc.file === path && contains(r.loc.range, at));
}
