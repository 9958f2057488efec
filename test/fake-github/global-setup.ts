import { ensureSubset } from '../../scripts/extract-openapi-subset.mjs';

/** vitest globalSetup: extract GitHub's OpenAPI subset once, before the workers start (they read the cache). */
export default function setup(): void {
  ensureSubset();
}
