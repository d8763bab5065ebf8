/**
 * Micro-benchmark of @grove/placement (figures only, no assertions). Run: `npm run bench -w
 * @grove/placement` or `npx nx run @grove/placement:bench`.
 * Cluster: 1,024 nodes = 4 blocks × 8 racks × 32 hosts, 8 GPUs each (the issue-7 benchmark shape).
 */
import { placeGang, placePod, type GangRequest } from '../src/index.js';
import { aGang, aGroup, aPod, BLOCK, GPU, HOST, RACK, snapshotOf, topologyNodes } from '../src/test-support.js';

const SHAPE = { blocks: 4, racks: 8, hosts: 32 };

/** Benchmarks print plain lines on stdout (figures for docs/placement.md), not logs. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function time(label: string, runs: number, body: (i: number) => void): void {
  for (let i = 0; i < Math.min(20, runs); i++) body(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) body(i);
  const ms = performance.now() - started;
  print(`${label.padEnd(58)} ${(ms / runs).toFixed(3).padStart(8)} ms/op  ${Math.round((runs * 1000) / ms).toString().padStart(7)} op/s`);
}

const gpuPod = { [GPU]: 8, cpu: 8_000, memory: 64 * 2 ** 30 };
const gangs: Record<string, GangRequest> = {
  '16-pod gang, no constraint': aGang('ns/free', [aGroup('w', 16, gpuPod)]),
  '16-pod gang, required rack': aGang('ns/rack', [aGroup('w', 16, gpuPod)], { pack: { required: RACK } }),
  '16-pod gang, block ⊃ 4 groups × rack': aGang('ns/nested', ['a', 'b', 'c', 'd'].map((n) => aGroup(n, 4, gpuPod, { pack: { required: RACK } })), { pack: { required: BLOCK } }),
  '16-pod gang, preferred rack, required block': aGang('ns/pref', [aGroup('w', 16, gpuPod)], { pack: { required: BLOCK, preferred: RACK } }),
  '16-pod gang, 8 groups × 2 pods on one host': aGang('ns/host', Array.from({ length: 8 }, (_, i) => aGroup(`h${i}`, 2, { [GPU]: 4 }, { pack: { required: HOST } })), { pack: { required: RACK } }),
  '40-pod gang in one rack (fails: 32 hosts)': aGang('ns/toolarge', [aGroup('w', 40, gpuPod)], { pack: { required: RACK } }),
};

const snapshot = snapshotOf(topologyNodes(SHAPE));
print(`placement micro-benchmark: ${snapshot.nodeCount} nodes (${SHAPE.blocks} blocks × ${SHAPE.racks} racks × ${SHAPE.hosts} hosts, 8 GPUs each), node ${process.version}`);
for (const [label, gang] of Object.entries(gangs)) time(`placeGang: ${label}`, 500, () => placeGang(snapshot, gang));

// A cluster ~80 % full of assumed pods (every rack has room for only 6 hosts' worth), so the search has to look.
const busy = snapshotOf(topologyNodes(SHAPE));
busy.nodeStates().forEach((node, i) => {
  if (i % 32 >= 6) busy.addPod(`ns/filler-${i}`, node.info.name, { [GPU]: 8 });
});
time('placeGang: 4-pod rack gang on an 80 %-full cluster', 500, () => placeGang(busy, aGang('ns/busy', [aGroup('w', 4, gpuPod)], { pack: { required: RACK } })));
time('placeGang: 8-pod rack gang on an 80 %-full cluster (fails)', 200, () => placeGang(busy, aGang('ns/busy8', [aGroup('w', 8, gpuPod)], { pack: { required: RACK } })));

// The plain-pod path: 10,000 single pods one by one, each assumed in the snapshot after placement.
const plain = snapshotOf(topologyNodes(SHAPE));
const started = performance.now();
let placed = 0;
for (let i = 0; i < 10_000; i++) {
  const pod = aPod(`ns/plain-${i}`, { cpu: 500, memory: 2 ** 30, ...(i % 8 === 0 ? { [GPU]: 1 } : {}) });
  const result = placePod(plain, pod);
  if (!result.placed) continue;
  const [assignment] = result.assignments;
  if (assignment) plain.addPod(pod.key, assignment.node, pod.requests);
  placed++;
}
const ms = performance.now() - started;
print(`${'placePod + addPod: 10,000 plain pods one by one'.padEnd(58)} ${(ms / 10_000).toFixed(3).padStart(8)} ms/op  ${Math.round((10_000 * 1000) / ms).toString().padStart(7)} op/s  (${placed} placed, ${ms.toFixed(0)} ms total)`);

// Snapshot upkeep: one watch event (pod add+remove) with 4 topology indexes live.
for (const key of [BLOCK, RACK, HOST, 'topology.kubernetes.io/zone']) plain.domainIndex(key);
time('snapshot: addPod + removePod with 4 live domain indexes', 20_000, (i) => {
  plain.addPod(`ns/churn-${i}`, 'z0-b0-r0-h0', { [GPU]: 1 });
  plain.removePod(`ns/churn-${i}`);
});
