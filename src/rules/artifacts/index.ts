import type { Rule } from '../rule.js';
import chatter from './chatter.js';
import citationTag from './citation-tag.js';
import mojibake from './mojibake.js';
import inlineHeading from './inline-heading.js';
import unclosedBold from './unclosed-bold.js';
import promptLeak from './prompt-leak.js';
import stockPhrase from './stock-phrase.js';
import maskedName from './masked-name.js';
import contentAfterFooter from './content-after-footer.js';

export const artifactsRules: Rule[] = [chatter, citationTag, mojibake, inlineHeading, unclosedBold, promptLeak, maskedName, contentAfterFooter, stockPhrase];
