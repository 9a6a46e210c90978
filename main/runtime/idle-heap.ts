import v8 from 'node:v8';

/**
 * Turns off V8's memory reducer in a station's backend process. A station is idle most of the
 * time and then answers one person's call; after a few idle seconds with little allocation the
 * reducer starts major collections to give memory back, and the next call lands in one. With
 * ten stations on a 2-core box (bench stations.mixed, one call a second each) that is where the
 * writes' p95 came from: pickup.complete 82 ms with it, 41 ms without, the same shop and load,
 * while the busier saturated run (no idle time, so no reducer) was faster than the idle one.
 * The price is a heap that stays at its working size instead of shrinking when idle.
 * The flag is read when the heap decides, so setting it at start (before the shop opens) works.
 */
export function keepHeapWhenIdle(): void {
  v8.setFlagsFromString('--no-memory-reducer');
}
