#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli, compiled to dist/ by `npm run build` (run by `npm ci`
// in a clone and by `npm pack` before a tarball is made). It runs the bundled build
// (dist/cli-bundle/, a few files per command) when there is one, else tsc's output.

// `pledge check … | head` closes stdout early: stop quietly instead of dying on EPIPE.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

let cli;
try {
  cli = await import('../dist/cli-bundle/main.js').catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('cli-bundle')) return import('../dist/cli/main.js');
    throw error;
  });
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write('pledge: the CLI is not built; run `npm run build` in the package folder\n');
  process.exit(2);
}

process.exitCode = await cli.main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
