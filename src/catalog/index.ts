/**
 * The catalog library: read (adapter) → validate (pure) → index and route (pure) → edit (pure).
 * The CLI, the worker and CI all go through these exports.
 */
export type { CatalogFiles, FileKind } from "./files.ts";
export { decodeCatalogFile, fileKind, OWNERS_FILE } from "./files.ts";
export { readCatalogFiles } from "./read-files.ts";
export type { CatalogProblem, Severity } from "./problems.ts";
export { countErrors, formatProblem, sortProblems } from "./problems.ts";
export type { ValidateOptions, ValidationResult } from "./validate.ts";
export { validateCatalogFiles } from "./validate.ts";
export { catalogTreeErrors } from "./tree-errors.ts";
export { assertNoErrors, loadCatalog } from "./load.ts";
export { analyze, phraseKey, stem } from "./analyze.ts";
export { buildRouteIndex } from "./route-index.ts";
export { ROUTE_LOOKUP } from "./route-model.ts";
export type { QuotedStep } from "./steps.ts";
export { ownSteps, routeSteps, stepsOnTopic } from "./steps.ts";
export type { RouteAnswerView } from "./answer.ts";
export { laneNote, ownerLine, routeAnswerView } from "./answer.ts";
export { countExamples } from "./answer-checks.ts";
export { extractSteps, parsePlaybook } from "./playbook.ts";
export type { CatalogEdit } from "./yaml-edit.ts";
export { applyCatalogEdit, catalogFileFor, newCatalogFilePath, newCatalogFileText } from "./yaml-edit.ts";
