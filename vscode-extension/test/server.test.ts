// Starts the real server the way the extension does (the Java it finds, the flags it passes) and
// drives one session over stdio. Skipped when no server jar has been built.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findJava } from '../src/java';
import { JAR, JVM_OPTIONS, RUNTIME, serverExecutable } from '../src/launch';

const root = path.join(__dirname, '..', '..');
const repo = path.join(root, '..');
const jar = [process.env.ASTRID_SERVER_JAR, path.join(root, JAR), path.join(repo, 'server', 'target', 'astrid-pack-ls.jar')]
  .find((p): p is string => !!p && fs.existsSync(p));
const example = path.join(repo, 'docs', 'examples', 'weather_report');

/** Just enough of an LSP client: Content-Length framing, requests, and answers to the server's requests. */
class Client {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (msg: any) => void>();
  readonly notifications: any[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly proc: ChildProcess, private readonly answer: (method: string, params: any) => unknown) {
    proc.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      const header = this.buffer.subarray(0, end).toString('ascii');
      const m = /^Content-Length: (\d+)$/im.exec(header);
      assert.ok(m, `stdout carries only LSP frames, got: ${JSON.stringify(header.slice(0, 80))}`);
      const start = end + 4;
      if (this.buffer.length < start + Number(m[1])) {
        return;
      }
      const msg = JSON.parse(this.buffer.subarray(start, start + Number(m[1])).toString('utf8'));
      this.buffer = this.buffer.subarray(start + Number(m[1]));
      if (msg.method !== undefined && msg.id !== undefined) {
        this.send({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg.method, msg.params) ?? null });
      } else if (msg.method !== undefined) {
        this.notifications.push(msg);
        this.waiters.splice(0).forEach((w) => w());
      } else {
        this.pending.get(msg.id)?.(msg);
      }
    }
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) =>
      this.pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result))),
    );
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async notification(match: (n: any) => boolean, ms = 20000): Promise<any> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.notifications.find(match);
      if (found) {
        return found;
      }
      assert.ok(Date.now() < deadline, 'timed out waiting for a notification');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}

describe('the real server, launched as the extension launches it', { skip: jar ? false : 'no server jar built' }, () => {
  let ext: string;
  let work: string;
  let client: Client;
  let stderr = '';
  const settings = {
    severity: { 'permission-vague-reason': 'error' },
    vagueReason: { phrases: null, minSpecificWords: 1 },
    inlayHints: { enabled: false },
    // VS Code sends the whole section, the extension's own keys included.
    java: { home: '', vmargs: '' },
    trace: { server: 'off' },
  };

  before(async () => {
    // The extension's layout: server/<jar> and docs/, linked to the build outputs when not bundled.
    ext = fs.mkdtempSync(path.join(os.tmpdir(), 'astrid-ext-'));
    fs.mkdirSync(path.join(ext, 'server'));
    fs.symlinkSync(jar!, path.join(ext, JAR));
    fs.symlinkSync(path.join(repo, 'server', 'src', 'dist', 'lib', 'jvm.options'), path.join(ext, JVM_OPTIONS));
    fs.symlinkSync(path.join(repo, 'docs'), path.join(ext, 'docs'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'astrid-ws-'));
    fs.cpSync(example, path.join(work, 'weather_report'), { recursive: true });

    const bundled = path.join(root, RUNTIME);
    const found = await findJava({}, fs.existsSync(bundled) ? bundled : undefined, {
      env: process.env,
      platform: process.platform,
      isFile: (p) => fs.existsSync(p) && fs.statSync(p).isFile(),
      readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
      realpath: (p) => fs.realpathSync(p),
      run: (command, args) =>
        new Promise((resolve) => execFile(command, args, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }))),
      consent: async () => false,
    });
    assert.ok(found.ok, found.ok ? '' : found.message);
    // No CDS here: the archive belongs to the packaged runtime and jar, not to this layout.
    const exe = serverExecutable({ extensionPath: ext, java: found.java, bundled: false, fs: { isFile: () => false, readFile: (p) => fs.readFileSync(p, 'utf8'), mtime: () => undefined, setMtime: () => false } });
    const proc = spawn(exe.command, exe.args, { ...exe.options, stdio: 'pipe' });
    proc.stderr!.on('data', (d) => (stderr += d));
    client = new Client(proc, (method) => {
      if (method === 'workspace/configuration') {
        return [settings];
      }
      return null;
    });
  });

  after(() => {
    client?.proc.kill();
    fs.rmSync(ext, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('answers a session: diagnostics with local doc links, settings, the code lens and the trust summary', async () => {
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(work).href,
      workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    });
    assert.deepEqual(init.capabilities.executeCommandProvider.commands, ['astrid.trustSummary']);
    client.notify('initialized', {});

    const pid = client.proc.pid!;
    const packFile = path.join(work, 'weather_report', 'pack.yaml');
    const uri = pathToFileURL(packFile).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(packFile, 'utf8') } });
    // Settings arrive asynchronously after `initialized`; the server then re-publishes, so wait
    // for diagnostics that show astrid.severity applied.
    const published = await client.notification((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri &&
      n.params.diagnostics.some((d: any) => d.code === 'permission-vague-reason' && d.severity === 1));
    const diagnostics: any[] = published.params.diagnostics;
    const docs = pathToFileURL(path.join(ext, 'docs')).href;
    assert.ok(diagnostics.every((d) => d.codeDescription.href.startsWith(`${docs}/rules/${d.code}.md`)), 'doc links point at the bundled docs');

    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command.command, 'astrid.trustSummary');
    assert.deepEqual(lenses[0].command.arguments, [uri]);
    const summary = await client.request('workspace/executeCommand', { command: 'astrid.trustSummary', arguments: [uri] });
    assert.equal(typeof summary, 'string');
    assert.match(summary, /Trust Summary/);
    assert.match(summary, /weather_report/);

    // -XX:-UsePerfData: no hsperfdata file for this JVM.
    const perf = path.join(os.tmpdir(), `hsperfdata_${os.userInfo().username}`, String(pid));
    assert.equal(fs.existsSync(perf), false, `${perf} exists`);

    await client.request('shutdown', null);
    const exited = new Promise<number | null>((resolve) => client.proc.on('exit', resolve));
    client.notify('exit', null);
    assert.equal(await exited, 0);
    assert.doesNotMatch(stderr, /Exception|Unrecognized|Error:/);
  });
});
