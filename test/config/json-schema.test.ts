import { readFileSync } from 'node:fs';
import { RENAMED_RULES, RENAMED_SECTIONS } from '../../src/config/renamed-rules.js';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { configJsonSchema } from '../../src/cli/config-schema.js';
import { ConfigError } from '../../src/config/load.js';
import { resolveConfig } from '../../src/lint/config.js';
import { configSchema } from '../../src/config/schema.js';
import { allRules } from '../../src/rules/index.js';
import { ROOT } from '../helpers.js';

/**
 * The JSON Schema editors use is derived from the zod schema the loader validates with. Nothing is
 * committed, so nothing can go stale; these tests hold that the two accept and reject the same files.
 */
const schema = configJsonSchema();
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

/** The loader's verdict; an `_extends` target reads as an empty organisation file. */
async function zodAccepts(text: string): Promise<boolean> {
  try {
    await resolveConfig({ source: 'cfg.yml', text }, async () => ({ source: 'org.yml', text: '' }));
    return true;
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

/** The example config of the README's Configuration section. */
const README_YAML = /\n## Configuration\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))![1]!;

const VALID: Record<string, string> = {
  empty: '',
  repository: readFileSync(join(ROOT, '.github', 'editorial-review.yml'), 'utf8'),
  readme: README_YAML,
  'rules off': 'rules:\n  front-matter/title-markdown: off\n  claims/hype: error\n',
  'markers added': 'truncation:\n  markers: ["===DONE==="]\n',
  'markers replaced': 'truncation:\n  markers: { replace: true, patterns: ["===DONE==="] }\n',
  'nested options': 'frontMatter:\n  titleLength: { cjk: { min: 5 } }\nreview: { maxComments: 0, conclusionOnErrors: neutral }\n',
  site: 'site:\n  permalink: /:categories/:year/:month/:day/:title/\n',
  'corpus options': 'corpus:\n  nearDuplicate: 0.6\n',
  'corpus options under their old name': 'repository:\n  nearDuplicate: 0.6\n',
};

const INVALID: Record<string, string> = {
  'misspelt rule id': 'rules:\n  front-matter/titel-markdown: off\n',
  'bad severity': 'rules:\n  claims/hype: fatal\n',
  'unknown key': 'duplication:\n  nearErorr: 0.5\n',
  'unknown top-level key': 'langauge: en\n',
  'wrong type': 'review:\n  maxComments: "many"\n',
  'out of range': 'review:\n  maxComments: 1000\n',
  'empty posts': 'posts: []\n',
  'bad language': 'language: fr\n',
  'invalid regex': 'truncation:\n  markers: ["(unclosed"]\n',
  'markers object without patterns': 'truncation:\n  markers: { replace: true }\n',
  'not a mapping': '- a\n- b\n',
};

describe('the JSON Schema generated from the zod schema', () => {
  it.each(Object.entries(VALID))('accepts what the loader accepts: %s', async (_, text) => {
    expect(await zodAccepts(text)).toBe(true);
    expect(validate(parse(text) ?? {}), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(Object.entries(INVALID))('rejects what the loader rejects: %s', async (_, text) => {
    expect(await zodAccepts(text)).toBe(false);
    expect(validate(parse(text) ?? {})).toBe(false);
  });

  it('lists every top-level key of the zod schema and every rule id, with descriptions for editors', () => {
    // Sections under their old name (`repository:`) are still read, so editors accept them too, marked deprecated.
    expect(Object.keys(schema.properties as object).sort()).toEqual([...Object.keys(configSchema.unwrap().shape), ...Object.keys(RENAMED_SECTIONS)].sort());
    expect((schema.properties as Record<string, { deprecated?: boolean }>).repository!.deprecated).toBe(true);
    const rules = (schema.properties as Record<string, { propertyNames: { enum: string[] } }>).rules!;
    // The old ids of renamed rules are still read, so editors accept them too.
    expect(rules.propertyNames.enum).toEqual([...allRules.map((rule) => rule.id), ...Object.keys(RENAMED_RULES)]);
    expect((schema.properties as Record<string, { description?: string }>).language!.description).toMatch(/auto/);
  });

  it('`editorial-review schema` prints exactly it, and --output writes it', async () => {
    let stdout = '';
    const code = await main(['schema'], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: ROOT, isTty: false });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(schema);
  });
});
