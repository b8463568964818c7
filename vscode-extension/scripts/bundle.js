// Copies the server jar, its JVM flags and the user docs into the extension, so that nothing is downloaded at
// run time. CI builds the server first; ASTRID_SERVER_JAR points elsewhere while developing.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const jar = process.env.ASTRID_SERVER_JAR || path.join(root, '..', 'server', 'target', 'astrid-pack-ls.jar');
const docs = path.join(root, '..', 'docs');
const jvmOptions = path.join(root, '..', 'server', 'src', 'dist', 'lib', 'jvm.options');

if (!fs.existsSync(jar)) {
  console.error(`No server jar at ${jar}.\nBuild it first (in the repository root: mvn -q package -DskipTests) or set ASTRID_SERVER_JAR.`);
  process.exit(1);
}

// Start clean: a stale CDS archive or runtime must not leak into the universal package.
for (const dir of ['server', 'docs']) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}
fs.mkdirSync(path.join(root, 'server'));
fs.copyFileSync(jar, path.join(root, 'server', 'astrid-pack-ls.jar'));
fs.copyFileSync(jvmOptions, path.join(root, 'server', 'jvm.options'));

// The server links each diagnostic code to docs/rules/<code>.md and hovers to docs/*.md.
let pages = 0;
for (const sub of ['', 'rules']) {
  const from = path.join(docs, sub);
  const to = path.join(root, 'docs', sub);
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from).filter((n) => n.endsWith('.md'))) {
    fs.copyFileSync(path.join(from, name), path.join(to, name));
    pages++;
  }
}
console.log(`Bundled ${jar} and ${pages} doc pages.`);
