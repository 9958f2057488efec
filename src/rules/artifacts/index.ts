import type { Rule } from '../rule.js';
import chatter from './chatter.js';
import citationTag from './citation-tag.js';
import mojibake from './mojibake.js';
import inlineHeading from './inline-heading.js';
import unclosedBold from './unclosed-bold.js';
import promptLeak from './prompt-leak.js';

export const artifactsRules: Rule[] = [chatter, citationTag, mojibake, inlineHeading, unclosedBold, promptLeak];
