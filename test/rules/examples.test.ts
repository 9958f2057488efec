import { allRules } from '../../src/rules/index.js';
import { ruleTester } from '../rule-tester.js';

// Every rule's own examples (its documentation) run through the rule tester.
for (const rule of allRules) if (rule.examples) ruleTester(rule);
