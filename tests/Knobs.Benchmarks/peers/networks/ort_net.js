// onnxruntime-node peer of the Knobs `networks` benchmark suite: runs DIR/model.onnx (exported by torch_net.py
// from the same weights) per (batch, threads), writes its outputs for the agreement check, prints JSON lines.
// Usage: node ort_net.js --net NET --dir DIR --batches 1,16 --threads 1,2 [--min-seconds S]
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

function args() {
  const a = { batches: '1,16', threads: '1,2', 'min-seconds': '1.0' };
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  if (!a.net || !a.dir) throw new Error('usage: ort_net.js --net NET --dir DIR [--batches 1,16] [--threads 1,2]');
  return a;
}

async function measure(session, feeds, minSeconds) {
  for (let i = 0; i < 3; i++) await session.run(feeds);
  const times = [];
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  while (times.length < 5 || elapsed() < minSeconds) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], mean: times.reduce((s, v) => s + v, 0) / times.length, n: times.length };
}

async function main() {
  const a = args();
  const batches = a.batches.split(',').map(Number);
  const threads = a.threads.split(',').map(Number);
  const version = require('onnxruntime-node/package.json').version;
  const buf = fs.readFileSync(path.join(a.dir, 'input.bin'));
  const input = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const per = 3 * 32 * 32;
  for (const t of threads) {
    const session = await ort.InferenceSession.create(path.join(a.dir, 'model.onnx'), {
      intraOpNumThreads: t, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
    });
    for (const b of batches) {
      const x = new ort.Tensor('float32', input.slice(0, b * per), [b, 3, 32, 32]);
      const feeds = { input: x };
      const out = (await session.run(feeds)).output.data;
      fs.writeFileSync(path.join(a.dir, `out_onnxruntime_b${b}.bin`), Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      const m = await measure(session, feeds, Number(a['min-seconds']));
      console.log(JSON.stringify({ peer: 'onnxruntime', version, net: a.net, batch: b, threads: t, median_ms: m.median, mean_ms: m.mean, iterations: m.n }));
    }
  }
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(1); });
