/**
 * Generated Markdown through both producers of the post model (markdown-it, micromark): how many posts
 * markdown-it handled, and the shortest example of each kind of difference (the first differing block
 * field, or the mask). Every difference found so far became a fallback in src/post/markdown-it-model.ts and
 * a piece of test/post/markdown-it-model.test.ts; run this after changing either producer.
 *
 *   node --import tsx bench/parser-fuzz.ts [SAMPLES_PER_GENERATOR]
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { defuseHostileMarkup } from '../src/post/defuse.js';
import { LineIndex } from '../src/post/line-index.js';
import { gfmSyntaxIn } from '../src/post/markdown-events.js';
import { markdownItModel } from '../src/post/markdown-it-model.js';
import { micromarkModel } from '../src/post/parse.js';
import { MARKDOWN_PIECES } from '../test/post/markdown-pieces.js';

const FRONT = '---\ntitle: t\n---\n';
// Inline and block atoms glued at random: links, images, code, HTML, entities, escapes, tables, quotes, lists.
const atom = fc.constantFrom(
  '[', ']', '(', ')', '![', '`', '``', '<span>', '</span>', '<a href="x">', '<!-- c -->', '&amp;', '&#x41;', '&nbsp;',
  '\\', '\\*', '*', '**', '_', ' ', '  ', '\n', '\n> ', '\n- ', '\n  ', 'a', 'b', 'x y', '"t"', "'t'", '<http://x.y>',
  'javascript:x', 'url', '/p?q=1&r', '\u3000', '日本語', '20%', '[a]: /u', '\n\n', '#', '|', ' | ', '\n|-|-|\n', '\n---\n', '    ',
);
// GFM autolink literals and single-tilde strikethrough, and what borders them: protocols, `www.`, emails,
// trailing punctuation, brackets, parentheses, `<`, `&` references, emphasis, code, escapes, Japanese.
const literalAtom = fc.constantFrom(
  'https://', 'http://', 'HTTP://', 'www.', 'WWW.', 'wwww.', 'a@b.co', 'x.y@z.jp', '@', 'mail', 'example.com', 'x.org', '.', '..', '/', '/p',
  '_', '__', '-', '+', '(', ')', '[', ']', '![', '](u)', '[r]', '<', '>', '<b>', '&amp;', '&x;', '&', '*', '**', '~', '~~', '~~~', '\\~', '&#126;', '&#x60;', '\\`', '!', '?', ',',
  ';', ':', "'", '"', '`', '\\', '\\_', '#', '|', ' ', '  ', '\n', '\n\n', '\n> ', '\n- ', 'あ', '。', '日本語', '\u3000', '\u00a0', '0', 'a', 'h', 'w',
);
const generators = [
  fc.array(literalAtom, { maxLength: 30 }).map((a) => `${FRONT}${a.join('')}\n`),
  fc.tuple(fc.constantFrom('', '> ', '- ', '# ', '| a |\n|-|\n| '), fc.array(literalAtom, { maxLength: 20 })).map(([p, a]) => `${FRONT}${p}${a.join('')}\n`),
  fc.array(atom, { maxLength: 40 }).map((a) => `${FRONT}${a.join('')}\n`),
  fc.tuple(fc.constantFrom('', '> ', '- ', '1. ', '> - ', '- > '), fc.array(atom, { maxLength: 30 })).map(([p, a]) => `${FRONT}${p}${a.join('')}\n`),
  fc.tuple(fc.array(fc.constantFrom(...MARKDOWN_PIECES), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\n\n', '\n\n\n')).map(([p, g]) => `${FRONT}\n${p.join(g)}\n`),
  fc.stringMatching(/^[-*_>#`[\]()!<&;:|~\\ \na-z0-9^"=./@]{0,120}$/).map((b) => `${FRONT}${b}`),
];

const samples = Number(process.argv[2] ?? 3000);
const examples = new Map<string, string>();
let handled = 0;
let total = 0;
for (const generator of generators) {
  for (const text of fc.sample(generator, samples)) {
    total++;
    const { text: parsed } = defuseHostileMarkup(text);
    const model = markdownItModel(text, parsed, new LineIndex(text));
    if (typeof model === 'string') continue;
    handled++;
    const reference = micromarkModel(text, parsed, gfmSyntaxIn(parsed));
    let kind = '';
    for (let i = 0; i < Math.max(reference.blocks.length, model.blocks.length) && !kind; i++) {
      const x = reference.blocks[i] as unknown as Record<string, unknown> | undefined;
      const y = model.blocks[i] as unknown as Record<string, unknown> | undefined;
      if (isDeepStrictEqual(x, y)) continue;
      const fields = x && y ? Object.keys({ ...x, ...y }).filter((k) => !isDeepStrictEqual(x[k], y[k])) : ['missing block'];
      kind = `${String((x ?? y)!.type)}: ${fields.join(', ')}`;
    }
    if (!kind && !isDeepStrictEqual([...reference.mask.ranges], [...model.mask.ranges])) kind = 'mask ranges';
    if (!kind && !isDeepStrictEqual(reference.mask.sources, model.mask.sources)) kind = 'mask sources';
    if (kind && (!examples.has(kind) || examples.get(kind)!.length > text.length)) examples.set(kind, text);
  }
}
console.log(`${total} generated posts, markdown-it handled ${handled}, kinds of difference ${examples.size}`);
for (const [kind, text] of examples) console.log(`  ${kind}: ${JSON.stringify(text.slice(FRONT.length))}`);
process.exitCode = examples.size > 0 ? 1 : 0;
