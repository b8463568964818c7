import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JAR_MTIME, JVM_FLAGS, LaunchFs, serverExecutable, splitArgs } from '../src/launch';

const ext = path.join(path.sep, 'ext');
const jsa = path.join(ext, 'server', 'astrid-pack-ls.jsa');
const jar = path.join(ext, 'server', 'astrid-pack-ls.jar');

/** Files present, with their mtimes; setMtime succeeds unless the install is read-only. */
function fakeFs(files: Record<string, number>, readOnly = false): LaunchFs & { touched: string[] } {
  const touched: string[] = [];
  return {
    touched,
    isFile: (p) => p in files,
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

describe('serverExecutable', () => {
  it('runs the bundled jar with the editor-helper flags, the docs folder and no arguments', () => {
    const exe = serverExecutable({ extensionPath: ext, java: '/usr/bin/java', bundled: false, fs: fakeFs({ [jar]: 1, [jsa]: 1 }) });
    assert.equal(exe.command, '/usr/bin/java');
    assert.deepEqual(exe.args, [...JVM_FLAGS, `-Dastrid.docs=${path.join(ext, 'docs')}`, '-jar', path.join(ext, 'server', 'astrid-pack-ls.jar')]);
    assert.ok(!('transport' in exe), 'a transport would make the client append --stdio');
    assert.deepEqual(exe.options, { cwd: ext }, 'CDS resolves the archived jar path from the working directory');
  });

  it('keeps stdout clean and writes no perf data file', () => {
    for (const flag of ['-XX:-UsePerfData', '-Xlog:disable', '-Xlog:all=warning:stderr', '-Xshare:auto', '-XX:+UseSerialGC', '-Xmx128m']) {
      assert.ok(JVM_FLAGS.includes(flag), flag);
    }
    assert.ok(JVM_FLAGS.indexOf('-Xlog:disable') < JVM_FLAGS.indexOf('-Xlog:all=warning:stderr'));
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

  it('appends user flags after its own, before -jar', () => {
    const args = serverExecutable({ extensionPath: ext, java: 'j', bundled: false, vmargs: ' -Xmx256m  -Dx="a b" ', fs: fakeFs({}) }).args;
    const jar = args.indexOf('-jar');
    assert.deepEqual(args.slice(JVM_FLAGS.length, jar - 1), ['-Xmx256m', '-Dx=a b']);
    assert.ok(args.indexOf('-Xmx256m') > args.indexOf('-Xmx128m'));
    assert.equal(args.length, jar + 2);
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
