// Development only (tsx, vitest, the browser host): loads a worker's TypeScript source through tsx.
// The bundled program runs each worker's own built file instead (see worker-entry.ts).
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.entry);
