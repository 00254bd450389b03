// VPCE106: a Gateway endpoint expected to reach something in another region.
import type { Resource, ResourceKind, StrVal, Val } from '../model';
import type { Rule, RuleContext } from '../rule';
import { describeType, endpointAttribute } from './display-names';
import { endpointType } from './endpoints';
import { effectOf } from './policies';
import { strValue } from './values';

export const rule: Rule = {
  meta: {
    code: 'VPCE106',
    name: 'gateway-cross-region',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: false,
    docs: {
      summary: 'Finds Gateway endpoints that are expected to reach a bucket or service in another region.',
      why: 'Gateway endpoints (S3, DynamoDB) work only within their own region: the route they add covers the ' +
        'regional prefix list, so requests to a bucket in another region leave through the internet or NAT path, or fail ' +
        'where there is none. A bucket policy that admits only a Gateway endpoint of another region denies every request, ' +
        'and an endpoint policy that names a bucket of another region grants nothing. `service_region` (cross-region ' +
        'PrivateLink) exists only for Interface endpoints.',
      fix: 'None: use an Interface endpoint with cross-region support, or keep the bucket in the endpoint\'s region.',
      examples: [
        {
          format: 'terraform',
          bad: 'provider "aws" { region = "eu-west-1" }\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  provider = aws.us\n  bucket   = "acme-logs"\n}\n\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id          = aws_vpc.main.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.private.id]\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::acme-logs/*" }]\n  })\n}',
          good: 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs" # same region as the endpoint\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: com.amazonaws.us-east-1.s3\n    ServiceRegion: us-east-1\n    RouteTableIds: [!Ref PrivateRouteTable]",
          good: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: com.amazonaws.us-east-1.s3\n    ServiceRegion: us-east-1\n    SubnetIds: [!Ref PrivateSubnetA]",
        },
        {
          format: 'cloudformation-json',
          bad: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": "com.amazonaws.us-east-1.s3",\n    "ServiceRegion": "us-east-1"\n  }\n}',
          good: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": "com.amazonaws.us-east-1.s3",\n    "ServiceRegion": "us-east-1",\n    "SubnetIds": [{"Ref": "PrivateSubnetA"}]\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cross-region.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) !== 'Gateway') return;
      const serviceRegion = ep.props.service_region;
      if (serviceRegion) {
        ctx.report({
          loc: serviceRegion.loc,
          message: `\`${endpointAttribute(ep, 'service_region')}\` on ${describeType(ep, 'Gateway')}: gateway endpoints reach only services in their own region; cross-region access needs an Interface endpoint.`,
        });
      }
      checkEndpointPolicy(ctx, ep);
    });
    checkBucketPolicies(ctx);
  },
};

/** The region a bucket lives in, when known. */
function bucketRegion(bucket: Resource): string | undefined {
  return strValue(bucket.props.region) ?? bucket.region.value;
}

/** The resource of `kind` an interpolated expression refers to (`aws_s3_bucket.logs.arn`, `Bucket.Arn`). */
function resourceOfExpr(ctx: RuleContext, expr: string, kind: ResourceKind): Resource | undefined {
  const labels = expr.trim().split('.');
  for (let n = labels.length; n > 0; n--) {
    const res = ctx.resource(labels.slice(0, n).join('.'));
    if (res) return res.kind === kind ? res : undefined;
  }
  return undefined;
}

/** The bucket of this scope an S3 ARN names: by its literal name or by a reference to it. */
function bucketOfArn(ctx: RuleContext, arn: StrVal): Resource | undefined {
  const first = arn.parts[0];
  if (first?.expr !== undefined && arn.parts.length <= 2) {
    const byRef = resourceOfExpr(ctx, first.expr, 'bucket');
    if (byRef && /\.arn$/i.test(first.expr.trim())) return byRef;
  }
  let text = '';
  for (const p of arn.parts) {
    if (p.text === undefined && p.value === undefined) {
      // `arn:aws:s3:::${aws_s3_bucket.logs.id}/*`
      return /^arn:[^:]+:s3:::$/.test(text) && p.expr !== undefined ? resourceOfExpr(ctx, p.expr, 'bucket') : undefined;
    }
    text += p.text ?? p.value;
  }
  const name = /^arn:[^:]+:s3:::([^/]+)/.exec(text)?.[1];
  return name ? ctx.all('bucket').find((b) => strValue(b.props.name) === name) : undefined;
}

function checkEndpointPolicy(ctx: RuleContext, ep: Resource): void {
  const region = ep.region.value;
  if (!region) return;
  for (const policy of ep.policies ?? []) {
    for (const stmt of policy.statements) {
      // What a policy denies it does not expect to reach.
      if (effectOf(stmt) !== 'Allow') continue;
      for (const arn of stmt.resources) {
        const bucket = bucketOfArn(ctx, arn);
        const where = bucket && bucketRegion(bucket);
        if (!bucket || !where || where === region) continue;
        ctx.report({
          loc: arn.loc,
          message: `This Gateway endpoint's policy names bucket ${bucketName(bucket)}, which is in \`${where}\`, but the endpoint is in \`${region}\`: gateway endpoints reach only buckets in their own region.`,
          related: [{ loc: bucket.nameLoc, message: `Bucket ${bucketName(bucket)} is created in \`${where}\`.` }],
        });
      }
    }
  }
}

function bucketName(bucket: Resource): string {
  const name = strValue(bucket.props.name);
  return name ? `\`${name}\` (\`${bucket.displayName}\`)` : `\`${bucket.displayName}\``;
}

/** Bucket policies whose `aws:SourceVpce` names a Gateway endpoint in another region than the bucket. */
function checkBucketPolicies(ctx: RuleContext): void {
  const owners: { bucket: Resource | undefined; holder: Resource }[] = [
    ...ctx.all('bucket_policy').map((bp) => ({ bucket: bucketOfPolicy(ctx, bp.props.bucket), holder: bp })),
    ...ctx.all('bucket').map((b) => ({ bucket: b, holder: b })),
  ];
  for (const { bucket, holder } of owners) {
    const where = bucket && bucketRegion(bucket);
    if (!bucket || !where) continue;
    for (const policy of holder.policies ?? []) {
      for (const stmt of policy.statements) {
        for (const cond of stmt.conditions) {
          if (cond.key.toLowerCase() !== 'aws:sourcevpce') continue;
          for (const value of cond.values) {
            const ep = endpointOf(ctx, value);
            const epRegion = ep?.region.value;
            if (!ep || !epRegion || epRegion === where || endpointType(ep) !== 'Gateway') continue;
            ctx.report({
              loc: value.loc,
              message: `\`${cond.key}\` names Gateway endpoint \`${ep.displayName}\` in \`${epRegion}\`, but bucket ${bucketName(bucket)} is in \`${where}\`: gateway endpoints reach only buckets in their own region.`,
              related: [
                { loc: ep.nameLoc, message: `\`${ep.displayName}\` is created in \`${epRegion}\`.` },
                { loc: bucket.nameLoc, message: `Bucket ${bucketName(bucket)} is created in \`${where}\`.` },
              ],
            });
          }
        }
      }
    }
  }
}

function bucketOfPolicy(ctx: RuleContext, val: Val | undefined): Resource | undefined {
  const ref = ctx.deref(val);
  if (ref) return ref.kind === 'bucket' ? ref : undefined;
  const name = strValue(val);
  if (name) return ctx.all('bucket').find((b) => strValue(b.props.name) === name);
  const single = val?.t === 'str' && val.parts.length === 1 ? val.parts[0].expr : undefined;
  return single ? resourceOfExpr(ctx, single, 'bucket') : undefined;
}

function endpointOf(ctx: RuleContext, val: Val): Resource | undefined {
  const ref = ctx.deref(val);
  if (ref) return ref.kind === 'endpoint' ? ref : undefined;
  const single = val.t === 'str' && val.parts.length === 1 ? val.parts[0].expr : undefined;
  return single ? resourceOfExpr(ctx, single, 'endpoint') : undefined;
}
