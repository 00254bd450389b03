// Placeholder until phase 2.
import type { Editor, FileKind } from '../model';
import type { TemplateSource } from './source';

export function createCloudFormationEditor(_source: TemplateSource, _kind: FileKind): Editor {
  return { format: 'cloudformation', replace: () => [], setProp: () => [], removeProp: () => [], insertResource: () => [], addCondition: () => [] };
}
