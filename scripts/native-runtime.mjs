#!/usr/bin/env node
// Makes sure better-sqlite3's compiled addon matches the runtime about to load it:
// `node` for tests, seed, bench and the harness; `electron` for the app. A marker file
// remembers the last build, so the usual case costs one small file read.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = path.join(root, 'node_modules', '.native-runtime.json');
const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native-runtime.mjs <node|electron>');
  process.exit(2);
}

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return null;
  }
}

const want =
  target === 'node'
    ? { runtime: 'node', abi: process.versions.modules }
    : { runtime: 'electron', version: electronVersion() };
const have = fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, 'utf8')) : null;
const same = have && JSON.stringify(have) === JSON.stringify(want);

/** null when the addon loads in this Node, else why not (e.g. NODE_MODULE_VERSION mismatch). */
function nodeLoadError() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

if (target === 'node') {
  // The marker says what it was built for; loading it (a few ms) catches a stale marker too,
  // e.g. after someone ran `electron-builder install-app-deps` by hand.
  const why = have?.runtime === 'electron' ? 'it was built for Electron' : nodeLoadError();
  if (!why) {
    if (!same) fs.writeFileSync(marker, JSON.stringify(want));
    process.exit(0);
  }
  console.error(`Rebuilding better-sqlite3 for Node ${process.version} (${why})…`);
  execSync('npm rebuild better-sqlite3', { cwd: root, stdio: 'inherit' });
  const still = nodeLoadError();
  if (still) {
    console.error(`better-sqlite3 still does not load in Node: ${still}`);
    process.exit(1);
  }
  fs.writeFileSync(marker, JSON.stringify(want));
  process.exit(0);
}

if (same) process.exit(0);
let binary = null;
try {
  binary = require('electron');
} catch {
  binary = null;
}
if (!want.version || !binary || !fs.existsSync(binary)) {
  console.error(
    'The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set?).\n' +
      'Run `npm install` with internet access, or use the browser harness: npm run start:web',
  );
  process.exit(1);
}
console.error(`Rebuilding better-sqlite3 for Electron ${want.version}…`);
execSync('npx electron-builder install-app-deps', { cwd: root, stdio: 'inherit' });
fs.writeFileSync(marker, JSON.stringify(want));
