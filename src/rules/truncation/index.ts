import type { Rule } from '../rule.js';
import generationMarker from './generation-marker.js';
import postEndsMidSentence from './post-ends-mid-sentence.js';
import splitParagraph from './split-paragraph.js';
import unbalancedBrackets from './unbalanced-brackets.js';
import unfinishedParagraph from './unfinished-paragraph.js';

export const truncationRules: Rule[] = [generationMarker, splitParagraph, postEndsMidSentence, unfinishedParagraph, unbalancedBrackets];
