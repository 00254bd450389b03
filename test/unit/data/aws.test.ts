import { strict as assert } from 'assert';
import {
  acceptedPrefixes, allRegions, closestRegion, closestService, expectedPrefix, looksLikeRegion, parseServiceName,
  partitionOf, regionEntry, serviceNamesFor,
} from '../../../server/src/engine/data/aws';
import { SERVICES } from '../../../server/src/engine/data/services.generated';
import type { ParsedServiceName } from '../../../server/src/engine/data/aws';

/** The spans must cut raw into exactly the parts reported. */
function assertSpans(p: ParsedServiceName) {
  assert.equal(p.raw.slice(...p.prefixSpan), p.prefix, `prefix of ${p.raw}`);
  assert.equal(p.raw.slice(...p.serviceSpan), p.service, `service of ${p.raw}`);
  if (p.region !== undefined) assert.equal(p.raw.slice(...p.regionSpan!), p.region, `region of ${p.raw}`);
}

describe('regions', () => {
  it('looks up regions from the SDK partitions data', () => {
    assert.deepEqual(regionEntry('eu-west-1'), { code: 'eu-west-1', partition: 'aws', description: 'Europe (Ireland)', dnsSuffix: 'amazonaws.com' });
    assert.equal(regionEntry('cn-north-1')?.dnsSuffix, 'amazonaws.com.cn');
    assert.equal(regionEntry('us-gov-west-1')?.partition, 'aws-us-gov');
    assert.equal(regionEntry('eusc-de-east-1')?.partition, 'aws-eusc');
    assert.equal(regionEntry('us-isob-east-1')?.dnsSuffix, 'sc2s.sgov.gov');
    assert.equal(regionEntry('aws-global'), undefined, 'pseudo-regions are not regions');
    assert.equal(regionEntry('us-east1'), undefined);
  });
  it('lists every region once, each matching its partition pattern', () => {
    const all = allRegions();
    assert.ok(all.length >= 46 && all.length < 80, `${all.length} regions`);
    assert.equal(new Set(all.map((r) => r.code)).size, all.length);
    for (const r of all) assert.equal(partitionOf(r.code)?.id, r.partition, r.code);
  });
  it('suggests the closest region', () => {
    assert.equal(closestRegion('us-east1'), 'us-east-1');
    assert.equal(closestRegion('useast1'), 'us-east-1');
    assert.equal(closestRegion('us-esat-1'), 'us-east-1');
    assert.equal(closestRegion('US-EAST-1'), 'us-east-1');
    assert.equal(closestRegion('eu-west-4'), 'eu-west-3');
    assert.equal(closestRegion('us-east-3'), 'us-east-2');
    assert.equal(closestRegion('eu-centrl-1'), 'eu-central-1');
    assert.equal(closestRegion('mars-north-9'), undefined);
    assert.equal(closestRegion('xx-yy-1'), undefined);
  });
  it('recognises region shapes and near misses', () => {
    for (const s of ['us-east-1', 'us-gov-west-1', 'cn-north-1', 'eusc-de-east-1', 'us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-east1', 'eu-west-4', 'eu-wset-1', 'ap-southeast-7']) {
      assert.ok(looksLikeRegion(s), s);
    }
    for (const s of ['s3', 'ecr', 'vpce-svc-1', 'foo-bar-1', 's3-global', 'global', 'us-east-1a', '']) assert.ok(!looksLikeRegion(s), s);
  });
});

describe('parseServiceName', () => {
  it('parses every pattern of the service table to its own entry (us-east-1)', () => {
    assert.ok(SERVICES.length >= 490);
    for (const entry of SERVICES) {
      const raw = entry.name.replace('{region}', 'us-east-1');
      const p = parseServiceName(raw);
      assert.ok(p, raw);
      assert.equal(p.entry, entry, raw);
      assert.equal(p.kind, entry.scope === 'global' ? 'global' : 'aws', raw);
      assert.equal(p.prefix, entry.prefix, raw);
      if (entry.scope === 'regional') assert.equal(p.region, 'us-east-1', raw);
      if (entry.scope === 'fixed-region') assert.equal(p.region, 'us-east-2', raw);
      assertSpans(p);
    }
  });
  it('parses China and other-partition names to the same entry', () => {
    let checked = 0;
    for (const entry of SERVICES) {
      const variants = [
        ...(entry.chinaPattern ? entry.chinaRegions!.map((r) => [entry.chinaPattern!, r]) : []),
        ...(entry.otherPartitions ?? []).flatMap((o) => o.regions.map((r) => [o.pattern, r])),
      ];
      for (const [pattern, region] of variants) {
        const p = parseServiceName(pattern.replace('{region}', region))!;
        assert.equal(p.entry, entry, pattern);
        assert.equal(p.region, region);
        assertSpans(p);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} variants`);
    const transcribe = parseServiceName('cn.com.amazonaws.cn-northwest-1.transcribe.cn')!;
    assert.equal(transcribe.prefix, 'cn.com.amazonaws');
    assert.equal(transcribe.service, 'transcribe.cn');
    assert.equal(transcribe.entry?.suffix, 'transcribe');
  });
  it('keeps a typo\'d region with its exact span', () => {
    const p = parseServiceName('com.amazonaws.us-east1.s3')!;
    assert.equal(p.kind, 'aws');
    assert.equal(p.region, 'us-east1');
    assert.deepEqual(p.regionSpan, [14, 22]);
    assert.equal(p.entry?.suffix, 's3');
    assert.equal(parseServiceName('com.amazonaws.euwest1.sqs')!.region, 'euwest1');
  });
  it('keeps a typo\'d service with no entry', () => {
    const p = parseServiceName('com.amazonaws.eu-west-1.secretmanager')!;
    assert.equal(p.kind, 'aws');
    assert.equal(p.service, 'secretmanager');
    assert.deepEqual(p.serviceSpan, [24, 37]);
    assert.equal(p.entry, undefined);
  });
  it('does not "fix" irregular real spellings', () => {
    for (const suffix of ['memory-db', 'memorydb-fips', 'iot-fips.api', 'airflow.api-fips', 'mail-manager-smtp.auth.fips', 'kinesis-streams', 'timestream.ingest-cell']) {
      assert.equal(parseServiceName(`com.amazonaws.us-east-1.${suffix}`)!.entry?.suffix, suffix);
    }
    assert.equal(parseServiceName('com.amazonaws.us-east-1.timestream.query-cell3')!.entry?.suffix, 'timestream.query-cell');
  });
  it('parses customer endpoint services, never with an entry', () => {
    const raw = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0';
    const p = parseServiceName(raw)!;
    assert.deepEqual({ kind: p.kind, prefix: p.prefix, region: p.region, service: p.service, entry: p.entry },
      { kind: 'customer', prefix: 'com.amazonaws.vpce', region: 'eu-west-1', service: 'vpce-svc-0123456789abcdef0', entry: undefined });
    assertSpans(p);
  });
  it('parses global names', () => {
    const p = parseServiceName('com.amazonaws.s3-global.accesspoint')!;
    assert.equal(p.kind, 'global');
    assert.equal(p.region, undefined);
    assert.equal(p.entry?.name, 'com.amazonaws.s3-global.accesspoint');
    const typo = parseServiceName('com.amazonaws.s3-global.acesspoint')!;
    assert.equal(typo.kind, 'global');
    assert.equal(typo.entry, undefined);
    assert.equal(closestService(typo.service), 's3-global.accesspoint');
  });
  it('recognises a regional service written without its region', () => {
    const p = parseServiceName('com.amazonaws.ecr.dkr')!;
    assert.equal(p.kind, 'aws');
    assert.equal(p.region, undefined);
    assert.equal(p.entry?.suffix, 'ecr.dkr');
  });
  it('recognises the fixed-region name written with another region', () => {
    const p = parseServiceName('aws.api.eu-west-1.route53globalresolver')!;
    assert.equal(p.region, 'eu-west-1');
    assert.equal(p.entry?.fixedRegion, 'us-east-2');
  });
  it('leaves partner names and unknown prefixes as other, and non-names undefined', () => {
    const p = parseServiceName('com.partner.eu-west-1.thing')!;
    assert.equal(p.kind, 'other');
    assert.equal(p.region, 'eu-west-1');
    assertSpans(p);
    assert.equal(parseServiceName('my.partner.service')!.kind, 'other');
    for (const raw of ['', 's3', 'com.amazonaws', 'com..amazonaws.s3', 'com.amazonaws.us-east-1. s3', '${var.name}']) {
      assert.equal(parseServiceName(raw), undefined, raw);
    }
  });
});

describe('service did-you-mean and prefixes', () => {
  it('suggests the closest service', () => {
    assert.equal(closestService('secretmanager'), 'secretsmanager');
    assert.equal(closestService('ssm-messages'), 'ssmmessages');
    assert.equal(closestService('ecr-dkr'), 'ecr.dkr');
    assert.equal(closestService('ecr_api'), 'ecr.api');
    assert.equal(closestService('lamda'), 'lambda');
    assert.equal(closestService('S3'), 's3');
    assert.equal(closestService('kinesis'), 'kinesis-streams');
    assert.equal(closestService('firehose'), 'kinesis-firehose');
    assert.equal(closestService('ec3'), undefined, 'ec2 and ecs are equally near');
    assert.equal(closestService('totally-unknown-thing'), undefined);
  });
  it('knows the China prefix per service and region', () => {
    assert.equal(expectedPrefix('ecr.dkr', 'cn-north-1'), 'cn.com.amazonaws');
    assert.equal(expectedPrefix('ecr.dkr', 'us-east-1'), 'com.amazonaws');
    assert.equal(expectedPrefix('logs', 'cn-north-1'), 'com.amazonaws');
    assert.equal(expectedPrefix('s3', 'cn-north-1'), 'com.amazonaws', 'S3 gateway keeps com.amazonaws');
    assert.equal(expectedPrefix('s3', 'cn-north-1', 'Interface'), 'cn.com.amazonaws');
    assert.deepEqual(acceptedPrefixes('s3', 'cn-north-1').sort(), ['cn.com.amazonaws', 'com.amazonaws']);
    assert.equal(expectedPrefix('polly', 'cn-north-1'), 'com.amazonaws', 'polly moved only in cn-northwest-1');
    assert.equal(expectedPrefix('polly', 'cn-northwest-1'), 'cn.com.amazonaws');
    assert.equal(expectedPrefix('notebook', 'eu-west-1'), 'aws.sagemaker');
    assert.equal(expectedPrefix('ecr.api', 'eusc-de-east-1'), 'eu.amazonaws');
    assert.equal(expectedPrefix('ecr.api', 'us-isob-east-1'), 'gov.sgov.sc2s');
    assert.equal(expectedPrefix('nope', 'us-east-1'), undefined);
  });
  it('offers completion names for a region', () => {
    const names = serviceNamesFor('eu-west-1').map((n) => n.name);
    assert.ok(names.includes('com.amazonaws.eu-west-1.ssmmessages'));
    assert.ok(names.includes('aws.sagemaker.eu-west-1.notebook'));
    assert.ok(names.includes('com.amazonaws.iam'));
    assert.ok(!names.includes('com.amazonaws.eu-west-1.robomaker'), 'discontinued');
    assert.ok(!names.some((n) => n.startsWith('gov.')), 'ISO-only names');
    assert.ok(!names.some((n) => n.includes('route53globalresolver')), 'fixed to us-east-2');
    const china = serviceNamesFor('cn-north-1').map((n) => n.name);
    assert.ok(china.includes('cn.com.amazonaws.cn-north-1.ec2'));
    assert.ok(china.includes('com.amazonaws.cn-north-1.logs'));
    assert.ok(china.includes('cn.com.amazonaws.cn-north-1.transcribe.cn'));
    assert.ok(china.includes('com.amazonaws.cn-north-1.s3') && china.includes('cn.com.amazonaws.cn-north-1.s3'));
  });
});
