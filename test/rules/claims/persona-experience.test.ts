import rule from '../../../src/rules/claims/persona-experience.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
