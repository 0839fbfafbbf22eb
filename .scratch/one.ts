import { readFileSync } from 'node:fs';
import { check } from '../test/fuzz/fuzz-lib.js';
console.log(JSON.stringify(check(readFileSync(process.argv[2]!, 'utf8'), Infinity)));
