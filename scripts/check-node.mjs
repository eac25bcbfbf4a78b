// @ts-check
/**
 * Fails fast when a script runs on the wrong Node. npm scripts find the pinned Node
 * (node_modules/.bin/node, from the registry's `node` package) before the system one.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Interleave needs Node 24 (pinned in package.json); this is Node ${process.versions.node} at ${process.execPath}.\n` +
      'Run scripts through npm (npm start, npm test), which puts node_modules/.bin/node first on PATH.',
  );
  process.exit(1);
}
