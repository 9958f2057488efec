import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The SARIF base id of the working directory (GitHub code scanning resolves it to the checkout). */
export const SRCROOT = '%SRCROOT%';

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * A file as a SARIF artifact location: below `cwd`, a relative URI reference (each segment
 * percent-encoded, so Japanese or spaced file names stay valid URIs) under `%SRCROOT%`; elsewhere an
 * absolute `file:` URI with no base id (a `/`-rooted reference under a base id is SARIF1004).
 */
export function artifactUri(path: string, cwd: string): ArtifactLocation {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolute).href };
}

/** The working directory as an absolute `file:` URI ending in `/`, for `originalUriBaseIds`. */
artifactUri.root = (cwd: string): string => {
  const href = pathToFileURL(resolve(cwd)).href;
  return href.endsWith('/') ? href : `${href}/`;
};
