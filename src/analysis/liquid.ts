import type { Post } from '../post/post.js';
import { memoKey } from '../core/memo.js';
import { linesMatching } from '../text/line-search.js';

// Liquid's code, raw and comment blocks, and kramdown's `{::comment}` / `{::nomarkdown}` extensions (closed by
// `{:/comment}`, `{:/nomarkdown}` or the short `{:/}`).
const OPEN = /\{%-?\s*(highlight|raw|comment)\b|\{::(comment|nomarkdown)\b/u;
const CLOSE = /\{%-?\s*end(highlight|raw|comment)\s*-?%\}|\{:\/(comment|nomarkdown)?\}/u;

/** `{%` or `{:`: every match of OPEN and CLOSE holds one; the lines without are not read (`linesMatching`). */
export const MAY_OPEN_OR_CLOSE = /\{[%:]/g;

const LIQUID_CODE = memoKey<[number, number][]>('liquid code ranges');

/**
 * Line ranges of Liquid blocks whose content is not prose (`{% highlight %}…{% endhighlight %}`,
 * `{% raw %}`, `{% comment %}`) and of kramdown's `{::comment}` / `{::nomarkdown}`: Markdown parses their content as paragraphs and quotes, but text rules
 * must not read it. One linear pass over the lines, cached per post.
 */
export function liquidCodeRanges(post: Post): [number, number][] {
  return post.memo.get(LIQUID_CODE, [], () => findRanges(post));
}

function findRanges(post: Post): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (const line of linesMatching(post.text, post.lines, MAY_OPEN_OR_CLOSE, post.bodyLine)) {
    const text = post.lines.line(line);
    if (start === 0 && OPEN.test(text)) {
      start = line;
      if (CLOSE.test(text)) {
        ranges.push([start, line]);
        start = 0;
      }
    } else if (start !== 0 && CLOSE.test(text)) {
      ranges.push([start, line]);
      start = 0;
    }
  }
  if (start !== 0) ranges.push([start, post.lines.count]);
  return ranges;
}

/** True when lines `line..endLine` touch a Liquid code block. */
export function inLiquidCode(post: Post, line: number, endLine: number): boolean {
  return liquidCodeRanges(post).some(([a, b]) => a <= endLine && line <= b);
}
