/** The contract library's public API: specs, schemas, checks, findings, redaction and layout. */

export * from './checks/index.ts';
export type {
  CheckContext,
  CheckOptions,
  DocumentedContent,
  DocumentedResponse,
  ParsedBody,
} from './context.ts';
export { createCheckContext, findDocumentedResponse } from './context.ts';
export type { Contract, LoadContractOptions } from './contract.ts';
export { createContract, loadContract } from './contract.ts';
export { describeBody, describeValue, trimText } from './display.ts';
export { HarnessInternalError, HarnessUsageError } from './errors.ts';
export type { FailureReport, LayoutOptions } from './failure-layout.ts';
export { formatCurl, formatFailure, quoteShell } from './failure-layout.ts';
export type {
  CheckName,
  Finding,
  FindingProfile,
  ObservedResponse,
  RecordedRequest,
  Severity,
} from './findings.ts';
export { getHeader } from './headers.ts';
export type { MediaType } from './media-type.ts';
export { isJsonMediaType, matchMediaType, parseMediaType } from './media-type.ts';
export { defaultRedactor, MASK, Redactor } from './redact.ts';
export type { SchemaValidator, SchemaViolation } from './schema.ts';
export { compileAll, listSchemaPointers, schemaValidator } from './schema.ts';
export type { SchemaNode } from './schema-walk.ts';
export { schemaAtPointer } from './schema-walk.ts';
export type { LoadedSpec, OperationInfo } from './spec.ts';
export {
  escapePointer,
  indexSpec,
  loadSpec,
  matchPathTemplate,
  readPointer,
  resolveObject,
  specFiles,
} from './spec.ts';
export type { StrictCheckName, StrictProfile, StrictRule } from './strict/profile.ts';
export { loadStrictProfile, parseStrictProfile } from './strict/profile.ts';
