import type { Rule } from '../rule.js';
import unsourced from './unsourced.js';
import headlineUnsupported from './headline-unsupported.js';
import implausible from './implausible.js';
import pastedStatistic from './pasted-statistic.js';
import recurringStatistic from './recurring-statistic.js';
import inconsistentFigures from './inconsistent-figures.js';
import hype from './hype.js';
import personaExperience from './persona-experience.js';
import firstPersonVoice from './first-person-voice.js';

export const claimsRules: Rule[] = [
  unsourced,
  headlineUnsupported,
  implausible,
  pastedStatistic,
  recurringStatistic,
  inconsistentFigures,
  hype,
  personaExperience,
  firstPersonVoice,
];
