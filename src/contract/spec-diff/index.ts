/** Spec drift: compares two OpenAPI documents and classes each difference. */
export { classify, classLabels, isBreaking, knownRules } from './classify.ts';
export { diffSpecs } from './operations.ts';
export { formatLocation, hasBreaking, renderMarkdown, renderText } from './render.ts';
export { basePathOf, isUnderApiBase } from './scope.ts';
export type {
  ChangeClass,
  ChangeLocation,
  OutOfScope,
  RuleId,
  Side,
  SpecChange,
  SpecDiff,
} from './types.ts';
