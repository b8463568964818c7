import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
// The glob library vscode-languageclient itself uses; VS Code's own globs agree on these patterns.
import { minimatch } from 'minimatch';
import { DOCUMENT_SELECTOR, JSON_PATTERN, MANIFEST_GLOB, YAML_PATTERN, isManifestPath } from '../src/selector';

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

  it('uses only the schemes file and untitled and only the yaml and json languages', () => {
    assert.deepEqual(new Set(DOCUMENT_SELECTOR.map((f) => f.scheme)), new Set(['file', 'untitled']));
    assert.deepEqual(new Set(DOCUMENT_SELECTOR.map((f) => f.language)), new Set(['yaml', 'json']));
    assert.equal(DOCUMENT_SELECTOR.length, 4);
    assert.ok(!minimatch('/w/pack.json', YAML_PATTERN) && !minimatch('/w/pack.yaml', JSON_PATTERN));
  });

  it('recognises manifest paths with either separator', () => {
    assert.ok(isManifestPath('C:\\w\\pack.yml'));
    assert.ok(isManifestPath('/w/element.json'));
    assert.ok(isManifestPath('orchestrator.yaml'));
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

  it('activates on manifests and on the yaml and json languages', () => {
    assert.deepEqual(pkg.activationEvents, [`workspaceContains:${MANIFEST_GLOB}`, 'onLanguage:yaml', 'onLanguage:json']);
  });

  it('contributes no language of its own', () => {
    assert.equal(pkg.contributes.languages, undefined);
  });

  it('contributes every server setting plus the Java and trace ones', () => {
    const keys = Object.keys(pkg.contributes.configuration.properties).sort();
    assert.deepEqual(keys, [
      'astrid.inlayHints.enabled', 'astrid.java.home', 'astrid.java.vmargs', 'astrid.severity',
      'astrid.trace.server', 'astrid.vagueReason.minSpecificWords', 'astrid.vagueReason.phrases',
    ]);
    for (const key of keys) {
      const p = pkg.contributes.configuration.properties[key];
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
