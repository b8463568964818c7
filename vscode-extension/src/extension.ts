import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Executable, LanguageClient, LanguageClientOptions, RevealOutputChannelOn, State } from 'vscode-languageclient/node';
import { CONSENT_KEY, JavaDeps, JavaResult, findJava, rememberedConsent } from './java';
import { LaunchFs, RUNTIME, serverExecutable } from './launch';
import { CODE_SELECTOR, DOCUMENT_SELECTOR, MANIFEST_GLOB, isManifestPath } from './selector';

/** The server's command: returns the trust summary of the pack a manifest belongs to. */
const TRUST_COMMAND = 'astrid.trustSummary';
const TRUST_SCHEME = 'astrid-trust';

let context: vscode.ExtensionContext;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
/** Work-done progress tokens of scans under way. */
const scans = new Set<string | number>();
let trust: TrustSummaries;
let client: LanguageClient | undefined;
let started = false;
let stopping = false;
// Starts and stops run one after another, so a settings change during a start cannot race it.
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel('Astrid');
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 10);
  status.command = 'astrid.showOutput';
  trust = new TrustSummaries();
  ctx.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(TRUST_SCHEME, trust),
    vscode.commands.registerCommand('astrid.showTrustSummary', showTrustSummaryOfActiveEditor),
    vscode.commands.registerCommand('astrid.restartServer', () => queue(restart)),
    vscode.commands.registerCommand('astrid.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('astrid.resetJavaHomeConsent', async () => {
      await ctx.workspaceState.update(CONSENT_KEY, undefined);
      if (started) {
        await queue(restart);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (started && e.affectsConfiguration('astrid.java')) {
        void queue(restart);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (started) {
        void queue(restart);
      }
    }),
  );

  // onLanguage:yaml activates us for any YAML file: start Java only once there is a manifest.
  // Not awaited: activation must not wait for Java, nor for the consent dialog.
  if (vscode.workspace.textDocuments.some(isManifestDocument) || (await workspaceHasManifest())) {
    void queue(start);
  } else {
    const opened = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isManifestDocument(doc)) {
        opened.dispose();
        void queue(start);
      }
    });
    ctx.subscriptions.push(opened);
  }
}

export function deactivate(): Thenable<void> | undefined {
  return queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

function isManifestDocument(doc: vscode.TextDocument): boolean {
  return vscode.languages.match([...DOCUMENT_SELECTOR], doc) > 0;
}

async function workspaceHasManifest(): Promise<boolean> {
  return (await vscode.workspace.findFiles(MANIFEST_GLOB, '**/node_modules/**', 1)).length > 0;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function start(): Promise<void> {
  started = true;
  const t0 = Date.now();
  setStatus('starting', 'Looking for Java');
  const found = await discoverJava();
  const tJava = Date.now();
  if (!found.ok) {
    output.appendLine(found.message);
    setStatus('failed', found.message);
    void vscode.window.showErrorMessage(found.message, 'Open Settings', 'Show Log').then((pick) => {
      if (pick === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'astrid.java');
      } else if (pick === 'Show Log') {
        output.show(true);
      }
    });
    return;
  }

  // vmargs is read from user settings only: a workspace value could inject JVM flags.
  const vmargs = vscode.workspace.getConfiguration('astrid').inspect<string>('java.vmargs')?.globalValue;
  const exe = serverExecutable({ extensionPath: context.extensionPath, java: found.java, bundled: found.bundled, vmargs, fs: launchFs });
  const javaInfo = `${found.version ? `Java ${found.version}` : 'Java'} from ${found.source}`;
  output.appendLine(`Starting the server with ${javaInfo} (found in ${tJava - t0} ms): ${exe.command} ${exe.args.join(' ')}`);
  const serverOptions: Executable = exe;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR, ...CODE_SELECTOR],
    // The server pulls settings with workspace/configuration; this tells it when to pull again.
    synchronize: { configurationSection: 'astrid' },
    // The same settings up front, so that the first diagnostics already use them: otherwise the
    // settings pulled after `initialized` would make the server check everything a second time.
    initializationOptions: () => ({ astrid: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('astrid'))) }),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      // The server's workspace scan is a work-done progress: show it in the status item too.
      handleWorkDoneProgress: (token, params, next) => {
        if (params.kind === 'begin') {
          scans.add(token);
        } else if (params.kind === 'end') {
          scans.delete(token);
        }
        status.text = scans.size > 0 ? '$(sync~spin) Astrid: scanning packs…' : '$(check) Astrid';
        next(token, params);
      },
      // The pack.yaml code lens runs the server command, which only returns text: show it.
      executeCommand: async (command, args, next) => {
        if (command !== TRUST_COMMAND) {
          return next(command, args);
        }
        try {
          const text = await next(command, args);
          if (typeof text === 'string') {
            await trust.show(String(args[0]), text);
          }
          return text;
        } catch (e) {
          void vscode.window.showErrorMessage(`Astrid: no trust summary. ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      },
    },
  };
  const c = new LanguageClient('astrid', 'Astrid', serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (e.newState === State.Starting) {
      setStatus('starting', javaInfo);
    } else if (e.newState === State.Running) {
      setStatus('ready', javaInfo);
    } else if (!stopping) {
      setStatus('failed', 'The server stopped; see the Astrid output');
    }
  });
  client = c;
  try {
    await c.start();
    output.appendLine(`The server is running, ${Date.now() - tJava} ms after it was started.`);
  } catch (e) {
    const message = `The Astrid language server failed to start: ${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(message);
    setStatus('failed', message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => pick && output.show(true));
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) {
    return;
  }
  stopping = true;
  try {
    if (c.needsStop()) {
      await c.stop();
    }
  } catch (e) {
    output.appendLine(`Stopping the server: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    stopping = false;
  }
}

function discoverJava(): Promise<JavaResult> {
  const config = vscode.workspace.getConfiguration('astrid');
  const home = config.inspect<string>('java.home');
  // Restricted Mode: the workspace's value is not even offered (package.json lists it as restricted).
  const trusted = vscode.workspace.isTrusted;
  // A folder-level value in any folder of a multi-root workspace counts as set by the workspace.
  const folderValue = (vscode.workspace.workspaceFolders ?? [])
    .map((f) => vscode.workspace.getConfiguration('astrid', f.uri).inspect<string>('java.home')?.workspaceFolderValue)
    .find((v) => v !== undefined && v.trim() !== '');
  const bundled = path.join(context.extensionPath, RUNTIME);
  const deps: JavaDeps = {
    env: process.env,
    platform: process.platform,
    isFile,
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    realpath: (p) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return p;
      }
    },
    run: (command, args) =>
      new Promise((resolve) =>
        cp.execFile(command, args, { timeout: 15000, windowsHide: true }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) }),
        ),
      ),
    consent: rememberedConsent(context.workspaceState, askConsent),
  };
  return findJava(
    { globalValue: home?.globalValue, workspaceValue: trusted ? home?.workspaceValue : undefined, workspaceFolderValue: trusted ? folderValue : undefined },
    fs.existsSync(bundled) ? bundled : undefined,
    deps,
  );
}

async function askConsent(java: string, setting: string): Promise<boolean | undefined> {
  const allow = 'Allow';
  const deny = "Don't Allow";
  const pick = await vscode.window.showWarningMessage(
    `This workspace sets astrid.java.home, which would run ${java}. Allow Astrid to run this program?`,
    {
      modal: true,
      detail:
        `The setting's value is "${setting}"; ${java} is the program it resolves to, with links followed. ` +
        'A workspace setting can point at any program, and VS Code would run it to start the Astrid language server. ' +
        'Allow only if you trust this workspace and that program. Your answer is remembered for this workspace ' +
        '("Astrid: Forget Answer about the Workspace\'s Java" resets it).',
    },
    allow,
    deny,
  );
  return pick === undefined ? undefined : pick === allow;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

const launchFs: LaunchFs = {
  isFile,
  readFile: (p) => fs.readFileSync(p, 'utf8'),
  mtime: (p) => {
    try {
      return Math.floor(fs.statSync(p).mtimeMs / 1000);
    } catch {
      return undefined;
    }
  },
  setMtime: (p, seconds) => {
    try {
      fs.utimesSync(p, seconds, seconds);
      return true;
    } catch {
      return false;
    }
  },
};

type ServerState = 'starting' | 'ready' | 'failed';

function setStatus(state: ServerState, detail: string): void {
  const icon = { starting: '$(sync~spin)', ready: '$(check)', failed: '$(error)' }[state];
  status.text = `${icon} Astrid`;
  status.tooltip = `Astrid language server: ${state}. ${detail}\nClick to show the log.`;
  status.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  status.show();
}

async function showTrustSummaryOfActiveEditor(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !isManifestPath(doc.uri.path)) {
    void vscode.window.showInformationMessage('Open a pack manifest (pack.yaml, executor.yaml, …) to see its trust summary.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('The Astrid language server is not running; see the Astrid output.', 'Show Log').then((pick) => pick && output.show(true));
    return;
  }
  // Through the client's own command, so the palette and the code lens share the middleware above.
  await vscode.commands.executeCommand(TRUST_COMMAND, client.code2ProtocolConverter.asUri(doc.uri));
}

/** Read-only documents with the trust summaries, one per manifest, refreshed when shown again. */
class TrustSummaries implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This trust summary is gone; run "Astrid: Show Trust Summary" again.';
  }

  async show(manifestUri: string, text: string): Promise<void> {
    const pack = /Pack ID:\s*(\S+)/.exec(text)?.[1] ?? path.posix.basename(path.posix.dirname(vscode.Uri.parse(manifestUri).path));
    const uri = vscode.Uri.from({ scheme: TRUST_SCHEME, path: `/Trust Summary (${pack})`, query: manifestUri });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}
