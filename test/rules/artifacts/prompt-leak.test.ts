import rule from '../../../src/rules/artifacts/prompt-leak.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
