#!/usr/bin/env node
// Builds the browser harness's renderer (out/web) only when something it is built from changed.
// `npm run start:web` and the e2e global setup run this: the first start builds (about a minute
// on a busy machine), later starts with nothing changed skip straight to the server.
//
// "What it is built from" is exact, not guessed: after each build, the project files in Vite's
// module graph (renderer/ and the main/api files the renderer imports) are listed in a marker
// beside out/web (out/web.build.json) with one content hash over them, every file under
// renderer/, the build configs and package-lock.json (the dependencies). A start re-hashes that
// list; any difference, a missing file or an out/web/index.html that another build replaced
// means a rebuild. `--force` always builds; `--check` builds nothing and exits 1 when a build is
// due (0 when out/web is current).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'web');
const marker = path.join(root, 'out', 'web.build.json');
const CONFIGS = [
  'vite.web.config.ts',
  'vite.renderer.ts',
  'tsconfig.web.json',
  'tsconfig.base.json',
  'package-lock.json',
];

const sha = (buf) => createHash('sha256').update(buf).digest('hex');

function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** One hash over the files' names and contents; null when one of them is gone. */
function hashInputs(inputs) {
  const h = createHash('sha256');
  for (const rel of [...new Set(inputs)].sort()) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) return null;
    h.update(`${rel}\0${sha(fs.readFileSync(file))}\n`);
  }
  return h.digest('hex');
}

const indexHash = () => {
  const index = path.join(outDir, 'index.html');
  return fs.existsSync(index) ? sha(fs.readFileSync(index)) : null;
};

function upToDate() {
  if (!fs.existsSync(marker)) return false;
  let saved;
  try {
    saved = JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(saved.inputs) || saved.index !== indexHash() || saved.index === null) {
    return false;
  }
  return hashInputs([...saved.inputs, ...filesUnder('renderer'), ...CONFIGS]) === saved.hash;
}

async function build() {
  const { build: viteBuild } = await import('vite');
  const graph = new Set();
  await viteBuild({
    configFile: path.join(root, 'vite.web.config.ts'),
    logLevel: 'warn',
    plugins: [
      {
        name: 'record-inputs',
        generateBundle() {
          for (const id of this.getModuleIds()) {
            const file = id.split('?')[0];
            if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) {
              continue;
            }
            const rel = path.relative(root, file);
            if (!rel.startsWith('..') && fs.existsSync(file))
              graph.add(rel.split(path.sep).join('/'));
          }
        },
      },
    ],
  });
  const inputs = [...graph].sort();
  const hash = hashInputs([...inputs, ...filesUnder('renderer'), ...CONFIGS]);
  fs.writeFileSync(
    marker,
    `${JSON.stringify({ hash, index: indexHash(), builtAt: new Date().toISOString(), inputs }, null, 1)}\n`,
  );
  return inputs.length;
}

const force = process.argv.includes('--force');
if (process.argv.includes('--check')) {
  const current = upToDate();
  console.log(current ? 'renderer: out/web is current' : 'renderer: a build is due');
  process.exit(current ? 0 : 1);
}
if (!force && upToDate()) {
  console.log('renderer: unchanged since the last build, using out/web');
} else {
  const started = Date.now();
  console.log('renderer: building out/web (first start, or the renderer changed) …');
  const n = await build();
  console.log(
    `renderer: built from ${n} project files in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
