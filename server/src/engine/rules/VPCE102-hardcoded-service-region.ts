// VPCE102: a literal region in a service name of a template or module whose region is not fixed.
import { REGION, type Loc, type Position, type Resource, type Scope, type TextEdit } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { regionEntry } from '../data/aws';
import { fileOf, linesOf } from '../fileIndex';
import { serviceRegionMismatch } from './endpoints';
import { fixOf } from './fixes';
import { endpointService } from './service-names';
import { exactLocInStr, locWithin } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE102',
    name: 'hardcoded-service-region',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds endpoint service names with a hardcoded region in templates and modules that can be deployed to other regions.',
      why: 'A CloudFormation template can be deployed in any region, and a Terraform module whose provider region comes ' +
        'from a variable (or from its caller) moves with it. A service name with a literal region (`com.amazonaws.eu-west-1.s3`) ' +
        'then names a service in the wrong region and the endpoint fails to create everywhere but the original region.',
      fix: 'CloudFormation: the name becomes `!Sub com.amazonaws.${AWS::Region}.<service>` (JSON `{"Fn::Sub": ...}`). ' +
        'Terraform: the region is replaced by the region expression in use (`${data.aws_region.current.region}`, `${var.region}`), ' +
        'adding `data "aws_region" "current" {}` when the module has none.',
      examples: [
        {
          format: 'terraform',
          bad: 'provider "aws" { region = var.region }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}',
          good: 'provider "aws" { region = var.region }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.${var.region}.s3"\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: com.amazonaws.eu-west-1.s3',
          good: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'",
        },
        {
          format: 'cloudformation-json',
          bad: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": "com.amazonaws.eu-west-1.s3"\n  }\n}',
          good: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      // A Terraform endpoint in a region written as a literal may as well name it literally.
      if (ep.format === 'terraform' && ep.region.literal) return;
      // Cross-region endpoints name the service's own region on purpose.
      if (ep.props.service_region) return;
      const service = endpointService(ep);
      if (!service || service.parsed.kind !== 'aws' || service.parsed.entry?.scope !== 'regional') return;
      const { region, regionSpan } = service.parsed;
      if (!region || !regionSpan || !regionEntry(region)) return;
      // Written literally in the resource itself: a parameter, variable or mapping is a choice.
      const loc = exactLocInStr(service.val, regionSpan[0], regionSpan[1]);
      if (!loc || !locWithin(ep.loc, loc)) return;
      if (serviceRegionMismatch(ep)) return; // VPCE101 reports this name
      const message = ep.format === 'cloudformation'
        ? `\`${region}\` is hardcoded in this service name: the template fails in every other region.`
        : ep.region.via
          ? `\`${region}\` is hardcoded in this service name, but the endpoint's region is not (${ep.region.via}): the name fails in every other region.`
          : `\`${region}\` is hardcoded in this service name, but this module's region is set by its caller: the name fails in every other region.`;
      ctx.report({ loc, message, fixes: () => fixesFor(ctx, ep, regionSpan, loc) });
    });
  },
};

function fixesFor(ctx: RuleContext, ep: Resource, span: [number, number], loc: Loc): Fix[] {
  const val = endpointService(ep)!.val;
  if (ep.format === 'cloudformation') {
    const v = val.v;
    if (v === undefined || val.origin || val.parts.some((p) => p.text === undefined)) return [];
    const edits = ctx.scope.editor.setProp(ep, 'service_name', { regionTemplate: [v.slice(0, span[0]), REGION, v.slice(span[1])] });
    return fixOf('Use `${AWS::Region}` in the service name', edits, { safe: true, preferred: true });
  }
  // Text written into or before a block the parser had to recover from an error may read otherwise.
  const { editor } = ctx.scope;
  if (editor.readsCleanly?.(ep.loc) === false) return [];
  if (ep.region.expr) {
    return fixOf(`Use \`${ep.region.expr}\` in the service name`, editor.replace(loc, `\${${ep.region.expr}}`), { safe: true, preferred: true });
  }
  const { anchor, providerMajor } = moduleFacts(ctx.scope);
  if (!anchor || editor.readsCleanly?.({ file: anchor.file, range: { start: anchor.start, end: anchor.start } }) === false) return [];
  const attr = providerMajor >= 6 ? 'region' : 'name';
  const edits: TextEdit[] = [
    // Every finding inserts the same text at the same range, so applying all of them adds it once.
    { file: anchor.file, range: { start: anchor.start, end: { line: anchor.start.line, character: anchor.start.character + 1 } }, newText: `data "aws_region" "current" {}\n\n${anchor.first}` },
    ...editor.replace(loc, `\${data.aws_region.current.${attr}}`),
  ];
  return fixOf(`Use \`data.aws_region.current.${attr}\` in the service name (adding the data source)`, edits, { safe: true, preferred: true });
}

interface ModuleFacts { anchor?: { file: string; start: Position; first: string }; providerMajor: number }

// The same for every finding of a scope: worked out once per scope.
const factsOf = new WeakMap<Scope, ModuleFacts>();

function moduleFacts(scope: Scope): ModuleFacts {
  let facts = factsOf.get(scope);
  if (!facts) factsOf.set(scope, facts = { anchor: dataSourceAnchor(scope), providerMajor: awsProviderMajor(scope) });
  return facts;
}

/** The first endpoint block written in HCL: where a new `data "aws_region"` block goes. */
function dataSourceAnchor(scope: Scope): { file: string; start: Position; first: string } | undefined {
  for (const res of scope.resources) {
    if (res.kind !== 'endpoint') continue;
    const file = fileOf(scope, res.loc.file);
    if (file?.kind !== 'terraform') continue;
    const first = linesOf(file).lineText(res.loc.range.start.line)[res.loc.range.start.character];
    if (first) return { file: file.path, start: res.loc.range.start, first };
  }
  return undefined;
}

/** The major version the module requires of the AWS provider (0 when not stated): `.region` of
 *  `data.aws_region` exists from v6 on, `.name` everywhere (deprecated in v6). */
function awsProviderMajor(scope: Scope): number {
  for (const f of scope.files) {
    const m = /source\s*=\s*"(?:registry\.terraform\.io\/)?hashicorp\/aws"[^}]*?version\s*=\s*"\s*(?:>=|~>|=)?\s*(\d+)/.exec(f.text)
      ?? /aws\s*=\s*\{[^}]*?version\s*=\s*"\s*(?:>=|~>|=)?\s*(\d+)[^}]*?source\s*=\s*"(?:registry\.terraform\.io\/)?hashicorp\/aws"/.exec(f.text);
    if (m) return Number(m[1]);
  }
  return 0;
}
