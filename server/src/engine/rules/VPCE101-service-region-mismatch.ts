// VPCE101: the region inside an endpoint service name is not the region the endpoint lives in.
import { REGION, type Resource } from '../model';
import type { Fix, RelatedInfo, Rule, RuleContext } from '../rule';
import { type RegionMismatch, serviceRegionMismatch } from './endpoints';
import { fixOf } from './fixes';
import { locateInStr, locWithin, pieceAt, replaceableLoc } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE101',
    name: 'service-region-mismatch',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds endpoint service names whose region differs from the region the endpoint is created in.',
      why: 'An endpoint service name such as `com.amazonaws.us-east-1.s3` exists only in its region. ' +
        'Creating the endpoint in another region fails with `InvalidServiceName`, usually after a module was copied ' +
        'or a provider alias changed. In Terraform the endpoint\'s region is its `region` argument (provider v6) or its ' +
        "provider's region. Cross-region PrivateLink (`service_region`, Interface endpoints only) is the exception: " +
        'there the name carries the service\'s own region, which must match `service_region`.',
      fix: 'Replaces the region in the name with the region expression the module already uses ' +
        '(`data.aws_region.current.region`, `var.region`; CloudFormation: `!Sub` with `${AWS::Region}`), or with the literal region.',
      examples: [
        {
          format: 'terraform',
          bad: 'provider "aws" { region = "eu-west-1" }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.us-east-1.s3"\n}',
          good: 'provider "aws" { region = "eu-west-1" }\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: '# linted with --region eu-west-1\nS3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: com.amazonaws.us-east-1.s3',
          good: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'",
        },
        {
          format: 'cloudformation-json',
          bad: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": "com.amazonaws.us-east-1.s3"\n  }\n}',
          good: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cross-region.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const m = serviceRegionMismatch(ep);
      if (!m) return;
      const loc = locateInStr(m.service.val, m.span[0], m.span[1]);
      const related: RelatedInfo[] = [];
      let message: string;
      if (m.against === 'service_region') {
        message = `\`${m.nameRegion}\` in this service name, but \`service_region\` says the service is in \`${m.expected}\`.`;
        const sr = ep.props.service_region;
        if (sr) related.push({ loc: sr.loc, message: `\`service_region\` is \`${m.expected}\` here.` });
      } else {
        const via = ep.region.via ? ` (${ep.region.via})` : '';
        message = `\`${m.nameRegion}\` in this service name, but this endpoint is created in \`${m.expected}\`${via}.`;
        if (ep.region.loc) related.push({ loc: ep.region.loc, message: `The endpoint's region \`${m.expected}\` is set here.` });
      }
      ctx.report({ loc, message, related, fixes: () => fixesFor(ctx, ep, m) });
    });
  },
};

function fixesFor(ctx: RuleContext, ep: Resource, m: RegionMismatch): Fix[] {
  const val = m.service.val;
  const [start, end] = m.span;
  const target = replaceableLoc(val, start, end);
  const literalPreferred = m.against === 'service_region' || ep.region.literal === true;
  const literal = target
    ? fixOf(`Use \`${m.expected}\` in the service name`, ctx.scope.editor.replace(target, m.expected), { safe: true, preferred: literalPreferred })
    : [];
  if (m.against === 'service_region' || !ep.region.expr) return literal;
  const expr = ep.region.expr;
  let edits;
  if (ep.format === 'terraform') {
    // Interpolation is valid where the name is written in the resource, not in a variable default.
    if (!target || !locWithin(ep.loc, target)) return literal;
    edits = ctx.scope.editor.replace(target, `\${${expr}}`);
  } else {
    // The name becomes a `!Sub` template; only when every piece of it is literal text.
    const v = val.v;
    if (v === undefined || val.origin || val.parts.some((p) => p.text === undefined) || !pieceAt(val, start, end)) return literal;
    edits = ctx.scope.editor.setProp(ep, 'service_name', { regionTemplate: [v.slice(0, start), REGION, v.slice(end)] });
  }
  const template = fixOf(`Use the deployment region (\`${expr}\`) in the service name`, edits, { safe: true, preferred: !literalPreferred || !literal.length });
  return literalPreferred ? [...literal, ...template] : [...template, ...literal];
}
