// VPCE104: the service part of an AWS endpoint service name is not a known endpoint service.
import type { Rule } from '../rule';
import { closestService } from '../data/aws';
import { fixOf } from './fixes';
import { endpointService, exactLocInName, locateInName } from './service-names';

export const rule: Rule = {
  meta: {
    code: 'VPCE104',
    name: 'unknown-endpoint-service',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds AWS endpoint service names whose service part is not a known endpoint service.',
      why: 'Endpoint service names do not always follow SDK or console names: it is `secretsmanager`, `ssmmessages`, ' +
        '`ecr.dkr`, `kinesis-streams`. A misspelled name fails at apply time with `InvalidServiceName`. ' +
        'Endpoint services of your own (`com.amazonaws.vpce.<region>.vpce-svc-...`) and AWS Marketplace or partner names are ' +
        'never flagged. Names of discontinued services are reported as warnings.',
      fix: 'Replaces the service part with the closest known endpoint service (did you mean). It is applied automatically ' +
        'only when the names differ just in separators (`ecr-dkr` -> `ecr.dkr`).',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "secrets" {\n  vpc_id            = aws_vpc.main.id\n  vpc_endpoint_type = "Interface"\n  service_name      = "com.amazonaws.eu-west-1.secretmanager"\n}',
          good: 'resource "aws_vpc_endpoint" "secrets" {\n  vpc_id            = aws_vpc.main.id\n  vpc_endpoint_type = "Interface"\n  service_name      = "com.amazonaws.eu-west-1.secretsmanager"\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "EcrDkrEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ecr-dkr'",
          good: "EcrDkrEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ecr.dkr'",
        },
        {
          format: 'cloudformation-json',
          bad: '"EcrDkrEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ecr-dkr"}\n  }\n}',
          good: '"EcrDkrEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ecr.dkr"}\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const service = endpointService(ep);
      if (!service || service.parsed.kind !== 'aws') return;
      const { entry, serviceSpan } = service.parsed;
      const name = service.parsed.service;
      const loc = locateInName(service, serviceSpan);
      if (entry) {
        if (entry.status === 'discontinued') {
          ctx.report({
            loc, severity: 'warning', tags: ['deprecated'],
            message: `\`${name}\` is the endpoint service of ${entry.displayName}, which AWS has discontinued: the endpoint cannot be created.`,
          });
        }
        return;
      }
      const suggestion = closestService(name);
      const target = exactLocInName(service, serviceSpan);
      const sameLetters = suggestion !== undefined && squash(suggestion) === squash(name);
      ctx.report({
        loc,
        message: suggestion
          ? `\`${name}\` is not a known endpoint service; did you mean \`${suggestion}\`?`
          : `\`${name}\` is not a known endpoint service.`,
        fixes: () => (suggestion && target
          ? fixOf(`Change to \`${suggestion}\``, ctx.scope.editor.replace(target, suggestion), { safe: sameLetters, preferred: true })
          : []),
      });
    });
  },
};

const squash = (s: string) => s.toLowerCase().replace(/[-.]/g, '');
