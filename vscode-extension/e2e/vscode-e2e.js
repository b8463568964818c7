// End-to-end test of the extension in a real VS Code: installs the universal .vsix into
// code-server (VS Code 1.100 whose extension host is plain Node), opens e2e/fixture (a pack with
// mistakes) in headless Chromium and checks what the page shows, with a screenshot per step.
//
//   node e2e/vscode-e2e.js [FILE.vsix]   (from vscode-extension/, after "npm run package";
//                                         default: the universal package)
//
// ASTRID_CODE_SERVER  code-server folder (default e2e/.code-server; install-code-server.sh fills it)
// ASTRID_E2E_ARTIFACTS  where screenshots and logs go (default e2e/artifacts)
// CHROMIUM  the browser (default /usr/bin/chromium)
'use strict';
const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const ext = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));
const vsix = path.resolve(process.argv[2] || path.join(ext, `${pkg.name}-${pkg.version}.vsix`));
const codeServer = path.resolve(process.env.ASTRID_CODE_SERVER || path.join(__dirname, '.code-server'));
const artifacts = path.resolve(process.env.ASTRID_E2E_ARTIFACTS || path.join(__dirname, 'artifacts', path.basename(vsix, '.vsix')));
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 60000;
const mod = 'Control';

const results = [];
let page;
let shot = 0;

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
  await screenshot(name);
}

async function screenshot(name) {
  if (!page) {
    return;
  }
  const file = path.join(artifacts, `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file }).catch((e) => console.log(`(no screenshot ${file}: ${e.message})`));
}

function check(ok, what) {
  if (!ok) {
    throw new Error(what);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until fn (run in the page) returns something truthy; returns it. */
async function until(what, fn, arg, timeout = TIMEOUT) {
  try {
    const handle = await page.waitForFunction(fn, { timeout, polling: 100 }, arg);
    return await handle.jsonValue();
  } catch (e) {
    throw new Error(`timed out waiting for ${what}`);
  }
}

/** The text of the visible editor's rendered lines, in order. */
function editorLines() {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
    if (!editor) {
      return [];
    }
    return [...editor.querySelectorAll('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => l.textContent.replace(/\u00a0/g, ' '));
  });
}

async function keys(...combo) {
  for (const k of combo.slice(0, -1)) {
    await page.keyboard.down(k);
  }
  await page.keyboard.press(combo[combo.length - 1]);
  for (const k of combo.slice(0, -1).reverse()) {
    await page.keyboard.up(k);
  }
}

/** Runs a command through the command palette, as a user would. */
async function command(title) {
  await keys('F1');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type(title);
  await until(`"${title}" in the command palette`, (t) =>
    [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent.includes(t)), title);
  await page.keyboard.press('Enter');
}

/** Opens a file through Quick Open, as a user does; resolves with the time Enter was pressed. */
async function openFile(relative) {
  await keys(mod, 'p');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type(relative);
  // Enter opens the focused row: wait until that is the file, not a recently opened one.
  await until(`${relative} first in quick open`, (r) => {
    const row = document.querySelector('.quick-input-list .monaco-list-row.focused');
    return row && row.textContent.includes(r.split('/').pop()) && row.textContent.includes(r.split('/').slice(-2, -1)[0] || '');
  }, relative);
  const enter = Date.now();
  await page.keyboard.press('Enter');
  return enter;
}

async function goTo(line, column) {
  await keys(mod, 'g');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 300));
}

/** Problems panel rows, as "file | code | message" text. */
function problems() {
  return page.evaluate(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent));
}

function activeTabLabel() {
  return page.evaluate(() => document.querySelector('.editor-group-container.active .tab.active .label-name')?.textContent ?? '');
}

function sh(cmd, args, options) {
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function main() {
  check(fs.existsSync(vsix), `${vsix} is missing: run "npm run package" first`);
  check(fs.existsSync(path.join(codeServer, 'out', 'node', 'entry.js')), `no code-server in ${codeServer}: run e2e/install-code-server.sh ${codeServer}`);
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });

  // Everything code-server and the browser write stays in one temporary folder, HOME included.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'astrid-vscode-e2e-'));
  const dirs = Object.fromEntries(['home', 'data', 'extensions', 'workspace', 'browser'].map((d) => [d, path.join(tmp, d)]));
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  // The pack arrives after start-up (see run): a workspace with a manifest would start the server
  // at once, and opening the file would no longer measure a cold start.
  fs.writeFileSync(path.join(dirs.workspace, 'README.md'), 'Astrid packs\n');
  const env = { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local/share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'), XDG_STATE_HOME: path.join(dirs.home, '.local/state') };
  fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'workbench.editor.enablePreview': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'editor.hover.delay': 150,
    'editor.lightbulb.enabled': 'on',
    'editor.codeLens': true,
    // A hint by default, which the Problems panel does not list; the pairing step watches it.
    'astrid.severity': { 'environment-without-secrets': 'warning' },
  }, null, 2));

  const entry = path.join(codeServer, 'out', 'node', 'entry.js');
  const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];
  const t0 = Date.now();
  sh(process.execPath, [entry, ...common, '--install-extension', vsix], { env });
  const installed = sh(process.execPath, [entry, ...common, '--list-extensions', '--show-versions'], { env });
  check(installed.includes(`${pkg.publisher}.${pkg.name}@${pkg.version}`), `the .vsix is installed: ${installed}`);
  console.log(`installed ${path.basename(vsix)} in ${Date.now() - t0} ms`);

  const port = await freePort();
  const server = cp.spawn(process.execPath, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { env, detached: true, stdio: ['ignore', fs.openSync(path.join(artifacts, 'code-server.log'), 'w'), 'inherit'] });
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      userDataDir: dirs.browser,
      defaultViewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
      env,
    });
    page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await run(port, dirs);
  } finally {
    await browser?.close().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    copyLogs(dirs.data);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function waitForHttp(url, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    check(Date.now() < deadline, `code-server did not answer ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The extension host's output channel logs, kept as artefacts next to the screenshots. */
function copyLogs(dataDir) {
  const logs = path.join(dataDir, 'logs');
  if (!fs.existsSync(logs)) {
    return;
  }
  for (const file of fs.readdirSync(logs, { recursive: true })) {
    if (/Astrid\.log$|exthost\.log$/.test(file)) {
      fs.copyFileSync(path.join(logs, file), path.join(artifacts, path.basename(file)));
    }
  }
}

/** The Astrid output channel as VS Code logged it to disk. */
function astridLog() {
  const f = fs.readdirSync(artifacts).find((n) => n.endsWith('Astrid.log'));
  return f ? fs.readFileSync(path.join(artifacts, f), 'utf8') : undefined;
}

/** The remote extension host's log, once it exists. */
function exthostLog(dataDir) {
  const logs = path.join(dataDir, 'logs');
  const file = fs.existsSync(logs) && fs.readdirSync(logs, { recursive: true }).find((f) => f.endsWith('remoteexthost.log'));
  return file ? fs.readFileSync(path.join(logs, file), 'utf8') : '';
}

/** The wall-clock time of the first log line matching re (VS Code logs local time). */
function loggedAt(log, re) {
  const line = log.split('\n').find((l) => re.test(l));
  const m = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}`).getTime() : undefined;
}

async function run(port, dirs) {
  const folder = dirs.workspace;
  const pageLoad = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: TIMEOUT });
  const deadline = Date.now() + TIMEOUT;
  while (!/Eager extensions activated/.test(exthostLog(dirs.data))) {
    check(Date.now() < deadline, 'the extension host did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  fs.cpSync(path.join(__dirname, 'fixture'), folder, { recursive: true });
  await until('the pack in the explorer', () =>
    [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].some((r) => r.textContent.trim() === 'weather'));

  await step('squiggles on the pack with mistakes', async () => {
    // A cold start: VS Code is up, the extension is not active yet. The clock starts when the user
    // opens the file (Enter in Quick Open; typing the name before it is not the open), and covers
    // activation, finding Java, starting the server and the first check.
    const quickOpen = Date.now();
    const opened = await openFile('weather/pack.yaml');
    await page.waitForSelector('.editor-group-container.active .monaco-editor .squiggly-error', { timeout: TIMEOUT });
    const first = Date.now();
    const activated = loggedAt(exthostLog(dirs.data), /_doActivateExtension astrid-pack-ls\.astrid-pack-ls/);
    check(activated === undefined || activated >= quickOpen - 1000, 'the extension was not active before the file was opened');
    copyLogs(dirs.data);
    const log = astridLog() || '';
    const java = /found in (\d+) ms/.exec(log);
    const running = /running, (\d+) ms after/.exec(log);
    const timing = {
      openToFirstDiagnosticMs: first - opened,
      openToActivationMs: activated && activated - opened,
      javaDiscoveryMs: java && Number(java[1]),
      serverStartMs: running && Number(running[1]),
      quickOpenToFirstDiagnosticMs: first - quickOpen,
      pageLoadToFirstDiagnosticMs: first - pageLoad,
    };
    console.log(`open pack.yaml → first diagnostic: ${timing.openToFirstDiagnosticMs} ms (open → activation ${timing.openToActivationMs} ms, `
      + `Java discovery ${timing.javaDiscoveryMs} ms, server start ${timing.serverStartMs} ms; `
      + `${timing.quickOpenToFirstDiagnosticMs} ms from Quick Open)`);
    fs.writeFileSync(path.join(artifacts, 'timing.json'), JSON.stringify(timing, null, 2));
    await until('a warning squiggle too', () => document.querySelector('.editor-group-container.active .monaco-editor .squiggly-warning'));
  });

  await step('problems panel with codes and rule links', async () => {
    await keys(mod, 'Shift', 'M');
    await until('problems for pack.yaml', () => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('permission-unknown-id')));
    const rows = await problems();
    for (const code of ['permission-unknown-id', 'permission-vague-reason', 'environment-without-secrets']) {
      check(rows.some((r) => r.includes(code)), `${code} in the Problems panel: ${JSON.stringify(rows)}`);
    }
    const link = await page.evaluate(() => {
      const row = [...document.querySelectorAll('.markers-panel .monaco-list-row')].find((r) => r.textContent.includes('permission-unknown-id'));
      const a = row && [...row.querySelectorAll('a')].find((e) => e.textContent.includes('permission-unknown-id'));
      return a ? { text: a.textContent, href: a.getAttribute('href') || a.title || '', html: a.outerHTML } : { html: row && row.innerHTML };
    });
    check(link && link.text.includes('permission-unknown-id') && /docs\/rules\/permission-unknown-id\.md$/.test(link.href),
      `the code is a link to its rule page: ${JSON.stringify(link)}`);
  });

  await step('hover explains the permission and the disclosure', async () => {
    await openFile('weather/pack.yaml');
    await goTo(11, 12); // environment
    await keys(mod, 'k');
    await keys(mod, 'i');
    // The hover also lists the diagnostic at that spot; the server's own text may come after it.
    await until('the hover with the disclosure text', () =>
      /disclos/i.test([...document.querySelectorAll('.monaco-hover .hover-contents')].map((e) => e.textContent).join('\n')), undefined, 10000)
      .catch(async (e) => {
        throw new Error(`${e.message}: ${await page.evaluate(() => document.querySelector('.monaco-hover')?.textContent)}`);
      });
    await screenshot('hover');
    await keys('Escape');
  });

  await step('quick fix through the light bulb', async () => {
    await goTo(9, 12); // Network
    await page.waitForSelector('.lightBulbWidget', { visible: true });
    await page.click('.lightBulbWidget');
    const items = await until('the quick fix menu', () => {
      const rows = [...document.querySelectorAll('.action-widget .monaco-list-row.action')].map((r) => r.textContent);
      return rows.length > 0 && rows;
    });
    await screenshot('light bulb menu');
    const index = items.findIndex((t) => t.includes("'network'"));
    check(index >= 0, `a fix to 'network' in ${JSON.stringify(items)}`);
    const rows = await page.$$('.action-widget .monaco-list-row.action');
    await rows[index].click();
    await until('the fixed line', () => document.querySelector('.editor-group-container.active .view-lines')?.textContent.replace(/\u00a0/g, ' ').includes('- id: network'));
    await until('the error squiggle to go', () => !document.querySelector('.editor-group-container.active .monaco-editor .squiggly-error'));
  });

  await step('trust summary code lens', async () => {
    const lens = await until('the code lens', () => document.querySelector('.editor-group-container.active .codelens-decoration a')?.textContent);
    check(/trust/i.test(lens), `code lens: ${lens}`);
    // Code lenses are re-rendered as results arrive: click where the lens is now, not a stale node.
    const box = await page.evaluate(() => {
      const r = document.querySelector('.editor-group-container.active .codelens-decoration a').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    await until('the trust summary editor', () => document.querySelector('.editor-group-container.active .tab.active .label-name')?.textContent.includes('Trust Summary (weather)'));
    const lines = (await editorLines()).join('\n');
    check(lines.includes('Pack ID:') && lines.includes('weather') && /disclosure/i.test(lines), `trust summary text:\n${lines}`);
    await keys(mod, 'w');
  });

  await step('trust summary command', async () => {
    await openFile('weather/pack.yaml');
    await command('Astrid: Show Trust Summary');
    await until('the trust summary editor', () => document.querySelector('.editor-group-container.active .tab.active .label-name')?.textContent.includes('Trust Summary (weather)'));
    check((await editorLines()).join('\n').includes('Pack ID:'), 'the command shows the summary');
    await keys(mod, 'w');
  });

  await step('completion of the six permission ids', async () => {
    await openFile('weather/pack.yaml');
    await keys(mod, 'End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await keys('Shift', 'End');
    await page.keyboard.type('  - id: ');
    await keys(mod, 'Space');
    const labels = await until('the suggestions', () => {
      const rows = [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row .label-name')].map((r) => r.textContent.trim());
      return rows.length >= 6 && rows;
    });
    const ids = ['accelerator', 'environment', 'external_services', 'network', 'project_files', 'subprocess'];
    check(ids.every((id) => labels.includes(id)), `the six ids in ${JSON.stringify(labels)}`);
    await screenshot('completion list');
    await page.keyboard.press('Escape');
    await command('File: Revert File');
  });

  await step('cross-file pairing: an unsaved executor edit changes pack.yaml', async () => {
    await openFile('executors/fetch/executor.yaml');
    await keys(mod, 'End');
    await page.keyboard.type('  secrets_required: [WEATHER_API_KEY]');
    await until('the executor unsaved', () => document.querySelector('.editor-group-container.active .tab.active.dirty'));
    await keys(mod, 'Shift', 'M');
    await until('environment-without-secrets to leave pack.yaml', () =>
      ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('environment-without-secrets')));
    check(!fs.readFileSync(path.join(folder, 'weather', 'executors', 'fetch', 'executor.yaml'), 'utf8').includes('secrets_required'), 'the file on disk is unchanged');
    await screenshot('pairing after the edit');
    await openFile('executors/fetch/executor.yaml'); // back to the editor, which the panel took focus from
    await command('File: Revert File');
    await until('environment-without-secrets back on pack.yaml', () =>
      [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.textContent.includes('environment-without-secrets')));
  });

  await step('the Astrid output channel has no errors', async () => {
    await command('Astrid: Show Server Log');
    await until('the output view', () => document.querySelector('.panel .output-view, .panel [id="workbench.panel.output"]'));
    // VS Code writes each output channel to its logs folder; read the whole channel from there.
    copyLogs(dirs.data);
    const log = astridLog();
    check(log !== undefined, 'the Astrid channel was logged');
    check(/Starting the server with Java/.test(log), `the start line in:\n${log}`);
    const bad = log.split('\n').filter((l) => /\b(error|exception|severe|failed)\b/i.test(l));
    check(bad.length === 0, `error lines in the Astrid channel:\n${bad.join('\n')}`);
  });
}

main()
  .catch((e) => {
    results.push({ name: 'setup', ok: false });
    console.log(`FAIL setup: ${e && e.stack ? e.stack : e}`);
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`screenshots and logs: ${artifacts}`);
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exit(failed || results.length === 0 ? 1 : 0);
  });
