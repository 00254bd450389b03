// `AWS::Partition` from the generated SDK partitions table: every partition by its regions, and
// unknown (not `aws`) for a region no partition claims.
import { strict as assert } from 'node:assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import type { Val } from '../../../server/src/engine/model';
import { plain } from './helpers';

function partition(region: string): Val | undefined {
  const text = ['Resources:', '  E:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', '      ServiceName: !Ref AWS::Partition', ''].join('\n');
  return buildCloudFormationScope({ path: 't.yaml', text }, { region }).byKey.get('E')!.props.service_name;
}

describe('CloudFormation AWS::Partition', () => {
  it('names the partition of known regions and of new regions by their pattern', () => {
    const cases: [string, string][] = [
      ['eu-west-1', 'aws'], ['il-central-1', 'aws'], ['cn-northwest-1', 'aws-cn'], ['us-gov-east-1', 'aws-us-gov'],
      ['us-iso-east-1', 'aws-iso'], ['us-isob-east-1', 'aws-iso-b'], ['us-isof-south-1', 'aws-iso-f'],
      ['eu-isoe-west-1', 'aws-iso-e'], ['eusc-de-east-1', 'aws-eusc'], ['us-isob-west-9', 'aws-iso-b'],
    ];
    for (const [region, expected] of cases) assert.deepEqual(plain(partition(region)), expected, region);
  });

  it('stays unknown for a region no partition claims', () => {
    assert.deepEqual(plain(partition('zz-north-1')), { unknown: 'AWS::Partition' });
  });
});
