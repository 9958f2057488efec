import rule from '../../../src/rules/artifacts/inline-heading.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
