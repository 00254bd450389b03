// How the server reports what fails: as text for its log, and as a VPCE005 diagnostic on the file.
import { engineDiagnostic, fileStart, INTERNAL_ERROR, type Diagnostic } from '../engine';

export function internalError(path: string, message: string): Diagnostic {
  return engineDiagnostic(INTERNAL_ERROR, fileStart(path), message);
}

export function errorText(err: unknown, withStack = false): string {
  if (err instanceof Error) return withStack && err.stack ? err.stack : err.message;
  return String(err);
}
