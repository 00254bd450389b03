// Fixes that move an association to a new Gateway endpoint: the new endpoint is inserted and the
// old association removed in one change, so the finding goes away.
import { strict as assert } from 'assert';
import { applyEdits, initEngine, Workspace, type Diagnostic } from '../../../server/src/engine';

function lint(file: string, text: string): Diagnostic[] {
  const ws = new Workspace();
  ws.setFile(`/m/${file}`, text);
  return [...ws.lintAll().values()].flat();
}

function applyFix(file: string, text: string, code: string, title: RegExp): string {
  const fix = lint(file, text).filter((d) => d.code === code).flatMap((d) => d.fixes).find((f) => title.test(f.title));
  assert.ok(fix, `a fix matching ${title}`);
  return applyEdits(text, fix.edits);
}

const YAML = `Resources:
  HubVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SpokeVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  HubRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref HubVpc
  SpokeRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref SpokeVpc
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref HubVpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds:
        - !Ref HubRouteTable
        - !Ref SpokeRouteTable
`;

describe('fixes that move a route table to a new Gateway endpoint', () => {
  before(() => initEngine());

  it('VPCE301: takes the foreign route table off the endpoint and gives it an endpoint in its own VPC', () => {
    const fixed = applyFix('template.yaml', YAML, 'VPCE301', /^Move /);
    assert.equal(fixed, YAML.replace('        - !Ref HubRouteTable\n        - !Ref SpokeRouteTable\n', `        - !Ref HubRouteTable
  S3SpokeVpcEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      VpcEndpointType: Gateway
      VpcId: !Ref SpokeVpc
      RouteTableIds: [!Ref SpokeRouteTable]
`));
    assert.deepEqual(lint('template.yaml', fixed).filter((d) => d.code === 'VPCE301' || d.code === 'VPCE001'), []);
  });

  it('VPCE302: replaces a peering route for the prefix list with a Gateway endpoint of the route table\'s VPC', () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "hub" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "spoke" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc_peering_connection" "hub_spoke" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.spoke.id
}

resource "aws_route_table" "spoke" {
  vpc_id = aws_vpc.spoke.id

  route {
    destination_prefix_list_id = aws_vpc_endpoint.s3.prefix_list_id
    vpc_peering_connection_id  = aws_vpc_peering_connection.hub_spoke.id
  }
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.hub.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`;
    const fixed = applyFix('main.tf', tf, 'VPCE302', /in place of this route/);
    assert.ok(!fixed.includes('route {'), fixed);
    assert.ok(fixed.includes('resource "aws_vpc_endpoint" "s3_spoke" {'), fixed);
    assert.deepEqual(lint('main.tf', fixed).filter((d) => d.code === 'VPCE302' || d.code === 'VPCE001').map((d) => d.message), []);
  });
});
