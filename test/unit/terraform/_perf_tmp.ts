import { buildTerraformScope, initTerraform } from '../../../server/src/engine/terraform';
const endpoint = (i: number) => `resource "aws_vpc_endpoint" "e${i}" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
  private_dns_enabled = true
}
`;
(async () => {
  await initTerraform();
  for (const n of [10000]) {
    const text = Array.from({ length: n }, (_, i) => endpoint(i)).join('\n');
    const t = Date.now(); const s = buildTerraformScope('/m', [{ path: '/m/a.tf', text }]); console.log(n, 'ms', Date.now() - t, s.resources.length);
  }
  try { const t = Date.now(); buildTerraformScope('/m', [{ path: '/m/d.tf', text: 'locals {\n  x = ' + '['.repeat(2000) + ']'.repeat(2000) + '\n}\n' }]); console.log('deep ok', Date.now() - t); } catch (e) { console.log('deep threw', (e as Error).message.slice(0, 100)); }
})();
