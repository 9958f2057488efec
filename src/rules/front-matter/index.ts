import type { Rule } from '../rule.js';
import readable from './readable.js';
import requiredKeys from './required-keys.js';
import valueTypes from './value-types.js';
import unknownKey from './unknown-key.js';
import fileName from './file-name.js';
import titleMarkdown from './title-markdown.js';
import titleUnbalanced from './title-unbalanced.js';
import titleTruncated from './title-truncated.js';
import titleLength from './title-length.js';
import titleChatter from './title-chatter.js';
import titleTemplate from './title-template.js';
import excerptEqualsTitle from './excerpt-equals-title.js';
import excerptMarkdown from './excerpt-markdown.js';
import excerptTemplate from './excerpt-template.js';
import excerptTruncated from './excerpt-truncated.js';
import readingTime from './reading-time.js';
import taxonomy from './taxonomy.js';

export const frontMatterRules: Rule[] = [
  readable,
  requiredKeys,
  valueTypes,
  unknownKey,
  fileName,
  titleMarkdown,
  titleUnbalanced,
  titleTruncated,
  titleLength,
  titleChatter,
  titleTemplate,
  excerptEqualsTitle,
  excerptMarkdown,
  excerptTemplate,
  excerptTruncated,
  readingTime,
  taxonomy,
];
