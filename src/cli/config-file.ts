import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, CONFIG_PATH, defaultConfig } from '../config/load.js';
import { loadConfigFile } from '../lint/config.js';
import type { Config } from '../config/schema.js';

/**
 * The config a CLI command uses: `--config FILE` when given (relative to `cwd`), else
 * `.github/editorial-review.yml` in `dir` when present, else the defaults. A bad file is reported on
 * stderr (every bad key with its file and line) and yields null, which the command turns into exit status 2.
 */
export async function loadCliConfig(explicit: string | undefined, dir: string, cwd: string, stderr: (s: string) => void): Promise<Config | null> {
  const own = join(dir, CONFIG_PATH);
  const path = explicit ? resolve(cwd, explicit) : existsSync(own) ? own : undefined;
  try {
    return path ? await loadConfigFile(path) : defaultConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr(`editorial-review: ${error.message}\n`);
      return null;
    }
    throw error;
  }
}
