// VPCE501: none of an Interface endpoint's security groups admits HTTPS.
import type { NewValue, Resource } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { byReference, referrers } from './network';
import { sourceText } from './source-text';
import { refKey, strValue } from './values';
import { endpointHandedOff, handedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE501',
    name: 'endpoint-sg-blocks-https',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds Interface endpoints none of whose security groups admits TCP 443 inbound.',
      why: 'AWS service endpoints answer on HTTPS (TCP 443). The security groups of an interface endpoint filter what reaches '
        + 'its network interfaces; when none of them has an inbound rule for TCP 443 (or all traffic), every client times '
        + 'out. Security groups allow only what a rule admits: a group without ingress rules admits nothing.',
      fix: 'Adds an ingress rule for TCP 443 from the VPC\'s CIDR to the endpoint\'s first security group. Applied '
        + 'automatically only when the CIDR is known.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_security_group" "endpoints" {\n  vpc_id = aws_vpc.main.id\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}',
          good: 'resource "aws_security_group" "endpoints" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = [aws_vpc.main.cidr_block]\n  }\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'EndpointSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: endpoints\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 80\n        ToPort: 80\n        CidrIp: 10.0.0.0/16',
          good: 'EndpointSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: endpoints\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 443\n        ToPort: 443\n        CidrIp: 10.0.0.0/16',
        },
        {
          format: 'cloudformation-json',
          bad: '"EndpointSecurityGroup": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "endpoints", "VpcId": {"Ref": "Vpc"}}}',
          good: '"EndpointSecurityGroup": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "endpoints", "VpcId": {"Ref": "Vpc"}, "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}]}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#create-interface-endpoint-aws',
        'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html',
      ],
    },
  },
  check(ctx) {
    // A rule or association we cannot place might be the one that admits HTTPS. (A memo: an edit
    // of one rule leaves the answer, and so every endpoint's step, as it was.)
    const unplaced = ctx.memo('VPCE501:unplaced', (c) => c.all('sg_ingress').some((r) => refKey(r.props.security_group) === undefined)
      || c.all('endpoint_sg_assoc').some((a) => refKey(a.props.endpoint) === undefined));
    if (unplaced) return;
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) !== 'Interface' || !ep.props.security_groups) return;
      const groups = ctx.derefAll(ep.props.security_groups);
      const extra = (byReference(ctx, 'endpoint_sg_assoc', 'endpoint').get(ep.key) ?? []).map((a) => ctx.deref(a.props.security_group));
      if (!groups || extra.includes(undefined)) return;
      const all = [...groups, ...(extra as Resource[])];
      if (!all.length || all.some((g) => g.kind !== 'security_group')) return;
      // A module or nested stack given a group may add rules to it; one given the endpoint, groups.
      if (endpointHandedOff(ctx, ep) || all.some((g) => handedOff(ctx, g))) return;
      const verdicts = all.map((g) => admitsHttps([...referrers(ctx, 'sg_ingress', 'security_group', g.key)]));
      if (verdicts.some((v) => v !== false)) return;
      const names = all.map((g) => `\`${g.displayName}\``).join(', ');
      ctx.report({
        loc: ep.props.security_groups.loc,
        message: `No inbound rule of this endpoint's security ${all.length > 1 ? 'groups' : 'group'} (${names}) admits TCP 443, so clients time out connecting to it.`,
        related: all.map((g) => ({ loc: g.nameLoc, message: `security group \`${g.displayName}\`` })),
        fixes: () => httpsRuleFix(ctx, ep, all[0], ctx.all('sg_ingress')),
      });
    });
  },
};

/** Whether some rule admits TCP 443: false only when every rule is known and none does. */
function admitsHttps(rules: Resource[]): boolean | undefined {
  let unknown = false;
  for (const r of rules) {
    const protocol = protocolOf(r);
    if (protocol === undefined) { unknown = true; continue; }
    if (protocol === 'all') return true;
    if (protocol !== 'tcp') continue;
    const from = r.props.from_port;
    const to = r.props.to_port;
    if (from?.t !== 'num' || to?.t !== 'num') { unknown = true; continue; }
    if (from.v <= 443 && 443 <= to.v) return true;
  }
  return unknown ? undefined : false;
}

/** `all`, `tcp` or another protocol name; undefined when unknown. */
function protocolOf(rule: Resource): string | undefined {
  const p = rule.props.protocol;
  const text = p?.t === 'num' ? String(p.v) : strValue(p);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower === '-1' || lower === 'all') return 'all';
  if (lower === 'tcp' || lower === '6') return 'tcp';
  return lower;
}

/** Adds a TCP 443 ingress rule from the VPC's CIDR to `group`. */
function httpsRuleFix(ctx: RuleContext, ep: Resource, group: Resource, ingress: readonly Resource[]): Fix[] {
  const vpc = ctx.deref(group.props.vpc) ?? ctx.deref(ep.props.vpc);
  const cidr = vpc?.kind === 'vpc' ? vpc.props.cidr : undefined;
  let source: NewValue | undefined;
  let known = false;
  if (cidr?.t === 'str' && cidr.v !== undefined) {
    source = { str: cidr.v };
    known = true;
  } else if (cidr) {
    const text = sourceText(ctx.scope, cidr.loc);
    if (text !== undefined) source = { raw: text };
  }
  if (!source) return [];
  // Terraform fights over a group that has inline rules and separate rule resources: review those.
  const inline = ingress.some((r) => r.parent === group.key);
  const edits = ctx.scope.editor.insertResource(group, {
    kind: 'sg_ingress',
    name: group.format === 'cloudformation' ? `${group.key}HttpsIngress` : 'https_from_vpc',
    props: {
      security_group: { refs: [group.key] }, protocol: { str: 'tcp' }, from_port: { num: 443 }, to_port: { num: 443 },
      cidrs: { list: [source] },
    },
  });
  return fixOf(`Admit HTTPS (TCP 443) from the VPC's CIDR in \`${group.displayName}\``, edits, { safe: known && !inline, preferred: true });
}
