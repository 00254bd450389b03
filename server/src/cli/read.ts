// Reads a file for linting and remembers what it was, so --fix can tell whether it changed on
// disk in the meantime and whether its text can be written back byte for byte.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type * as Crypto from 'node:crypto';

export interface ReadFile {
  text: string;
  mtimeMs: number;
  /** Hash of the bytes read. */
  hash: string;
  /** The whole file was read and is valid UTF-8, so its text round-trips to the same bytes. */
  writable: boolean;
}

/** Reads at most `maxBytes + 1` bytes: enough for the engine to see a file is too large. */
export function readForLint(path: string, maxBytes: number): ReadFile {
  const { bytes, mtimeMs, complete } = readBytes(path, maxBytes);
  const text = bytes.toString('utf8');
  return { text, mtimeMs, hash: hashOf(bytes), writable: complete && Buffer.from(text, 'utf8').equals(bytes) };
}

/** The text only, for a run that writes nothing back. */
export function readText(path: string, maxBytes: number): string {
  return readBytes(path, maxBytes).bytes.toString('utf8');
}

function readBytes(path: string, maxBytes: number): { bytes: Buffer; mtimeMs: number; complete: boolean } {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    const size = Math.min(stat.size, maxBytes + 1);
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: buf.subarray(0, got), mtimeMs: stat.mtimeMs, complete: got === stat.size };
  } finally {
    closeSync(fd);
  }
}

/** Only --fix hashes files: loading node:crypto up front cost every other run some 7 ms. */
let crypto: typeof Crypto | undefined;

export function hashOf(bytes: Buffer): string {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
