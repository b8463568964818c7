// Opens the packaged .vsix (a zip) and checks what an installation needs is inside it.
// Usage: node scripts/verify.js [--target linux-x64] [file.vsix ...]
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const t = args.indexOf('--target');
const target = t >= 0 ? args.splice(t, 2)[1] : undefined;
const files = args.length ? args : [`${pkg.name}-${target ? `${target}-` : ''}${pkg.version}.vsix`];

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) {
    failures++;
  }
}

for (const file of files) {
  const vsix = path.resolve(root, file);
  if (!fs.existsSync(vsix)) {
    check(false, `${file} exists (run "npm run package${target ? `:${target}` : ''}" first)`);
    continue;
  }
  console.log(`${file}: ${(fs.statSync(vsix).size / 1048576).toFixed(1)} MiB`);
  // zipinfo lines: "-rwxr-xr-x  3.0 unx  12345 bx defN 25-Nov-28 09:48 extension/runtime/bin/java"
  const listing = cp.execFileSync('unzip', ['-Z', vsix], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n');
  const entries = new Map();
  for (const line of listing) {
    const m = /^([-dl][rwxsStT-]{9})\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (m) {
      entries.set(m[3], { mode: m[1], size: Number(m[2]) });
    }
  }
  const has = (name) => entries.has(`extension/${name}`);
  const read = (entry) => cp.execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8' });

  const jar = entries.get('extension/server/astrid-pack-ls.jar');
  check(jar !== undefined && jar.size > 1 << 20, 'server/astrid-pack-ls.jar is inside');
  check(has('server/jvm.options'), 'server/jvm.options is inside');
  const rules = fs.readdirSync(path.join(root, '..', 'docs', 'rules')).filter((n) => n.endsWith('.md'));
  check(rules.length > 0 && rules.every((n) => has(`docs/rules/${n}`)), `docs/rules/*.md are inside (${rules.length} pages)`);
  check(['permissions.md', 'configuration.md', 'security.md'].every((n) => has(`docs/${n}`)), 'docs/*.md are inside');
  let manifest;
  try {
    manifest = JSON.parse(read('extension/package.json'));
  } catch {
    manifest = undefined;
  }
  check(manifest !== undefined && manifest.name === pkg.name && manifest.version === pkg.version, 'package.json is valid');
  const main = manifest && path.posix.normalize(manifest.main).replace(/^\.\//, '');
  check(main !== undefined && (has(main) || has(`${main}.js`)), `main (${manifest && manifest.main}) is inside`);
  check(has('node_modules/vscode-languageclient/package.json'), 'vscode-languageclient is inside');
  check(has('LICENSE') || has('LICENSE.txt'), 'LICENSE is inside');
  const platform = /TargetPlatform="([^"]+)"/.exec(read('extension.vsixmanifest'));
  if (target) {
    check(platform !== null && platform[1] === target, `targets ${target}`);
    const java = entries.get('extension/runtime/bin/java');
    check(java !== undefined && java.mode[3] === 'x', 'runtime/bin/java is inside and executable');
    check(has('server/astrid-pack-ls.jsa'), 'the CDS archive is inside');
  } else {
    check(platform === null, 'is universal');
    check(![...entries.keys()].some((e) => e.startsWith('extension/runtime/') || e.endsWith('.jsa')),
      'has no Java runtime and no CDS archive (an archive is only valid for the runtime that made it)');
  }
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
