// Development only (tsx, vitest, the browser host): loads the TypeScript worker through tsx.
// The bundled program runs copy-worker.cjs, built from copy-worker.ts, instead.
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.entry);
