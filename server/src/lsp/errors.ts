// How the server reports what fails: as text for its log, and as a VPCE005 diagnostic on the file.
import { ENGINE_DIAGNOSTICS, docsUrl, type Diagnostic } from '../engine';

export const INTERNAL_ERROR = ENGINE_DIAGNOSTICS.find((m) => m.code === 'VPCE005')!;

export function internalError(path: string, message: string): Diagnostic {
  return {
    code: INTERNAL_ERROR.code, name: INTERNAL_ERROR.name, severity: INTERNAL_ERROR.severity, message,
    loc: { file: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    related: [], fixes: [], tags: [], docsUrl: docsUrl(INTERNAL_ERROR.code),
  };
}

export function errorText(err: unknown, withStack = false): string {
  if (err instanceof Error) return withStack && err.stack ? err.stack : err.message;
  return String(err);
}
