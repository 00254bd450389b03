// Decides what a file is from its name and content. Unknown JSON/YAML is left alone, so a random
// `package.json` or Kubernetes manifest never gets a finding.
import type { FileKind } from './model';
import { looksLikeCloudFormation } from './cloudformation';
import { terraformFileKind } from './terraform';
import { looksLikePolicy } from './policy/file';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** `report`: the skip is worth telling the user (size, binary), unlike "not one of ours". */
export type Detection = { kind: FileKind } | { kind: 'none'; skipped: string; report?: boolean };

export function isTerraformKind(kind: FileKind): boolean {
  return kind === 'terraform' || kind === 'terraform-json' || kind === 'tfvars' || kind === 'tfvars-json';
}

/** By name alone: what a file could be, before reading it. */
export function candidateKind(path: string): 'terraform' | 'terraform-json' | 'tfvars' | 'tfvars-json' | 'structured' | undefined {
  const terraform = terraformFileKind(path);
  if (terraform !== 'none') return terraform as 'terraform' | 'terraform-json' | 'tfvars' | 'tfvars-json';
  const name = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (name === '.vpce-lint.json') return undefined;
  if (/\.(ya?ml|json|jsonc|template|cfn)$/.test(name)) return 'structured';
  return undefined;
}

export function detectKind(path: string, text: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Detection {
  const candidate = candidateKind(path);
  if (!candidate) return { kind: 'none', skipped: 'not a Terraform, CloudFormation or policy file name' };
  if (text.length > maxBytes) return { kind: 'none', skipped: `larger than ${Math.round(maxBytes / 1024)} KB`, report: true };
  if (isBinary(text)) return { kind: 'none', skipped: 'binary content', report: true };
  if (candidate !== 'structured') return { kind: candidate };
  const cfn = looksLikeCloudFormation(text, path);
  if (cfn) return { kind: cfn };
  if (looksLikePolicy(text, path)) return { kind: 'policy-json' };
  return { kind: 'none', skipped: 'neither a CloudFormation template nor a policy document' };
}

/** NUL characters do not occur in text formats; their presence means a binary file. */
export function isBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}
