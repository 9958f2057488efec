import rule from '../../../src/rules/artifacts/unclosed-bold.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
