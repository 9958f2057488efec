import rule from '../../../src/rules/front-matter/title-chatter.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
