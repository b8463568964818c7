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

/**
 * A pack's Python files, synchronised (never checked themselves) so that typing in one re-checks
 * its pack manifest's disclosure findings at once rather than on save. Files on disk only: the
 * server reads no other view of them. Not a reason to start the server (see DOCUMENT_SELECTOR).
 */
export const CODE_SELECTOR: readonly DocumentFilter[] = [{ language: 'python', scheme: 'file', pattern: '**/*.py' }];

/** True for a manifest's path or file name (either separator). */
export function isManifestPath(p: string): boolean {
  return MANIFEST_NAME.test(p.split(/[\\/]/).pop() ?? '');
}
