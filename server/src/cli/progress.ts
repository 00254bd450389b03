// A one-line progress counter on stderr for long runs on a terminal. Quiet for the first second,
// so quick runs print nothing extra.
import type { OutputStream } from './run';

const DELAY_MS = 1000;

export class Progress {
  private readonly started = Date.now();
  private shown = false;

  constructor(private readonly stream: OutputStream, private readonly enabled: boolean) {}

  update(done: number, total: number): void {
    if (!this.enabled || Date.now() - this.started < DELAY_MS) return;
    this.stream.write(`\r\x1b[KLinting ${done}/${total}...`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
