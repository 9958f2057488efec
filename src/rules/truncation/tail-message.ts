import type { LocalizedText } from '../../core/finding.js';
import type { TailEvidence } from '../../text/sentence.js';

/** Why a tail is judged cut, in the reader's words (see `TailEvidence`). */
export function tailEvidenceText(evidence: TailEvidence | undefined): LocalizedText {
  switch (evidence) {
    case 'character':
      return { en: 'it ends inside a character (broken UTF-8)', ja: '文字の途中で終わっています（文字化け）' };
    case 'comma':
      return { en: 'it ends on a comma', ja: '読点で終わっています' };
    case 'particle':
      return { en: 'it ends on a particle', ja: '助詞で終わっています' };
    case 'conjunctive':
      return { en: 'it ends on a form that continues (連用形)', ja: '連用形など、続きを要する形で終わっています' };
    case 'conjunction':
      return { en: 'it ends on a word that needs a continuation (a conjunction, article or preposition)', ja: '接続詞など、続きを要する語で終わっています' };
    case 'prefix':
      return { en: 'it ends on a word that needs its noun', ja: '連体詞・接頭詞など、後に名詞を要する語で終わっています' };
    case 'emphasis':
      return { en: 'it ends inside bold text that is never closed', ja: '閉じられていない太字の途中で終わっています' };
    case 'table':
      return { en: 'it ends inside a table row, or after a table header with no rows', ja: '表の行の途中、または行のない表の見出しで終わっています' };
    default:
      return { en: 'its last sentence has no full stop', ja: '最後の文に句点がありません' };
  }
}
