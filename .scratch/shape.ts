import { input } from '../test/fuzz/fuzz-lib.js';
for (const i of [15, 35, 43, 119, 123, 155]) { const t = input('extreme', 1, i); console.log(i, t.length, JSON.stringify(t.slice(150, 330))); }
