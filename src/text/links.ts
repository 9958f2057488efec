/**
 * Link markup in Markdown source, for telling a line that is a link (a list of links, a table of
 * contents, a download URL, an image) from running text that mentions one. Each pattern is linear.
 */
const IMAGES = /!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]/gu;
const LINKS = /\[[^\]\n]*\]\([^)\n]*\)|\[[^\]\n]*\]\[[^\]\n]*\]|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b(?:https?|ftp|sftp|git|ssh|file):\/\/\S+/giu;
const CODE_SPANS = /`[^`\n]*`/gu;
const WORD_CHARS = /[\p{L}\p{N}]/gu;

/**
 * The source with its links, images, URLs and code spans removed (images first, so a linked image
 * `[![alt](src)](href)` goes whole): what is left is the text the author wrote around them.
 */
export function withoutLinks(source: string): string {
  return source.replace(CODE_SPANS, ' ').replace(IMAGES, ' ').replace(LINKS, ' ');
}

/** Letters and digits in `text`. */
export function wordCharCount(text: string): number {
  return text.match(WORD_CHARS)?.length ?? 0;
}
