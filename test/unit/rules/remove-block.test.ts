// Removing a whole Terraform block: the lines it stands on, unless the parser read it only by
// starting over after an error (then removing it could change how the rest of the file reads).
import { strict as assert } from 'assert';
import type { RuleContext } from '../../../server/src/engine/rule';
import { removeBlockEdits } from '../../../server/src/engine/rules/fixes';
import { applyEdits } from '../../../server/src/engine/edits';
import { ready, res, scopeOf } from '../terraform/helpers';

describe('removeBlockEdits', () => {
  before(ready);

  it('removes a block and the blank line before it, and no block read after an earlier error', () => {
    const clean = 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_route" "r" {\n  route_table_id = "rtb-1"\n}\n';
    const scope = scopeOf({ 'main.tf': clean });
    const edits = removeBlockEdits({ scope } as RuleContext, res(scope, 'aws_route.r'));
    assert.equal(applyEdits(clean, edits!), 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    const stray = scopeOf({ 'main.tf': clean.replace('}\n\n', '}\n}\n\n') });
    assert.equal(removeBlockEdits({ scope: stray } as RuleContext, res(stray, 'aws_route.r')), undefined);
  });
});
