import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CONSENT_KEY, JavaDeps, findJava, findOnPath, parseJavaVersion, rememberedConsent } from '../src/java';

describe('parseJavaVersion', () => {
  const cases: Array<[string, number | undefined]> = [
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"\nJava(TM) SE Runtime Environment', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['openjdk version "22-ea" 2024-03-19', 22],
    ['Picked up JAVA_TOOL_OPTIONS: -Dx=y\nopenjdk version "25" 2025-09-16', 25],
    ['bash: java: command not found', undefined],
    ['', undefined],
  ];
  for (const [output, expected] of cases) {
    it(`${JSON.stringify(output.split('\n')[0])} -> ${expected}`, () => assert.equal(parseJavaVersion(output), expected));
  }
});

/** A fake machine: files that exist, and the version each java prints. */
function machine(opts: { files?: Record<string, string>; env?: Record<string, string>; consent?: boolean; platform?: string;
  releases?: Record<string, string>; links?: Record<string, string> }) {
  const files = opts.files ?? {};
  const ran: string[] = [];
  const asked: string[] = [];
  const deps: JavaDeps = {
    env: opts.env ?? {},
    platform: opts.platform ?? 'linux',
    isFile: (p) => p in files,
    readFile: (p) => opts.releases?.[p],
    realpath: (p) => opts.links?.[p] ?? p,
    run: async (command, args) => {
      ran.push(command);
      assert.deepEqual(args, ['-XX:-UsePerfData', '-version']);
      return { code: 0, stdout: '', stderr: `openjdk version "${files[command]}" 2025-01-01` };
    },
    consent: async (java) => {
      asked.push(java);
      return opts.consent ?? false;
    },
  };
  return { deps, ran, asked };
}

describe('findJava', () => {
  it("reads the version from the Java home's release file, through symlinks, without running Java", async () => {
    const m = machine({
      files: { '/usr/bin/java': 'never run' },
      env: { PATH: '/usr/bin' },
      links: { '/usr/bin/java': '/usr/lib/jvm/java-17/bin/java' },
      releases: { '/usr/lib/jvm/java-17/release': 'IMPLEMENTOR="Debian"\nJAVA_VERSION="17.0.15"\nJAVA_RUNTIME_VERSION="17.0.15+6"\n' },
    });
    const r = await findJava({}, undefined, m.deps);
    assert.deepEqual(r, { ok: true, java: '/usr/bin/java', version: 17, source: 'PATH', bundled: false });
    assert.deepEqual(m.ran, []);
  });

  it('tells an old Java from its release file too, and runs a Java without one to ask', async () => {
    const m = machine({
      files: { '/old/bin/java': 'never run', '/usr/bin/java': '21.0.1' },
      env: { JAVA_HOME: '/old', PATH: '/usr/bin' },
      releases: { '/old/release': 'JAVA_VERSION="1.8.0_392"\n' },
    });
    const r = await findJava({}, undefined, m.deps);
    assert.ok(r.ok && r.java === '/usr/bin/java' && r.version === 21, JSON.stringify(r));
    assert.deepEqual(m.ran, ['/usr/bin/java']);
  });

  it('uses the user-level astrid.java.home without asking', async () => {
    const m = machine({ files: { '/jdk21/bin/java': '21' }, env: { JAVA_HOME: '/other' } });
    const r = await findJava({ globalValue: '/jdk21' }, undefined, m.deps);
    assert.deepEqual(r, { ok: true, java: '/jdk21/bin/java', version: 21, source: 'astrid.java.home', bundled: false });
    assert.deepEqual(m.asked, []);
  });

  it('asks before using a workspace astrid.java.home, and runs nothing there when refused', async () => {
    const m = machine({ files: { '/evil/bin/java': '17', '/usr/bin/java': '17.0.15' }, env: { PATH: '/usr/bin' }, consent: false });
    const r = await findJava({ workspaceValue: '/evil' }, undefined, m.deps);
    assert.deepEqual(m.asked, ['/evil/bin/java']);
    assert.ok(!m.ran.includes('/evil/bin/java'));
    assert.ok(r.ok && r.java === '/usr/bin/java' && r.source === 'PATH');
  });

  it('uses a workspace astrid.java.home when allowed', async () => {
    const m = machine({ files: { '/ws/jdk/bin/java': '17.0.2' }, consent: true });
    const r = await findJava({ workspaceValue: '/ws/jdk' }, '/ext/runtime', m.deps);
    assert.ok(r.ok && r.java === '/ws/jdk/bin/java' && r.source === 'astrid.java.home');
  });

  it('treats a folder-level value as a workspace value and prefers it', async () => {
    const m = machine({ files: { '/folder/bin/java': '21' }, consent: true });
    const r = await findJava({ globalValue: '/user', workspaceValue: '/ws', workspaceFolderValue: '/folder' }, undefined, m.deps);
    assert.deepEqual(m.asked, ['/folder/bin/java']);
    assert.ok(r.ok && r.java === '/folder/bin/java');
  });

  it('asks about the program that would run, with .. collapsed and links followed, and runs that', async () => {
    const m = machine({
      files: { '/tmp/x/bin/java': '17' },
      links: { '/tmp/x/bin/java': '/tmp/x/bin/java', '/tmp/y/bin/java': '/tmp/x/bin/java' },
      consent: true,
    });
    const r = await findJava({ workspaceValue: '/usr/lib/jvm/java-17/../../../../tmp/x' }, undefined, m.deps);
    assert.deepEqual(m.asked, ['/tmp/x/bin/java']);
    assert.ok(r.ok && r.java === '/tmp/x/bin/java', JSON.stringify(r));
    assert.deepEqual(m.ran, ['/tmp/x/bin/java']);
    const linked = machine({ files: { '/tmp/x/bin/java': '17' }, links: { '/tmp/y/bin/java': '/tmp/x/bin/java' }, consent: true });
    await findJava({ workspaceValue: '/tmp/y' }, undefined, linked.deps);
    assert.deepEqual(linked.asked, ['/tmp/x/bin/java']);
  });

  it('reports a relative or missing workspace java home without asking or running anything', async () => {
    const relative = machine({ files: { 'jdk/bin/java': '17', '/usr/bin/java': '17' }, env: { PATH: '/usr/bin' }, consent: true });
    const r = await findJava({ workspaceValue: 'jdk' }, undefined, relative.deps);
    assert.ok(!r.ok && /relative path/.test(r.message), JSON.stringify(r));
    const missing = machine({ consent: true });
    const m = await findJava({ workspaceValue: '/ws' }, undefined, missing.deps);
    assert.ok(!m.ok && m.message.includes('/ws/bin/java does not exist'));
    assert.deepEqual([...relative.asked, ...missing.asked, ...relative.ran, ...missing.ran], []);
  });

  it('falls back to the user value when the workspace value is refused', async () => {
    const m = machine({ files: { '/user/bin/java': '17', '/ws/bin/java': '17' }, consent: false });
    const r = await findJava({ globalValue: '/user', workspaceValue: '/ws' }, undefined, m.deps);
    assert.ok(r.ok && r.java === '/user/bin/java');
  });

  it('does not ask when the workspace repeats the user value', async () => {
    const m = machine({ files: { '/jdk/bin/java': '17' } });
    await findJava({ globalValue: '/jdk', workspaceValue: '/jdk' }, undefined, m.deps);
    assert.deepEqual(m.asked, []);
  });

  it('reports an astrid.java.home that is too old instead of using another Java', async () => {
    const m = machine({ files: { '/jdk11/bin/java': '11.0.2', '/usr/bin/java': '21' }, env: { PATH: '/usr/bin' } });
    const r = await findJava({ globalValue: '/jdk11' }, '/ext/runtime', m.deps);
    assert.ok(!r.ok && /Java 11/.test(r.message) && /17 or newer/.test(r.message));
  });

  it('reports an astrid.java.home without bin/java', async () => {
    const r = await findJava({ globalValue: '/nowhere' }, undefined, machine({}).deps);
    assert.ok(!r.ok && r.message.includes('/nowhere/bin/java does not exist'));
  });

  it('prefers the bundled runtime to JAVA_HOME and PATH, without a version probe', async () => {
    const m = machine({ files: { '/ext/runtime/bin/java': '17', '/jdk/bin/java': '21' }, env: { JAVA_HOME: '/jdk' } });
    const r = await findJava({}, '/ext/runtime', m.deps);
    assert.deepEqual(r, { ok: true, java: '/ext/runtime/bin/java', version: undefined, source: 'bundled', bundled: true });
    assert.deepEqual(m.ran, []);
  });

  it('tries JAVA_HOME, then PATH, skipping a Java that is too old', async () => {
    const m = machine({ files: { '/jdk8/bin/java': '1.8.0_392', '/opt/jdk/bin/java': '17.0.15' }, env: { JAVA_HOME: '/jdk8', PATH: '/opt/jdk/bin' } });
    const r = await findJava({}, undefined, m.deps);
    assert.ok(r.ok && r.java === '/opt/jdk/bin/java' && r.source === 'PATH' && r.version === 17);
    assert.deepEqual(m.ran, ['/jdk8/bin/java', '/opt/jdk/bin/java']);
  });

  it('says what it found when nothing is new enough', async () => {
    const m = machine({ files: { '/jdk8/bin/java': '1.8.0_392' }, env: { JAVA_HOME: '/jdk8' } });
    const r = await findJava({}, undefined, m.deps);
    assert.ok(!r.ok);
    assert.match(r.message, /needs Java 17 or newer/);
    assert.match(r.message, /Java 8 at \/jdk8\/bin\/java \(JAVA_HOME\)/);
    assert.match(r.message, /astrid\.java\.home/);
  });

  it('says so when there is no Java at all, and mentions a refused workspace value', async () => {
    const r = await findJava({ workspaceValue: '/ws' }, undefined, machine({ files: { '/ws/bin/java': '17' }, env: { PATH: '/bin' } }).deps);
    assert.ok(!r.ok && /No Java was found/.test(r.message) && /\/ws, was not allowed/.test(r.message));
  });
});

describe('findOnPath', () => {
  it('skips relative PATH entries, which would resolve inside the workspace', () => {
    const files = { 'bin/java': '', '/usr/bin/java': '' } as Record<string, string>;
    const found = findOnPath({ env: { PATH: '.:bin::/usr/bin' }, platform: 'linux', isFile: (p) => p in files });
    assert.equal(found, '/usr/bin/java');
  });

  it('uses java.exe and ; on Windows', () => {
    const found = findOnPath({ env: { Path: 'C:\\Windows;C:\\jdk\\bin' }, platform: 'win32', isFile: (p) => p === 'C:\\jdk\\bin\\java.exe' });
    assert.equal(found, 'C:\\jdk\\bin\\java.exe');
  });
});

describe('rememberedConsent', () => {
  function store() {
    const data = new Map<string, unknown>();
    return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => void data.set(k, v) };
  }

  it('asks once per resolved program and remembers both answers', async () => {
    const s = store();
    const questions: string[] = [];
    const answers = [true, false];
    const consent = rememberedConsent(s, async (java, setting) => (questions.push(`${java} (${setting})`), answers.shift()));
    assert.equal(await consent('/a/bin/java', '/a'), true);
    assert.equal(await consent('/a/bin/java', '/x/../a'), true);
    assert.equal(await consent('/b/bin/java', '/a'), false);
    assert.equal(await consent('/b/bin/java', '/a'), false);
    assert.deepEqual(questions, ['/a/bin/java (/a)', '/b/bin/java (/a)']);
    assert.deepEqual(s.data.get(CONSENT_KEY), { java: '/b/bin/java', allowed: false });
  });

  it('treats a dismissed question as no, and asks again next time', async () => {
    const s = store();
    let asked = 0;
    const consent = rememberedConsent(s, async () => (asked++, undefined));
    assert.equal(await consent('/a/bin/java', '/a'), false);
    assert.equal(await consent('/a/bin/java', '/a'), false);
    assert.equal(asked, 2);
  });
});
