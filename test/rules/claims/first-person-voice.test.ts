import rule from '../../../src/rules/claims/first-person-voice.js';
import { ruleTester } from '../../rule-tester.js';

ruleTester(rule);
