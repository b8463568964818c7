import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
// The glob library vscode-languageclient itself uses; VS Code's own globs agree on these patterns.
import { minimatch } from 'minimatch';
import { CODE_SELECTOR, DOCUMENT_SELECTOR, isManifestPath } from '../src/selector';

const manifests = ['pack', 'executor', 'orchestrator', 'element'];
const others = ['/w/docker-compose.yaml', '/w/.github/workflows/ci.yml', '/w/package.json', '/w/packs.yaml', '/w/mypack.yaml', '/w/pack.yaml.bak', '/w/pack.toml', '/w/Pack.yaml'];

function languageFor(file: string): string | undefined {
  const matching = DOCUMENT_SELECTOR.filter((f) => f.scheme === 'file' && minimatch(file, f.pattern, { dot: true }));
  return matching[0]?.language;
}

describe('document selector', () => {
  it('matches every manifest name on the existing yaml and json languages', () => {
    for (const stem of manifests) {
      assert.equal(languageFor(`/w/p/${stem}.yaml`), 'yaml');
      assert.equal(languageFor(`/w/p/executors/x/${stem}.yml`), 'yaml');
      assert.equal(languageFor(`/w/${stem}.json`), 'json');
    }
  });

  it('leaves other YAML and JSON files alone', () => {
    for (const file of others) {
      assert.equal(languageFor(file), undefined, file);
      assert.equal(isManifestPath(file), false, file);
    }
  });

  /** vscode.languages.match for these filters: scheme, language and glob must all fit. */
  function matches(doc: { scheme: string; language: string; path: string }): boolean {
    return DOCUMENT_SELECTOR.some((f) => f.scheme === doc.scheme && f.language === doc.language && minimatch(doc.path, f.pattern, { dot: true }));
  }

  it('checks unsaved manifests too, but no other view of a file (a git diff, a remote copy) twice', () => {
    assert.ok(matches({ scheme: 'untitled', language: 'yaml', path: '/w/p/pack.yaml' }));
    assert.ok(matches({ scheme: 'untitled', language: 'json', path: '/w/p/element.json' }));
    for (const scheme of ['git', 'vscode-vfs', 'output', 'vscode-userdata']) {
      assert.equal(matches({ scheme, language: 'yaml', path: '/w/p/pack.yaml' }), false, scheme);
    }
  });

  it('follows the language the user picked: a manifest shown as plain text, or JSON text in a .yaml name, is not checked', () => {
    assert.equal(matches({ scheme: 'file', language: 'plaintext', path: '/w/p/pack.yaml' }), false);
    assert.equal(matches({ scheme: 'file', language: 'yaml', path: '/w/p/pack.json' }), false);
    assert.equal(matches({ scheme: 'file', language: 'json', path: '/w/p/pack.yaml' }), false);
  });

  it('syncs a pack\'s Python files from disk, for its pack manifest\'s findings, and nothing else of them', () => {
    const code = (doc: { scheme: string; language: string; path: string }) =>
      CODE_SELECTOR.some((f) => f.scheme === doc.scheme && f.language === doc.language && minimatch(doc.path, f.pattern, { dot: true }));
    assert.ok(code({ scheme: 'file', language: 'python', path: '/w/p/executors/render/run.py' }));
    assert.equal(code({ scheme: 'untitled', language: 'python', path: '/w/p/run.py' }), false);
    assert.equal(code({ scheme: 'git', language: 'python', path: '/w/p/run.py' }), false);
    assert.equal(code({ scheme: 'file', language: 'yaml', path: '/w/p/pack.yaml' }), false);
  });

  it('recognises manifest paths with either separator', () => {
    assert.ok(isManifestPath('C:\\w\\pack.yml'));
    assert.ok(isManifestPath('/w/element.json'));
    assert.ok(isManifestPath('orchestrator.yaml'));
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

  it('activates in a workspace holding any manifest, at any depth, and when a YAML or JSON file opens', () => {
    const contains = (pkg.activationEvents as string[]).find((e) => e.startsWith('workspaceContains:'))!.slice('workspaceContains:'.length);
    for (const stem of manifests) {
      for (const ext of ['yaml', 'yml', 'json']) {
        assert.ok(minimatch(`packs/weather/executors/x/${stem}.${ext}`, contains), `${stem}.${ext}`);
        assert.ok(minimatch(`${stem}.${ext}`, contains), `${stem}.${ext} at the root`);
      }
    }
    for (const file of others) {
      assert.equal(minimatch(file.slice(1), contains), false, file);
    }
    // A manifest opened from outside the workspace: the selector's languages must activate us.
    for (const language of new Set(DOCUMENT_SELECTOR.map((f) => f.language))) {
      assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), language);
    }
  });

  it('contributes no language of its own', () => {
    assert.equal(pkg.contributes.languages, undefined);
  });

  it('describes every setting it contributes', () => {
    for (const [key, p] of Object.entries<any>(pkg.contributes.configuration.properties)) {
      assert.ok(key.startsWith('astrid.'), key);
      assert.ok(p.description || p.markdownDescription, `${key} has a description`);
    }
  });

  it('keeps vmargs out of workspace settings', () => {
    assert.equal(pkg.contributes.configuration.properties['astrid.java.vmargs'].scope, 'machine');
  });

  it('points main at the compiled extension', () => {
    assert.equal(pkg.main, './out/src/extension.js');
    assert.ok(fs.existsSync(path.join(__dirname, '..', 'src', 'extension.js')));
  });
});
