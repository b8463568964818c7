import { execFileSync, spawnSync } from 'node:child_process';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JAR_MTIME, JVM_OPTIONS, LaunchFs, parseJvmOptions, serverExecutable, splitArgs } from '../src/launch';

const ext = path.join(path.sep, 'ext');
const jsa = path.join(ext, 'server', 'astrid-pack-ls.jsa');
const jar = path.join(ext, 'server', 'astrid-pack-ls.jar');
const options = path.join(ext, JVM_OPTIONS);
/** The one jvm.options of the repository, which the build copies into the extension. */
const shipped = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'server', 'src', 'dist', 'lib', 'jvm.options'), 'utf8');

/** Files present, with their mtimes; setMtime succeeds unless the install is read-only. */
function fakeFs(files: Record<string, number>, readOnly = false, jvmOptions = shipped): LaunchFs & { touched: string[] } {
  const touched: string[] = [];
  return {
    touched,
    isFile: (p) => p in files,
    readFile: (p) => {
      assert.equal(p, options);
      return jvmOptions;
    },
    mtime: (p) => files[p],
    setMtime: (p, s) => {
      if (readOnly) {
        return false;
      }
      touched.push(p);
      files[p] = s;
      return true;
    },
  };
}

/** Java on PATH or in JAVA_HOME, for the tests that run a real JVM with the computed flags. */
const java = [process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java'), 'java'].find(
  (j) => j && spawnSync(j, ['-version']).status === 0,
);

/** Runs a real JVM with the flags the extension would pass, `tail` instead of `-jar JAR`. */
function runJvm(args: string[], tail: string[]): { stdout: string; stderr: string } {
  const flags = args.slice(0, args.indexOf('-jar'));
  const r = spawnSync(java!, [...flags, ...tail], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('parseJvmOptions', () => {
  it('takes one flag per line and skips blank lines and comments, with either line ending', () => {
    assert.deepEqual(parseJvmOptions('# comment\r\n-Xmx1g\r\n\r\n  -Da=b  \n#-Xint\n-XX:+UseSerialGC'), ['-Xmx1g', '-Da=b', '-XX:+UseSerialGC']);
  });
});

describe('serverExecutable', () => {
  it('runs the bundled jar with the flags of server/jvm.options, the docs folder and no arguments', () => {
    const exe = serverExecutable({ extensionPath: ext, java: '/usr/bin/java', bundled: false, fs: fakeFs({ [jar]: 1 }, false, '# x\n-Xmx99m\n-Dq=1\n') });
    assert.equal(exe.command, '/usr/bin/java');
    assert.deepEqual(exe.args, ['-Xmx99m', '-Dq=1', `-Dastrid.docs=${path.join(ext, 'docs')}`, '-jar', jar]);
    assert.ok(!('transport' in exe), 'a transport would make the client append --stdio');
    assert.deepEqual(exe.options, { cwd: ext }, 'CDS resolves the archived jar path from the working directory');
  });

  const usesArchive = (bundled: boolean, fs: LaunchFs) =>
    serverExecutable({ extensionPath: ext, java: 'j', bundled, fs }).args.includes(`-XX:SharedArchiveFile=${jsa}`);

  it('uses the CDS archive only with the bundled runtime, and only if it is there', () => {
    assert.equal(usesArchive(true, fakeFs({ [jar]: JAR_MTIME, [jsa]: 1 })), true);
    assert.equal(usesArchive(true, fakeFs({ [jar]: JAR_MTIME })), false);
    assert.equal(usesArchive(false, fakeFs({ [jar]: JAR_MTIME, [jsa]: 1 })), false);
  });

  it("restores the jar's build mtime, which unpacking the .vsix lost, so that CDS accepts it", () => {
    const fs = fakeFs({ [jar]: 1764320000, [jsa]: 1 });
    assert.equal(usesArchive(true, fs), true);
    assert.deepEqual(fs.touched, [jar]);
    assert.equal(fs.mtime(jar), JAR_MTIME);
  });

  it('leaves the archive out when the mtime cannot be restored', () => {
    assert.equal(usesArchive(true, fakeFs({ [jar]: 1764320000, [jsa]: 1 }, true)), false);
  });

  it('passes user flags after its own and before -jar, so that a repeated flag is the user\'s', () => {
    const args = serverExecutable({ extensionPath: ext, java: 'j', bundled: false, vmargs: ' -Xmx256m  -Dx="a b" ', fs: fakeFs({}) }).args;
    const at = args.indexOf('-jar');
    assert.deepEqual(args.slice(at - 3), ['-Xmx256m', '-Dx=a b', `-Dastrid.docs=${path.join(ext, 'docs')}`, '-jar', jar]);
    if (java) {
      const flags = runJvm(args, ['-XX:+PrintCommandLineFlags', '-version']).stdout;
      assert.match(flags, /-XX:MaxHeapSize=268435456\b/);
    }
  });
});

describe('the shipped jvm.options, on a real JVM', { skip: java ? false : 'no Java found' }, () => {
  const args = serverExecutable({ extensionPath: ext, java: java!, bundled: false, fs: fakeFs({ [jar]: 1 }) }).args;

  it('is accepted by the JVM and sets the small serial-GC heap the docs describe', () => {
    const flags = runJvm(args, ['-XX:+PrintCommandLineFlags', '-version']).stdout;
    assert.match(flags, /-XX:\+UseSerialGC\b/);
    assert.match(flags, /-XX:MaxHeapSize=134217728\b/);
  });

  it('keeps JVM messages off stdout, which carries JSON-RPC, even for an archive this JVM cannot use', () => {
    const r = runJvm([...args.slice(0, args.indexOf('-jar')), `-XX:SharedArchiveFile=${path.join(__dirname, 'no-such.jsa')}`, '-jar'], ['-version']);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /version/);
  });

  it('writes no hsperfdata file', () => {
    const out = execFileSync(java!, [...args.slice(0, args.indexOf('-jar')), '-XX:+PrintFlagsFinal', '-version'], { encoding: 'utf8' });
    assert.match(out, /\bUsePerfData\s+= false/);
  });
});

describe('splitArgs', () => {
  it('splits on whitespace and honours quotes', () => {
    assert.deepEqual(splitArgs(''), []);
    assert.deepEqual(splitArgs('  '), []);
    assert.deepEqual(splitArgs('-Xmx1g\t-Da=b'), ['-Xmx1g', '-Da=b']);
    assert.deepEqual(splitArgs(`-Dp="x y" '-Dq=z w' -De=""`), ['-Dp=x y', '-Dq=z w', '-De=']);
  });
});
