// Terraform front end: a module directory's files -> Scope (model.ts).
export { initTerraform } from './parser';
export { TerraformCache } from './cache';
export { buildTerraformScope, terraformFileKind, type TerraformScopeOptions } from './scope';
