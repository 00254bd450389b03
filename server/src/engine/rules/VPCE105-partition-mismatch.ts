// VPCE105: a service-name prefix or an ARN partition that does not belong to the endpoint's region.
import type { Resource, StrVal } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { acceptedPrefixes, allPartitions, expectedPrefix, partitionOf, regionEntry, serviceNameIn } from '../data/aws';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { endpointService, type EndpointService, exactLocInName, locateInName } from './service-names';
import { exactLocInStr, locateInStr } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE105',
    name: 'partition-mismatch',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds service-name prefixes and ARN partitions that do not match the partition of the endpoint\'s region.',
      why: 'Outside the `aws` partition names change: in China many older services are named `cn.com.amazonaws.<region>.<service>` ' +
        '(`ecr.dkr`, `ecr.api`, `ec2`, `sts`...) while `s3` and `logs` keep `com.amazonaws`, and ARNs use their partition ' +
        '(`arn:aws-cn:`, `arn:aws-us-gov:`). A wrong prefix fails with `InvalidServiceName`; an `arn:aws:` ARN in the endpoint ' +
        'policy of a China or GovCloud endpoint matches nothing, so the statement silently has no effect.',
      fix: 'Replaces the prefix with the one the service uses in that region, or the ARN partition with the right one ' +
        '(CloudFormation: `${AWS::Partition}`).',
      examples: [
        {
          format: 'terraform',
          bad: 'provider "aws" { region = "cn-north-1" }\n\nresource "aws_vpc_endpoint" "ecr_dkr" {\n  vpc_id            = aws_vpc.main.id\n  vpc_endpoint_type = "Interface"\n  service_name      = "com.amazonaws.cn-north-1.ecr.dkr"\n}',
          good: 'provider "aws" { region = "cn-north-1" }\n\nresource "aws_vpc_endpoint" "ecr_dkr" {\n  vpc_id            = aws_vpc.main.id\n  vpc_endpoint_type = "Interface"\n  service_name      = "cn.com.amazonaws.cn-north-1.ecr.dkr"\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: com.amazonaws.cn-north-1.s3\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Principal: "*"\n          Action: s3:GetObject\n          Resource: arn:aws:s3:::artifacts/*',
          good: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: com.amazonaws.cn-north-1.s3\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Principal: \"*\"\n          Action: s3:GetObject\n          Resource: !Sub 'arn:${AWS::Partition}:s3:::artifacts/*'",
        },
        {
          format: 'cloudformation-json',
          bad: '"EcrEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": "com.amazonaws.cn-northwest-1.ecr.api"\n  }\n}',
          good: '"EcrEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": "cn.com.amazonaws.cn-northwest-1.ecr.api"\n  }\n}',
        },
      ],
      references: [
        'https://docs.amazonaws.cn/en_us/aws/latest/userguide/endpoints-Ningxia.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const service = endpointService(ep);
      if (service) checkPrefix(ctx, ep, service);
      const region = ep.region.value ?? (service?.resolved ? service.parsed.region : undefined);
      if (region && regionEntry(region)) checkArns(ctx, ep, region);
    });
  },
};

function checkPrefix(ctx: RuleContext, ep: Resource, service: EndpointService): void {
  const { kind, entry, region, prefix, prefixSpan } = service.parsed;
  if (kind !== 'aws' || !entry || entry.scope !== 'regional' || !region || !regionEntry(region)) return;
  const accepted = acceptedPrefixes(service.parsed.service, region);
  if (!accepted.length || accepted.includes(prefix)) return;
  // A type the service does not have (a defaulted Gateway for `ecr.api`) says nothing about its name.
  const type = endpointType(ep);
  const gatewayOrInterface = (type === 'Gateway' || type === 'Interface') && entry.types.includes(type) ? type : undefined;
  const wanted = expectedPrefix(service.parsed.service, region, gatewayOrInterface);
  if (!wanted || wanted === prefix) return;
  const expectedName = serviceNameIn(entry, region, gatewayOrInterface);
  const partition = partitionOf(region)?.id;
  const loc = locateInName(service, prefixSpan);
  const raw = service.parsed.raw;
  let fixes: Fix[] = [];
  const prefixAt = exactLocInName(service, prefixSpan);
  const wholeAt = exactLocInName(service, [0, raw.length]);
  if (service.resolved && wanted + raw.slice(prefixSpan[1]) === expectedName && prefixAt) {
    fixes = fixOf(`Change the prefix to \`${wanted}\``, ctx.scope.editor.replace(prefixAt, wanted), { safe: true, preferred: true });
  } else if (service.resolved && wholeAt) {
    fixes = fixOf(`Change to \`${expectedName}\``, ctx.scope.editor.replace(wholeAt, expectedName), { safe: true, preferred: true });
  }
  ctx.report({
    loc,
    message: `\`${prefix}\` prefix, but in \`${region}\`${partition ? ` (partition \`${partition}\`)` : ''} this service is named \`${expectedName}\`.`,
    fixes,
  });
}

const PARTITION_IDS = new Set(allPartitions().map((p) => p.id));

function checkArns(ctx: RuleContext, ep: Resource, region: string): void {
  const partition = partitionOf(region)?.id;
  if (!partition) return;
  for (const policy of ep.policies ?? []) {
    for (const stmt of policy.statements) {
      for (const arn of [...stmt.resources, ...(stmt.notResources ?? [])]) {
        const written = literalPrefix(arn);
        const m = /^arn:([^:]*):/.exec(written);
        if (!m || m[1] === partition || !PARTITION_IDS.has(m[1])) continue;
        const span: [number, number] = [4, 4 + m[1].length];
        ctx.report({
          loc: locateInStr(arn, span[0], span[1]),
          message: `\`arn:${m[1]}:\` ARN in the policy of an endpoint in \`${region}\` (partition \`${partition}\`): it matches nothing there.`,
          fixes: () => arnFixes(ctx, ep, arn, span, partition),
        });
      }
    }
  }
}

/** The literal text a string starts with, up to its first interpolation. */
function literalPrefix(val: StrVal): string {
  if (val.v !== undefined) return val.v;
  let out = '';
  for (const p of val.parts) {
    if (p.text === undefined) break;
    out += p.text;
  }
  return out;
}

function arnFixes(ctx: RuleContext, ep: Resource, arn: StrVal, span: [number, number], partition: string): Fix[] {
  const at = exactLocInStr(arn, span[0], span[1]);
  if (!at) return [];
  const literal = fixOf(`Change the partition to \`${partition}\``, ctx.scope.editor.replace(at, partition), { safe: true, preferred: ep.format !== 'cloudformation' });
  if (ep.format !== 'cloudformation' || ep.props.policy?.t === 'str') return literal;
  let edits;
  if (arn.parts.some((p) => p.expr !== undefined)) {
    // Already a `Fn::Sub` template: only the partition changes.
    edits = ctx.scope.editor.replace(at, '${AWS::Partition}');
  } else if (arn.v !== undefined && !arn.origin && arn.parts.length === 1) {
    const template = arn.v.slice(0, span[0]) + '${AWS::Partition}' + arn.v.slice(span[1]);
    const yaml = ctx.scope.files[0]?.kind === 'cloudformation-yaml';
    edits = ctx.scope.editor.replace(arn.loc, yaml ? `!Sub '${template.replace(/'/g, "''")}'` : `{"Fn::Sub": ${JSON.stringify(template)}}`);
  } else {
    return literal;
  }
  return [...fixOf('Use `${AWS::Partition}`', edits, { safe: true, preferred: true }), ...literal];
}
