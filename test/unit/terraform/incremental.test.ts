// Keystroke rebuilds reuse what unchanged resource blocks produced: the scope after any sequence of
// edits must equal a build from scratch, and an edit inside one resource re-reads that one only.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { TerraformCache } from '../../../server/src/engine/terraform';
import type { Scope } from '../../../server/src/engine/model';
import { DIR, plain, ready, res, scopeOf } from './helpers';

const VARIABLES = `variable "region" {
  default = "eu-west-1"
}

variable "azs" {
  default = ["a", "b"]
}

locals {
  service = "ssm"
  zones   = { a = "10.0.1.0/24", b = "10.0.2.0/24" }
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

data "aws_region" "current" {}

data "aws_iam_policy_document" "ep" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
`;

const MAIN = `resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = "\${var.region}\${var.azs[count.index]}"
}

resource "aws_subnet" "zone" {
  for_each   = local.zones
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
}

resource "aws_security_group" "ep" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${var.region}.\${local.service}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.ep.id]
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "s3" {
  provider     = aws.west
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.\${data.aws_region.current.name}.s3"
  policy       = data.aws_iam_policy_document.ep.json
}

resource "aws_vpc_endpoint" "logs" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.eu-west-1.logs"
  policy       = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}]}
EOF
}

resource "aws_vpc_endpoint_policy" "ssm" {
  vpc_endpoint_id = aws_vpc_endpoint.ssm.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "ssm:*", Resource = "*", Principal = "*" }]
  })
}
`;

const TFVARS = 'region = "eu-west-1"\n';

type Files = Record<string, string>;

/** The parts of a scope a rule or a user can see, in a form deepStrictEqual can compare. */
function visible(s: Scope): unknown {
  return {
    resources: s.resources,
    byKey: [...s.byKey].map(([k, r]) => [k, s.resources.indexOf(r)]),
    policies: s.policies,
    files: s.files.map((f) => ({ path: f.path, kind: f.kind, problems: f.problems })),
    dependencies: s.dependencies,
  };
}

/** An edit a user could make: typing or deleting at an offset, or changing one known token. */
type Edit =
  | { file: string; at: number; insert: string }
  | { file: string; at: number; remove: number }
  | { file: string; replace: string; by: string };

function apply(files: Files, e: Edit): Files {
  const text = files[e.file];
  let next: string;
  if ('insert' in e) {
    const at = e.at % (text.length + 1);
    next = text.slice(0, at) + e.insert + text.slice(at);
  } else if ('remove' in e) {
    const at = e.at % (text.length + 1);
    next = text.slice(0, at) + text.slice(at + e.remove);
  } else next = text.replace(e.replace, e.by);
  return { ...files, [e.file]: next };
}

/** Changes to known tokens: regions, counts, services, references, labels, broken JSON. */
const REPLACEMENTS: [string, string][] = [
  ['eu-west-1', 'us-east-1'], ['us-west-2', 'cn-north-1'], ['"ssm"', '"ec2"'], ['["a", "b"]', '["a", "b", "c"]'],
  ['a = "10.0.1.0/24", ', ''], ['ssm', 'ssmx'], ['.name}', '.region}'], ['"Allow"', '"Allo'],
  ['aws_vpc.main.id', 'aws_vpc.other.id'], ['resource "aws_vpc" "main"', 'resource "aws_vpc" "other"'],
  ['Interface', 'Gateway'], ['"*"}]}', '"*"}]'], ['{\n', '\n'], ['}\n\n', '\n\n'],
];

const fileName = fc.constantFrom('main.tf', 'main.tf', 'main.tf', 'variables.tf', 'terraform.tfvars');
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ file: fileName, at: fc.nat(), insert: fc.constantFrom(' ', '\n', 'x', '"', '{', '}', '[', '#', '1', '\n\n', '= ', '${', 'count = 2\n') }),
  fc.record({ file: fileName, at: fc.nat(), remove: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    file: fc.constantFrom('main.tf', 'variables.tf', 'terraform.tfvars'),
    change: fc.constantFrom(...REPLACEMENTS),
  }).map(({ file, change: [replace, by] }) => ({ file, replace, by })),
);

describe('terraform incremental rebuilds', function () {
  this.timeout(120000);
  before(ready);

  it('equals a build from scratch after every edit of a random sequence', () => {
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 25 }), (edits) => {
      const cache = new TerraformCache();
      let files: Files = { 'variables.tf': VARIABLES, 'main.tf': MAIN, 'terraform.tfvars': TFVARS };
      try {
        scopeOf(files, cache);
        for (const e of edits) {
          files = apply(files, e);
          assert.deepStrictEqual(visible(scopeOf(files, cache)), visible(scopeOf(files)));
          // Every top-level block, including those no resource comes from, as a fresh parse has it.
          const fresh = new TerraformCache();
          for (const [name, text] of Object.entries(files)) {
            assert.deepStrictEqual(cache.syntaxOf(`${DIR}/${name}`, text), fresh.syntaxOf(`${DIR}/${name}`, text));
          }
          fresh.clear();
        }
      } finally {
        cache.clear();
      }
    }), { numRuns: 40, seed: 42 });
  });

  it('equals a build from scratch after edits whose effect reaches past the edited text', () => {
    const heredocEnd = MAIN.indexOf('EOF\n}');
    const sequences: Edit[][] = [
      // The heredoc's closing marker stops being one: the rest of the file is inside the string.
      [{ file: 'main.tf', at: heredocEnd, insert: ' ' }, { file: 'main.tf', at: heredocEnd, remove: 1 }],
      // An opened quote, then closed again.
      [{ file: 'main.tf', at: MAIN.indexOf('resource "aws_subnet"'), insert: '"' }, { file: 'main.tf', at: MAIN.indexOf('resource "aws_subnet"'), remove: 1 }],
      // A broken heredoc, then an error at the top of the file: recovery parses the same later
      // text into a different tree.
      [{ file: 'main.tf', at: heredocEnd - 5, remove: 5 }, { file: 'main.tf', replace: '{\n', by: '\n' }, { file: 'main.tf', at: 0, insert: ' ' }],
    ];
    for (const edits of sequences) {
      const cache = new TerraformCache();
      let files: Files = { 'variables.tf': VARIABLES, 'main.tf': MAIN };
      scopeOf(files, cache);
      for (const e of edits) {
        files = apply(files, e);
        assert.deepStrictEqual(visible(scopeOf(files, cache)), visible(scopeOf(files)));
      }
      cache.clear();
    }
  });

  it('moves what later blocks produced when an edit moves them, on the same line and below', () => {
    const cache = new TerraformCache();
    const line = 'resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" } resource "aws_vpc" "b" { cidr_block = "10.1.0.0/16" }\n';
    const text = `${line}\n${MAIN}`;
    const before = scopeOf({ 'variables.tf': VARIABLES, 'main.tf': text }, cache);
    for (const edited of [text.replace('10.0.0.0/16', '10.0.0.0/8'), text.replace('10.0.0.0/16"', '10.0.0.0/16"\n')]) {
      const after = scopeOf({ 'variables.tf': VARIABLES, 'main.tf': edited }, cache);
      assert.deepStrictEqual(visible(after), visible(scopeOf({ 'variables.tf': VARIABLES, 'main.tf': edited })));
      // Not extracted again: the parts without a position are the very same objects.
      assert.notEqual(res(after, 'aws_vpc.b'), res(before, 'aws_vpc.b'));
      assert.equal(res(after, 'aws_vpc.b').defaulted, res(before, 'aws_vpc.b').defaulted);
      assert.equal(res(after, 'aws_vpc.main').defaulted, res(before, 'aws_vpc.main').defaulted);
      scopeOf({ 'variables.tf': VARIABLES, 'main.tf': text }, cache);
    }
    cache.clear();
  });

  it('re-reads only the resource an edit touched and keeps the others as they were', () => {
    const cache = new TerraformCache();
    const before = scopeOf({ 'variables.tf': VARIABLES, 'main.tf': MAIN }, cache);
    const after = scopeOf({ 'variables.tf': VARIABLES, 'main.tf': MAIN.replace('"10.0.0.0/16"', '"10.1.0.0/16"') }, cache);
    assert.equal(plain(res(after, 'aws_vpc.main').props.cidr), '10.1.0.0/16');
    assert.notEqual(res(after, 'aws_vpc.main'), res(before, 'aws_vpc.main'));
    // Same objects: not extracted again.
    assert.equal(res(after, 'aws_subnet.private[1]'), res(before, 'aws_subnet.private[1]'));
    assert.equal(res(after, 'aws_vpc_endpoint.s3'), res(before, 'aws_vpc_endpoint.s3'));
    // The endpoint that receives an aws_vpc_endpoint_policy is a fresh copy each build, with one policy.
    assert.equal(res(after, 'aws_vpc_endpoint.ssm').policies?.length, 1);
    assert.equal(res(before, 'aws_vpc_endpoint.ssm').policies?.length, 1);
    cache.clear();
  });

  it('re-reads every resource when a variable, a local or a provider region changes', () => {
    const cache = new TerraformCache();
    scopeOf({ 'variables.tf': VARIABLES, 'main.tf': MAIN }, cache);
    let s = scopeOf({ 'variables.tf': VARIABLES.replace('eu-west-1', 'eu-central-1'), 'main.tf': MAIN }, cache);
    assert.equal(plain(res(s, 'aws_vpc_endpoint.ssm').props.service_name), 'com.amazonaws.eu-central-1.ssm');
    assert.equal(plain(res(s, 'aws_subnet.private[0]').props.az), 'eu-central-1a');
    s = scopeOf({ 'variables.tf': VARIABLES.replace('eu-west-1', 'eu-central-1').replace('us-west-2', 'us-east-2'), 'main.tf': MAIN }, cache);
    assert.equal(res(s, 'aws_vpc_endpoint.s3').region.value, 'us-east-2');
    assert.equal(plain(res(s, 'aws_vpc_endpoint.s3').props.service_name), 'com.amazonaws.eu-central-1.s3');
    s = scopeOf({ 'variables.tf': VARIABLES.replace('service = "ssm"', 'service = "ec2"'), 'main.tf': MAIN }, cache);
    assert.equal(plain(res(s, 'aws_vpc_endpoint.ssm').props.service_name), 'com.amazonaws.eu-west-1.ec2');
    cache.clear();
  });

  it('follows a changed count into the resources that reference its instances', () => {
    const cache = new TerraformCache();
    scopeOf({ 'variables.tf': VARIABLES, 'main.tf': MAIN }, cache);
    const s = scopeOf({ 'variables.tf': VARIABLES, 'main.tf': MAIN.replace('count             = length(var.azs)', 'count = 3') }, cache);
    assert.deepEqual(plain(res(s, 'aws_vpc_endpoint.ssm').props.subnets), ['aws_subnet.private[0].id', 'aws_subnet.private[1].id', 'aws_subnet.private[2].id']);
    cache.clear();
  });
});
