// VPCE103: a region code that is not a known AWS region (in a service name, `region`,
// `service_region`, a provider's `region`).
import type { Loc, StrVal } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { allRegions, closestRegion, regionEntry } from '../data/aws';
import { editDistance } from '../data/distance';
import { fixOf } from './fixes';
import { endpointService } from './service-names';
import { exactLocInStr, locateInStr } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE103',
    name: 'unknown-region',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds region codes that are not AWS regions in service names, `region`, `service_region` and provider settings.',
      why: 'Region codes are exact: `us-east1`, `eu-west-4` or `ap-southeast-7a` name no region, so the provider ' +
        'cannot be configured or the service name does not exist (`InvalidServiceName`). Typos in a region are easy to miss ' +
        'in review because they look right.',
      fix: 'Replaces the code with the closest known region (did you mean). The fix is applied automatically only when ' +
        'exactly one region is that close.',
      examples: [
        {
          format: 'terraform',
          bad: 'provider "aws" { region = "us-east1" }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.us-east1.s3"\n}',
          good: 'provider "aws" { region = "us-east-1" }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.us-east-1.s3"\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: com.amazonaws.eu-wset-1.ssm',
          good: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: com.amazonaws.eu-west-1.ssm',
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": "com.amazonaws.eu-wset-1.ssm"\n  }\n}',
          good: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": "com.amazonaws.eu-west-1.ssm"\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const service = endpointService(ep);
      const { region, regionSpan, kind } = service?.parsed ?? {};
      if (service && region && regionSpan && (kind === 'aws' || kind === 'customer') && !regionEntry(region)) {
        reportCode(ctx, region, service.val, regionSpan, 'in this service name');
      }
      const serviceRegion = ep.props.service_region;
      if (serviceRegion?.t === 'str' && serviceRegion.v !== undefined && !regionEntry(serviceRegion.v)) {
        reportCode(ctx, serviceRegion.v, serviceRegion, [0, serviceRegion.v.length], 'in `service_region`');
      }
    });
    for (const provider of ctx.all('provider')) {
      const region = provider.props.region;
      if (region?.t === 'str' && region.v !== undefined && !regionEntry(region.v)) {
        reportCode(ctx, region.v, region, [0, region.v.length], `in the region of ${provider.displayName}`);
      }
    }
    // Provider v6 per-resource `region` arguments (provider regions are reported once, above).
    for (const res of ctx.scope.resources) {
      const { value, loc, via } = res.region;
      if (value === undefined || !loc || via !== 'argument `region`' || regionEntry(value)) continue;
      const region = res.props.region;
      if (region?.t === 'str' && region.v === value) reportCode(ctx, value, region, [0, value.length], 'in `region`');
      else report(ctx, value, loc, 'in `region`', res.region.literal ? insideQuotes(loc, value) : undefined);
    }
  },
};

function reportCode(ctx: RuleContext, code: string, val: StrVal, span: [number, number], where: string): void {
  // Literal text is fixed in place; an interpolation (`${var.region}`) is fixed where it is set.
  report(ctx, code, locateInStr(val, span[0], span[1]), where, exactLocInStr(val, span[0], span[1]));
}

function report(ctx: RuleContext, code: string, loc: Loc, where: string, fixAt: Loc | undefined): void {
  const suggestion = closestRegion(code);
  const message = suggestion
    ? `\`${code}\` ${where} is not an AWS region; did you mean \`${suggestion}\`?`
    : `\`${code}\` ${where} is not an AWS region.`;
  const fixes: Fix[] = suggestion && fixAt
    ? fixOf(`Change to \`${suggestion}\``, ctx.scope.editor.replace(fixAt, suggestion), { safe: onlyCandidate(code), preferred: true })
    : [];
  ctx.report({ loc, message, fixes });
}

/** Exactly one known region is as close to `code` as the nearest one. */
function onlyCandidate(code: string): boolean {
  const lower = code.toLowerCase();
  const distances = allRegions().map((r) => editDistance(lower, r.code, 3));
  const best = Math.min(...distances);
  return distances.filter((d) => d === best).length === 1;
}

/** The text of a quoted literal `"us-east1"` written at `loc`, without its quotes. */
function insideQuotes(loc: Loc, value: string): Loc | undefined {
  const { start, end } = loc.range;
  if (start.line !== end.line || end.character - start.character !== value.length + 2) return undefined;
  return { file: loc.file, range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } } };
}
