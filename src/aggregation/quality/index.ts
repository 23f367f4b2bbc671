// Data quality for aggregation (Art. 19), masking (Art. 33/38) and intelligent identification (Art. 11).
export { RegionIndex, regionIndex, registrationNumberValid, USCC_CATEGORIES } from './codes.ts';
export { isBankCard, isEmail, isPhone, luhnValid, type PhoneAccept } from './contact.ts';
export { contradictions, type DeclaredItem, type GradeTerm } from './contradictions.ts';
export { dateKey, datetimeMs } from './datetime.ts';
export { type DataElementLike, defaultRules, type ItemLike, parseEnumeration } from './defaults.ts';
export { FINDING_LABELS, findingLabel, RULE_KINDS, type RuleKindDefinition } from './definitions.ts';
export { FingerprintSet } from './fingerprint-set.ts';
export {
  DETECTED_KIND_LABELS,
  DETECTED_KINDS,
  type DetectedKind,
  type ElementLike,
  type Identification,
  type IdentifyOptions,
  identifyColumn,
  isAddress,
  isPersonalName,
} from './identify.ts';
export { maskValue } from './masking.ts';
export {
  type QualityFinding,
  QualityReport,
  type QualityReportJson,
  type QualitySample,
  type ReportColumn,
  samplePiKind,
} from './report.ts';
export { codePointLength, compileColumnRules, ruleProblems } from './rules.ts';
export { FREQUENCY_LABELS, type Timeliness, timeliness } from './timeliness.ts';
export type {
  ColumnCheck,
  CompileContext,
  EnumValue,
  Failure,
  Rule,
  RuleKind,
  Severity,
  ValueType,
} from './types.ts';
