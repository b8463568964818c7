// Finds a Java 17+ to run the server. Free of `vscode` so that it runs under plain node tests:
// everything with a side effect (processes, files, the environment, asking the user) is injected.
import * as path from 'path';

export const MIN_JAVA = 17;

export interface JavaDeps {
  env: Record<string, string | undefined>;
  platform: string;
  isFile(p: string): boolean;
  /** A file's text, undefined when it cannot be read. */
  readFile(p: string): string | undefined;
  /** The path with symlinks resolved (the path itself when that fails). */
  realpath(p: string): string;
  /** Runs a program without a shell and resolves with what it printed (it never rejects). */
  run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /**
   * Asks whether the program a workspace's java home resolves to may be run; `setting` is the
   * value as written, for the question. The caller remembers the answer for that program.
   */
  consent(java: string, setting: string): Promise<boolean>;
}

/** `astrid.java.home` per level, as `WorkspaceConfiguration.inspect` reports it. */
export interface JavaHomeSetting {
  globalValue?: string;
  workspaceValue?: string;
  workspaceFolderValue?: string;
}

export type JavaSource = 'astrid.java.home' | 'bundled' | 'JAVA_HOME' | 'PATH';

export type JavaResult =
  | { ok: true; java: string; version: number | undefined; source: JavaSource; bundled: boolean }
  | { ok: false; message: string };

/** The major version in `java -version` output: "17.0.15" -> 17, "21" -> 21, "1.8.0_392" -> 8. */
export function parseJavaVersion(output: string): number | undefined {
  const m = /version "([^"]+)"/.exec(output);
  if (!m) {
    return undefined;
  }
  const parts = m[1].split(/[._+-]/).map((s) => parseInt(s, 10));
  const major = parts[0] === 1 && parts.length > 1 ? parts[1] : parts[0];
  return Number.isFinite(major) ? major : undefined;
}

function paths(platform: string): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function javaExecutable(home: string, platform: string): string {
  return paths(platform).join(home, 'bin', platform === 'win32' ? 'java.exe' : 'java');
}

/**
 * `java` on PATH, resolved to an absolute file. Relative PATH entries (such as ".") are skipped:
 * they would resolve against the workspace, which could then supply the program we run.
 */
export function findOnPath(deps: Pick<JavaDeps, 'env' | 'platform' | 'isFile'>): string | undefined {
  const pathVar = deps.env.PATH ?? deps.env.Path ?? '';
  const sep = deps.platform === 'win32' ? ';' : ':';
  const exe = deps.platform === 'win32' ? 'java.exe' : 'java';
  for (const dir of pathVar.split(sep)) {
    if (dir && paths(deps.platform).isAbsolute(dir)) {
      const candidate = paths(deps.platform).join(dir, exe);
      if (deps.isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

async function versionOf(java: string, deps: JavaDeps): Promise<number | undefined> {
  // A JDK's release file names its version: reading it costs nothing, where starting a JVM to ask
  // costs hundreds of milliseconds of the editor's start on a busy machine.
  const release = deps.readFile(paths(deps.platform).join(paths(deps.platform).dirname(paths(deps.platform).dirname(deps.realpath(java))), 'release'));
  const declared = release && /^JAVA_VERSION="([^"]+)"/m.exec(release);
  if (declared) {
    return parseJavaVersion(`version "${declared[1]}"`);
  }
  // -XX:-UsePerfData: even this probe would otherwise leave an hsperfdata file in the temp folder.
  const r = await deps.run(java, ['-XX:-UsePerfData', '-version']);
  return parseJavaVersion(r.stderr + '\n' + r.stdout);
}

/**
 * The program a java home names, as it will be run: `..` collapsed and symlinks resolved, so that
 * what the user is asked about is what runs (`/opt/jdk/../../tmp/x` is `/tmp/x/bin/java`).
 */
function resolvedJava(home: string, deps: JavaDeps): string {
  return deps.realpath(paths(deps.platform).normalize(javaExecutable(home, deps.platform)));
}

/**
 * The Java to use, in this order: `astrid.java.home`, the runtime bundled with a platform build
 * of the extension, `JAVA_HOME`, `java` on PATH. A workspace-level `astrid.java.home` is used only
 * with consent: a cloned repository could otherwise make the editor run any program. Consent is
 * asked for the resolved program before anything runs, `java -version` included, and that
 * resolved program is what runs.
 */
export async function findJava(setting: JavaHomeSetting, bundledHome: string | undefined, deps: JavaDeps): Promise<JavaResult> {
  const workspaceHome = nonEmpty(setting.workspaceFolderValue) ?? nonEmpty(setting.workspaceValue);
  let home = nonEmpty(setting.globalValue);
  let java = home === undefined ? undefined : javaExecutable(home, deps.platform);
  let declined: string | undefined;
  const fail = (message: string): JavaResult => ({
    ok: false,
    message: declined ? `${message} (The workspace's astrid.java.home, ${declined}, was not allowed and so was ignored.)` : message,
  });
  if (workspaceHome !== undefined && workspaceHome !== home) {
    if (!paths(deps.platform).isAbsolute(workspaceHome)) {
      // It would resolve against wherever the editor was started.
      return fail(`astrid.java.home is "${workspaceHome}", a relative path. Set it to the absolute path of a Java ${MIN_JAVA}+ installation, or clear it.`);
    }
    const candidate = resolvedJava(workspaceHome, deps);
    if (!deps.isFile(candidate)) {
      return fail(`astrid.java.home is "${workspaceHome}", but ${candidate} does not exist. Set it to the folder of a Java ${MIN_JAVA}+ installation (the one that contains bin/java), or clear it.`);
    }
    if (await deps.consent(candidate, workspaceHome)) {
      home = workspaceHome;
      java = candidate;
    } else {
      declined = workspaceHome;
    }
  }

  if (home !== undefined && java !== undefined) {
    // An explicit choice is honoured or reported, never silently replaced by another Java.
    if (!deps.isFile(java)) {
      return fail(`astrid.java.home is "${home}", but ${java} does not exist. Set it to the folder of a Java ${MIN_JAVA}+ installation (the one that contains bin/java), or clear it.`);
    }
    const version = await versionOf(java, deps);
    if (version === undefined || version < MIN_JAVA) {
      return fail(`astrid.java.home is "${home}", which has ${describe(version)}; the Astrid language server needs Java ${MIN_JAVA} or newer. Point astrid.java.home at a JDK ${MIN_JAVA}+, or clear it.`);
    }
    return { ok: true, java, version, source: 'astrid.java.home', bundled: false };
  }

  if (bundledHome !== undefined) {
    const java = javaExecutable(bundledHome, deps.platform);
    if (deps.isFile(java)) {
      // Built by us from a 17+ JDK: skip the version check, it costs a JVM start.
      return { ok: true, java, version: undefined, source: 'bundled', bundled: true };
    }
  }

  const tried: string[] = [];
  const candidates: Array<[JavaSource, string | undefined]> = [
    ['JAVA_HOME', nonEmpty(deps.env.JAVA_HOME) && javaExecutable(deps.env.JAVA_HOME!, deps.platform)],
    ['PATH', findOnPath(deps)],
  ];
  for (const [source, java] of candidates) {
    if (java === undefined || !deps.isFile(java)) {
      continue;
    }
    const version = await versionOf(java, deps);
    if (version !== undefined && version >= MIN_JAVA) {
      return { ok: true, java, version, source, bundled: false };
    }
    tried.push(`${describe(version)} at ${java} (${source})`);
  }
  const found = tried.length ? `Found only ${tried.join(' and ')}.` : 'No Java was found in JAVA_HOME or on PATH.';
  return fail(`The Astrid language server needs Java ${MIN_JAVA} or newer. ${found} Install a JDK ${MIN_JAVA}+ and set astrid.java.home (or JAVA_HOME) to its folder, then run "Astrid: Restart Language Server"; or install the linux-x64 build of the extension, which includes Java.`);
}

function describe(version: number | undefined): string {
  return version === undefined ? 'a Java whose version could not be read' : `Java ${version}`;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s.trim() : undefined;
}

/** Where a consent answer is kept (VS Code's `workspaceState` is one). */
export interface ConsentStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const CONSENT_KEY = 'astrid.java.home.consent';

/**
 * Wraps the question to the user so that each answer is remembered per workspace, for that
 * exact program: if the workspace later points elsewhere (or its path comes to resolve
 * elsewhere), the user is asked again. A dismissed question (undefined) counts as "no" this time
 * and is asked again next time.
 */
export function rememberedConsent(store: ConsentStore, ask: (java: string, setting: string) => PromiseLike<boolean | undefined>): (java: string, setting: string) => Promise<boolean> {
  return async (java, setting) => {
    const saved = store.get<{ java: string; allowed: boolean }>(CONSENT_KEY);
    if (saved && saved.java === java) {
      return saved.allowed;
    }
    const allowed = await ask(java, setting);
    if (allowed === undefined) {
      return false;
    }
    await store.update(CONSENT_KEY, { java, allowed });
    return allowed;
  };
}
