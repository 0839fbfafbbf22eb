/** The CLI from source (no build needed), for tests that spawn `pledge` as a real process. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
