// Builds what the linux-x64 package adds: a minimal Java runtime made with jlink from the build
// JDK, and a class-data-sharing archive of the server for exactly that runtime.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { CDS_ARCHIVE, JAR, JAR_MTIME, JVM_OPTIONS, RUNTIME } = require('../out/src/launch');

const root = path.join(__dirname, '..');
const jar = path.join(root, JAR);
const runtime = path.join(root, RUNTIME);

function run(cmd, args) {
  console.log(`> ${path.basename(cmd)} ${args.join(' ')}`);
  return cp.execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The JDK's bin folder: JAVA_HOME, else the one of `java` on PATH (symlinks resolved). */
function jdkBin() {
  if (process.env.JAVA_HOME) {
    return path.join(process.env.JAVA_HOME, 'bin');
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const java = path.join(dir, 'java');
    if (dir && fs.existsSync(java)) {
      return path.dirname(fs.realpathSync(java));
    }
  }
  throw new Error('No JDK found: set JAVA_HOME or put a JDK 17+ on PATH.');
}

const bin = jdkBin();
if (!fs.existsSync(jar)) {
  throw new Error(`${jar} is missing: run "npm run build" first.`);
}
const feature = /^(\d+)/.exec(run(path.join(bin, 'jlink'), ['--version']).trim())[1];

// jdeps finds the modules the jar links against. java.desktop and java.sql come only from optional
// Jackson/Gson support (java.beans, java.sql dates) the server never uses, and they bring AWT's
// native libraries; java.logging (LSP4J), java.xml (Jackson's serializers load org.w3c.dom) and
// jdk.unsupported (Gson may look up sun.misc.Unsafe by name) are needed but reached only through
// them or by reflection. The CDS training run below exercises a whole editor session on this
// runtime, so a missing module fails the build.
// jdk.zipfs is a service provider jdeps cannot see: needed only if the server opens a zip file
// system, which no class in the jar does.
const modules = run(path.join(bin, 'jdeps'), ['--print-module-deps', '--ignore-missing-deps', '--multi-release', feature, jar])
  .trim()
  .split(',')
  .filter((m) => m !== 'java.desktop' && m !== 'java.sql')
  .concat(['java.logging', 'java.xml', 'jdk.unsupported'])
  .filter((m, i, all) => all.indexOf(m) === i);
const classes = cp.execFileSync('unzip', ['-p', jar, '*.class'], { maxBuffer: 1 << 30 });
if (classes.includes('newFileSystem') || classes.includes('jdk/nio/zipfs')) {
  modules.push('jdk.zipfs');
}

fs.rmSync(runtime, { recursive: true, force: true });
// --generate-cds-archive: a dynamic archive needs the runtime's base archive under it.
run(path.join(bin, 'jlink'), ['--add-modules', modules.join(','), '--strip-debug', '--no-man-pages', '--no-header-files',
  '--compress=2', '--generate-cds-archive', '--output', runtime]);
// The base archive for heaps over 32 GB: with -Xmx128m compressed oops are always on.
fs.rmSync(path.join(runtime, 'lib', 'server', 'classes_nocoops.jsa'), { force: true });

// The server's own build-time training (server/src/build/CdsTraining.java): it starts the server on
// this runtime with the flags the extension uses, plays an editor session and records the archive.
// It also sets the jar's mtime to the fixed one the extension restores after installation (JAR_MTIME).
const repo = path.join(root, '..');
run(path.join(bin, 'java'), ['-cp', JAR, path.join(repo, 'server', 'src', 'build', 'CdsTraining.java'), root,
  path.join(runtime, 'bin', 'java'), JVM_OPTIONS, JAR, CDS_ARCHIVE, path.join(repo, 'docs', 'examples')]);
if (Math.floor(fs.statSync(jar).mtimeMs / 1000) !== JAR_MTIME) {
  throw new Error(`${JAR} does not have the mtime the extension restores (${JAR_MTIME}): CDS would refuse the archive`);
}

function size(p) {
  const st = fs.statSync(p);
  return st.isDirectory() ? fs.readdirSync(p).reduce((n, e) => n + size(path.join(p, e)), 0) : st.size;
}
const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
console.log(`Runtime (${modules.join(',')}): ${mib(size(runtime))}; CDS archive: ${mib(size(path.join(root, CDS_ARCHIVE)))}`);
