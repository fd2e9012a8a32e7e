/**
 * What a name in code is, from its spelling and its binding: a constant or enum member, a type or module
 * named in code (not a value), a member of a type. Both detectors ask; neither keeps its own copy.
 */
import type { Family } from './family';
import { FAMILIES } from './families';

/**
 * SCREAMING_CASE with an underscore (`TYPE_HEART_RATE`) or five or more capitals (`GLUCOSE`): a constant or
 * enum member. Short capitals (`SSN`, `DOB`, `BG`) stay names of fields.
 */
export function isConstantName(name: string): boolean {
  // SCREAMING_CASE, and C / C++ constants behind an upper-case prefix (DCMTK's `DCM_PatientName` tag keys,
  // `ERT_Patient`, `EC_Normal`).
  return /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name) || /^[A-Z][A-Z0-9]{4,}$/.test(name) || /^[A-Z][A-Z0-9]+_[A-Z][A-Za-z0-9]*$/.test(name);
}

/** What a name is bound to where it is read: a local, parameter or field shadows a type of the same name. */
export interface NameScope {
  isBound(name: string): boolean;
  /** Names bound by imports (modules, classes, functions). */
  readonly imports: ReadonlySet<string>;
}

/**
 * A type, class or module named in code, not a value: `LTag`, `Command.Kind`, `R.string`, an imported
 * module (`hashlib`, `log`). `dotted` is the receiver as written (`Command.Kind`); calls and `?.` are values.
 */
export function isStaticName(dotted: string | undefined, scope: NameScope): boolean {
  if (!dotted || dotted.includes('(') || dotted.includes('?')) return false;
  const head = dotted.split('.')[0];
  if (scope.isBound(head)) return false;
  return scope.imports.has(head) || /^[A-Z]/.test(head);
}

/**
 * A member of a type that is a name, not data read from a value: a constant (`LTag.GLUCOSE`), an Android
 * resource id (`R.string.glucose_hint`), or, where members of values are camelCase, a PascalCase enum case
 * or nested type (`PumpHistoryEntryType.JournalEntryInsulinMarker`). The receiver must be static
 * (isStaticName).
 */
export function isTypeMemberName(prop: string, receiver: string, family: Family, enumCases?: ReadonlySet<string>): boolean {
  if (isConstantName(prop) || /^(android\.)?R\.\w+$|^Res\.(string|drawable|plurals|font|array)$/.test(receiver)) return true;
  if (enumCases?.has(prop)) return true;
  // Every member of a type that holds constants (`RmConstants.EHR`, `OperationsConstants.PatientExport`).
  if (isConstantHolder(receiver)) return true;
  const fieldsArePascal = !!FAMILIES[family].pascalCaseMembersAreFields;
  // A case of a type named like an enum, where fields are PascalCase too (C#'s `ResourceType.Patient`).
  if (fieldsArePascal && ENUM_TYPE.test(receiver) && /^[A-Z]/.test(prop)) return true;
  // Short capitals read from a type (`RmConstants.EHR`, `Units.MGDL`): a static member, where fields of
  // values are camelCase.
  if (/^[A-Z][A-Z0-9]+$/.test(prop) && !fieldsArePascal) return true;
  return /^[A-Z][a-z0-9]+[A-Z]?\w*$/.test(prop) && !fieldsArePascal;
}

/**
 * Types and objects named for the constants they hold: `*Constants`, `*Consts`, `*Keys`, `*Names`, `*Tags`,
 * `*Codes`, `*Defaults`, `*Endpoints`, `*Urls` (and `Constants` itself), a type named for one tag or key
 * (fo-dicom's `DicomTag.PatientName`, `PreferenceKey.Email`); objects `constants`, `modDefaults`,
 * `endpoints`, `urls`. Their members are keys, URLs and names, not data.
 */
const CONSTANT_HOLDER = /(^|\.)[A-Z]\w*(Tag|Key|Column|Field)$|(^|\.)([A-Z]\w*)?(Constants?|Consts?|Keys|Names|Tags|Codes|Codings|CodeSystems|ValueSets|Strings|Resources|Columns|Fields|Defaults|Endpoints|Urls|URLS|CONSTANTS|DEFAULTS)$|(^|\.)[a-z]\w*(Constants|Consts|Defaults|Endpoints|Urls)$|(^|\.)(constants|consts|defaults|endpoints|urls)$/;

/** Is `name` (a dotted receiver) a holder of program constants? */
export function isConstantHolder(name: string): boolean {
  return CONSTANT_HOLDER.test(name);
}

/** Type names that name an enum (`ResourceType`, `EventKind`, `OrderStatus`, `Gender` is not one). */
const ENUM_TYPE = /(^|\.)[A-Z]\w*(Type|Kind|Category|Status|Mode|Level|Enum|Reason|Role)$/;

/**
 * A request descriptor of a route table (`routes.abdm.healthId.linkMobileNumber`,
 * `DiagnosesRoutes.createConsultationDiagnosis`, `endpoints.patient`): the route's name, not data — only what
 * is put into its URL is. `dotted` is the whole member expression; the table is its first segment.
 */
export function isRouteName(dotted: string): boolean {
  return /^(routes|\w*Routes|endpoints|\w*Endpoints|apiRoutes|API_ROUTES|ROUTES|ENDPOINTS)\./.test(dotted) && !dotted.includes('(');
}

/**
 * Enum cases a Swift file declares (`case readGlucose`, `case low, high`): camelCase like properties, so
 * told apart by their declaration, not their spelling.
 */
export function swiftEnumCases(text: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:indirect\s+)?case\s+([a-z_]\w*(?:\([^)]*\))?(?:\s*(?:=\s*[^,\n]+)?\s*,\s*[a-z_]\w*(?:\([^)]*\))?)*)/gm)) {
    for (const part of m[1].split(',')) {
      const name = /^\s*([a-z_]\w*)/.exec(part)?.[1];
      if (name && name !== 'let' && name !== 'var') out.add(name);
    }
  }
  return out;
}
