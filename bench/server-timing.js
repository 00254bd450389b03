// Loaded into the language server (`node -r`) by the latency benchmark's extra run: splits each
// edit's latency into the server's share and the rest. Per didChange it records the time from its
// bytes arriving on stdin to the server writing the publish that answers it, and the GC pauses in
// between; at exit it writes them to $BENCH_SERVER_TIMING as JSON lines `[serverMs, gcMs, scavenges]`.
const fs = require('fs');
const { performance, PerformanceObserver, constants } = require('perf_hooks');

const out = process.env.BENCH_SERVER_TIMING;
const edits = [];
const pauses = [];
let arrived = -1;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration, minor: e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR });
}).observe({ entryTypes: ['gc'] });

process.stdin.on('data', (chunk) => {
  // The method name is in the message's first bytes; the chunk may hold the header too.
  if (arrived < 0 && chunk.subarray(0, 200).includes('"textDocument/didChange"')) arrived = performance.now();
});

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const written = write(chunk, ...rest);
  if (arrived >= 0 && typeof chunk !== 'string' && chunk.subarray(0, 200).includes('"textDocument/publishDiagnostics"')) {
    edits.push({ start: arrived, end: performance.now() });
    arrived = -1;
  }
  return written;
};

process.on('exit', () => {
  if (!out) return;
  const lines = edits.map(({ start, end }) => {
    const inside = pauses.filter((p) => p.start >= start && p.start < end);
    const gc = inside.reduce((sum, p) => sum + p.ms, 0);
    return JSON.stringify([end - start, gc, inside.filter((p) => p.minor).length]);
  });
  fs.writeFileSync(out, lines.join('\n') + '\n');
});
