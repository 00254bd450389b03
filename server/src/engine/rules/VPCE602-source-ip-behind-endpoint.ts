// aws:SourceIp where requests arrive through a VPC endpoint: such requests carry aws:VpcSourceIp
// and no aws:SourceIp, so the condition silently stops matching the callers it was written for.
import type { Condition, Policy, Statement, Val } from '../model';
import type { RelatedInfo, Rule } from '../rule';
import { parseOperator, sameKey } from '../policy/keys';
import { fixOf } from './fixes';
import { actionService, effectOf, isEndpointKey, keyTaken, policyRole } from './policies';
import { exactTextLoc } from './source-text';

const NEW_KEY = 'aws:VpcSourceIp';

export const rule: Rule = {
  meta: {
    code: 'VPCE602',
    name: 'source-ip-behind-endpoint',
    severity: 'error',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: true,
    docs: {
      summary: '`aws:SourceIp` is used where requests arrive through a VPC endpoint, which carry `aws:VpcSourceIp` instead.',
      why: [
        'When a request reaches an AWS service through a VPC endpoint, its request context has no `aws:SourceIp`; the',
        'private address of the caller is in `aws:VpcSourceIp`. A private range (`10.0.0.0/8`, `172.16.0.0/12`,',
        '`192.168.0.0/16`, `100.64.0.0/10`, `fc00::/7`) in `aws:SourceIp` therefore never matches, `aws:SourceIp` in an',
        'endpoint policy never sees an address, and a statement that needs both `aws:SourceVpce`/`aws:SourceVpc` and',
        '`aws:SourceIp` never applies. `IpAddress` on the missing key is false and `NotIpAddress` is true, so an `Allow`',
        'grants nothing and a `Deny` refuses everyone. Public addresses in `aws:SourceIp` next to a negated',
        '`aws:SourceVpc` condition (the data perimeter "corporate network or my VPC" pattern) are correct and left alone.',
      ].join(' '),
      fix: 'Renames the key to `aws:VpcSourceIp`, keeping the operator and the values. Safe when every value is a private range; offered for review when some values are unknown; not offered when a value is a public address (only the author knows what was meant).',
      examples: [
        {
          format: 'terraform',
          bad: 'condition {\n  test     = "IpAddress"\n  variable = "aws:SourceIp"\n  values   = ["10.0.0.0/16"]\n}',
          good: 'condition {\n  test     = "IpAddress"\n  variable = "aws:VpcSourceIp"\n  values   = ["10.0.0.0/16"]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'Condition:\n  IpAddress:\n    aws:SourceIp: 172.31.0.0/16',
          good: 'Condition:\n  IpAddress:\n    aws:VpcSourceIp: 172.31.0.0/16',
        },
        {
          format: 'cloudformation-json',
          bad: '"Condition": {"NotIpAddress": {"aws:SourceIp": "192.168.0.0/16"}}',
          good: '"Condition": {"NotIpAddress": {"aws:VpcSourceIp": "192.168.0.0/16"}}',
        },
        {
          format: 'policy-json',
          bad: '"Condition": {\n  "StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"},\n  "IpAddress": {"aws:SourceIp": "10.1.0.0/16"}\n}',
          good: '"Condition": {\n  "StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"},\n  "IpAddress": {"aws:VpcSourceIp": "10.1.0.0/16"}\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
      ],
    },
  },
  check(ctx) {
    ctx.eachPolicy((policy) => {
      for (const stmt of policy.statements) {
        for (const cond of stmt.conditions) {
          if (!sameKey(cond.key, 'aws:SourceIp')) continue;
          const finding = reasonFor(policy, stmt, cond);
          if (!finding) continue;
          // Public addresses under aws:VpcSourceIp would be just as wrong: then only the author can
          // say what was meant.
          const written = cond.values.filter((v) => v.t === 'str' && v.v !== undefined);
          const anyPublic = written.some((v) => privateRange(v) === undefined);
          const allPrivate = cond.values.length > 0 && written.length === cond.values.length && !anyPublic;
          const at = anyPublic || keyTaken(stmt, cond, NEW_KEY) ? undefined : exactTextLoc(ctx.scope, cond.keyLoc, cond.key);
          ctx.report({
            loc: cond.keyLoc,
            message: finding.message,
            related: finding.related,
            fixes: at ? fixOf(`Rename to \`${NEW_KEY}\``, ctx.scope.editor.replace(at, NEW_KEY), { safe: allPrivate, preferred: true }) : [],
          });
        }
      }
    });
  },
};

interface Finding { message: string; related?: RelatedInfo[] }

function reasonFor(policy: Policy, stmt: Statement, cond: Condition): Finding | undefined {
  const privateValue = cond.values.map(privateRange).find((v) => v !== undefined);
  if (privateValue) {
    return { message: `\`${privateValue}\` is a private address range, but requests from private addresses reach AWS through a VPC endpoint, where \`${cond.key}\` is not set (they carry \`${NEW_KEY}\`).` };
  }
  if (policyRole(policy) === 'endpoint') {
    return { message: `\`${cond.key}\` in an endpoint policy: requests through a VPC endpoint carry \`${NEW_KEY}\`, never \`aws:SourceIp\`, so this condition cannot test the caller's address.` };
  }
  const positive = (c: Condition) => { const op = parseOperator(c.operator); return op.known && !op.negated; };
  const together = stmt.conditions.find((c) => isEndpointKey(c) && positive(c));
  if (together && positive(cond)) {
    return {
      message: `This statement needs both \`${together.key}\` and \`${cond.key}\`, but a request through a VPC endpoint has no \`aws:SourceIp\` (it carries \`${NEW_KEY}\`), so the statement never applies.`,
      related: [{ loc: together.keyLoc, message: `\`${together.key}\` is required here.` }],
    };
  }
  const deny = effectOf(stmt) === 'Allow' && positive(cond) ? endpointOnlyDeny(policy, stmt) : undefined;
  if (deny) {
    return {
      message: `\`${cond.key}\` only matches requests that do not come through a VPC endpoint, and this policy denies all of those, so the statement never applies (requests through the endpoint carry \`${NEW_KEY}\`).`,
      related: [{ loc: deny.loc, message: 'This statement denies every request that does not come through the endpoint.' }],
    };
  }
  return undefined;
}

/** A Deny in the same policy that refuses every request not made through an endpoint, for all of
 *  `stmt`'s actions and resources. */
function endpointOnlyDeny(policy: Policy, stmt: Statement): Statement | undefined {
  if (!stmt.complete || stmt.notActions || stmt.notResources) return undefined;
  return policy.statements.find((d) => {
    if (d === stmt || !d.complete || effectOf(d) !== 'Deny' || d.notActions || d.notResources || d.notPrincipals) return false;
    if (!d.conditions.length || !d.conditions.every((c) => isEndpointKey(c) && parseOperator(c.operator).negated)) return false;
    const actions = d.actions.map((a) => a.v?.toLowerCase());
    const coversActions = actions.includes('*') || stmt.actions.every((a) => {
      const svc = a.v && actionService(a.v);
      return a.v !== undefined && (actions.includes(a.v.toLowerCase()) || (svc !== undefined && actions.includes(`${svc}:*`)));
    });
    const resources = d.resources.map((r) => r.v);
    const coversResources = resources.includes('*') || stmt.resources.every((r) => r.v !== undefined && resources.includes(r.v));
    return coversActions && coversResources && stmt.actions.length > 0;
  });
}

const PRIVATE_V4: readonly [base: number, bits: number][] = [
  [ipv4('10.0.0.0')!, 8], [ipv4('172.16.0.0')!, 12], [ipv4('192.168.0.0')!, 16], [ipv4('100.64.0.0')!, 10],
];

/** The value, when it is an address or CIDR wholly inside a private range (RFC 1918, RFC 6598
 *  shared space, IPv6 unique local fc00::/7). */
function privateRange(val: Val): string | undefined {
  if (val.t !== 'str' || val.v === undefined) return undefined;
  const v = val.v.trim();
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(v);
  if (!m) return undefined;
  const v4 = ipv4(m[1]);
  if (v4 !== undefined) {
    const bits = m[2] === undefined ? 32 : Number(m[2]);
    if (bits > 32) return undefined;
    return PRIVATE_V4.some(([base, len]) => bits >= len && (v4 >>> (32 - len)) === (base >>> (32 - len))) ? v : undefined;
  }
  if (!m[1].includes(':') || !/^[0-9a-f:.]+$/i.test(m[1])) return undefined;
  const bits = m[2] === undefined ? 128 : Number(m[2]);
  const first = m[1].startsWith('::') ? 0 : parseInt(m[1].split(':')[0], 16);
  return bits >= 7 && bits <= 128 && (first & 0xfe00) === 0xfc00 ? v : undefined;
}

function ipv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}
