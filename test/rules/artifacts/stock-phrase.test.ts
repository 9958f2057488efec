import rule from '../../../src/rules/artifacts/stock-phrase.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
