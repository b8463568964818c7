// Which documents the server gets. Free of `vscode` so that it runs under plain node tests.
//
// Manifests are matched by file name on the existing `yaml` and `json` languages, never by a new
// language id: every other YAML or JSON file stays with whichever extension handles it now.

export const KINDS = ['pack', 'executor', 'orchestrator', 'element'] as const;

const STEMS = `{${KINDS.join(',')}}`;
export const YAML_PATTERN = `**/${STEMS}.{yaml,yml}`;
export const JSON_PATTERN = `**/${STEMS}.json`;
/** For `workspaceContains:` and file searches. */
export const MANIFEST_GLOB = `**/${STEMS}.{yaml,yml,json}`;

export const MANIFEST_NAME = new RegExp(`^(${KINDS.join('|')})\\.(yaml|yml|json)$`);

export interface DocumentFilter {
  language: string;
  scheme: string;
  pattern: string;
}

export const DOCUMENT_SELECTOR: readonly DocumentFilter[] = ['file', 'untitled'].flatMap((scheme) => [
  { language: 'yaml', scheme, pattern: YAML_PATTERN },
  { language: 'json', scheme, pattern: JSON_PATTERN },
]);

/** True for a manifest's path or file name (either separator). */
export function isManifestPath(p: string): boolean {
  return MANIFEST_NAME.test(p.split(/[\\/]/).pop() ?? '');
}
