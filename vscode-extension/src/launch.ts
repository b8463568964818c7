// How the server process is started. Free of `vscode` so that it runs under plain node tests.
import * as path from 'path';

export const JAR = path.join('server', 'astrid-pack-ls.jar');
/**
 * The server's JVM flags, copied from the distribution's lib/jvm.options: the one list that the
 * command-line launchers, this extension and the benchmarks all read (docs/performance.md says why
 * each flag is there).
 */
export const JVM_OPTIONS = path.join('server', 'jvm.options');
/** Class-data-sharing archive, only valid for the bundled runtime that created it. */
export const CDS_ARCHIVE = path.join('server', 'astrid-pack-ls.jsa');
export const DOCS = 'docs';
export const RUNTIME = 'runtime';

/**
 * The jar's modification time (seconds) when the CDS archive is made. CDS ignores an archive whose
 * jar has another mtime, and VS Code does not keep mtimes when it unpacks a .vsix: so the build
 * sets this one and the launcher restores it.
 */
export const JAR_MTIME = 946684800; // 2000-01-01T00:00:00Z

export interface LaunchFs {
  isFile(p: string): boolean;
  readFile(p: string): string;
  /** Modification time in whole seconds, undefined when unknown. */
  mtime(p: string): number | undefined;
  /** Sets the modification time; false when it cannot (a read-only install). */
  setMtime(p: string, seconds: number): boolean;
}

export interface LaunchInput {
  extensionPath: string;
  java: string;
  /** True when `java` is the runtime bundled with the extension. */
  bundled: boolean;
  /** `astrid.java.vmargs` from user settings. */
  vmargs?: string;
  fs: LaunchFs;
}

/** The languageclient `Executable`. No `transport`: with one, the client would append `--stdio`. */
export interface ServerExecutable {
  command: string;
  args: string[];
  /**
   * The extension folder: the CDS archive names its jar relative to the folder it was made in, and
   * JDK 17 checks that path from the working directory. The server itself only uses absolute URIs.
   */
  options: { cwd: string };
}

/** jvm.options: one flag per line; blank lines and lines starting with '#' are skipped. */
export function parseJvmOptions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function serverExecutable(input: LaunchInput): ServerExecutable {
  const args = parseJvmOptions(input.fs.readFile(path.join(input.extensionPath, JVM_OPTIONS)));
  const archive = path.join(input.extensionPath, CDS_ARCHIVE);
  const jar = path.join(input.extensionPath, JAR);
  // Only the bundled runtime made the archive; with an archive it would refuse, the JVM only warns.
  if (input.bundled && input.fs.isFile(archive) && (input.fs.mtime(jar) === JAR_MTIME || input.fs.setMtime(jar, JAR_MTIME))) {
    args.push(`-XX:SharedArchiveFile=${archive}`);
  }
  // User flags come after ours: for a repeated flag the JVM takes the last one.
  args.push(...splitArgs(input.vmargs ?? ''));
  args.push(`-Dastrid.docs=${path.join(input.extensionPath, DOCS)}`, '-jar', jar);
  return { command: input.java, args, options: { cwd: input.extensionPath } };
}

/** Splits a flag string on whitespace, keeping "double" or 'single' quoted parts together. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) {
        quote = undefined;
      } else {
        cur += ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) {
        out.push(cur);
      }
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) {
    out.push(cur);
  }
  return out;
}
