// `npm pack` hooks (prepack/postpack): the packed package.json carries no scripts, so installing
// the tarball runs nothing of ours (the repository's `prepare` builds with dev dependencies a user
// does not have, and npm 11 lists every install script as "not yet covered by allowScripts").
//   node scripts/pack-manifest.mjs strip    — keep package.json aside, write it without "scripts"
//   node scripts/pack-manifest.mjs restore  — put the original back (also after a failed pack)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const MANIFEST = 'package.json';
const BACKUP = '.package.json.before-pack';

function restore() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
}

function strip() {
  restore(); // a pack that failed before postpack left the original aside
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  delete manifest.scripts;
  delete manifest.allowScripts;
  writeFileSync(BACKUP, text);
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
}

const action = process.argv[2];
if (action === 'strip') strip();
else if (action === 'restore') restore();
else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exitCode = 2;
}
