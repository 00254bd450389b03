import { strict as assert } from 'assert';
import { plain, ready, res, scopeOf } from './helpers';

const MAIN = 'variable "cidr" { default = "10.0.0.0/16" }\nresource "aws_vpc" "v" { cidr_block = var.cidr }\n';

describe('terraform tfvars loaded only with -var-file', () => {
  before(ready);

  it('leaves a variable that dev.tfvars or prod.tfvars sets unknown instead of taking its default', () => {
    const s = scopeOf({ 'main.tf': MAIN, 'dev.tfvars': 'cidr = "10.8.0.0/16"\n', 'prod.tfvars': 'cidr = "10.9.0.0/16"\n' });
    assert.equal(plain(res(s, 'aws_vpc.v').props.cidr), '<unknown: variable `cidr` is set by `dev.tfvars`, loaded only with -var-file>');
    const json = scopeOf({ 'main.tf': MAIN, 'prod.tfvars.json': '{ "cidr": "10.9.0.0/16" }' });
    assert.equal(plain(res(json, 'aws_vpc.v').props.cidr), '<unknown: variable `cidr` is set by `prod.tfvars.json`, loaded only with -var-file>');
  });

  it('keeps defaults of variables such files do not set, and is unknown even over auto-loaded values', () => {
    const other = scopeOf({ 'main.tf': MAIN, 'dev.tfvars': 'region = "eu-west-1"\n' });
    assert.equal(plain(res(other, 'aws_vpc.v').props.cidr), '10.0.0.0/16');
    // -var-file overrides terraform.tfvars, so the deployed value depends on the command line.
    const auto = scopeOf({ 'main.tf': MAIN, 'dev.tfvars': 'cidr = "10.8.0.0/16"\n', 'terraform.tfvars': 'cidr = "10.1.0.0/16"\n' });
    assert.equal(plain(res(auto, 'aws_vpc.v').props.cidr), '<unknown: variable `cidr` is set by `dev.tfvars`, loaded only with -var-file>');
  });
});
