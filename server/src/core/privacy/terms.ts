/**
 * The taxonomy's vocabulary (taxonomy.ts matches names against it): the terms for health, genetic,
 * biometric and personal data with their categories and qualifiers, the person words, and the words that
 * make a name a flag, a limit, metadata or a protected form of the data. docs/rules.md ("Taxonomy") lists them for users.
 */
/** `secret`: credentials (passwords, API keys, access tokens) — reported only where they reach a log. */
export type Category = 'health' | 'genetic' | 'biometric' | 'personal' | 'record' | 'secret';

export interface Term {
  words: string[];
  cat: Category;
  /** What the data is, for messages ("date of birth"). */
  what: string;
  /** Needs a qualifier: one of these words before it, or a receiver qualified by one of them. */
  q?: ReadonlySet<string>;
  /** An internal record identifier (patient id): personal, but fine in REST paths (not reported by in-url). */
  idOnly?: boolean;
  /**
   * An abbreviation that is data only in its domain's code (`iob` is insulin on board in a diabetes app, an
   * I/O buffer in a JPEG codec): counts only in a workspace whose code speaks the domain (DOMAIN_TEXT).
   */
  domain?: 'diabetes';
}

/** Abbreviations of diabetes therapy that name other things elsewhere (I/O buffers, backgrounds, counts). */
const DIABETES_ABBREVIATIONS = new Set(['bg', 'smbg', 'tdd', 'iob', 'cob']);

/** Text of code that speaks diabetes therapy: a workspace with any such file is a diabetes workspace. */
export const DIABETES_TEXT = /gluco|insulin|basal|carbohydrate|\bcarbs\b|\bcgm\b|dexcom|librelink|freestyle|nightscout|mg\/dl|mmol\/l|diabet|hba1c|openaps/i;

/** Words that make a value about a person (qualify `name`, `address`, `age`…). */
export const PERSON_WORDS = new Set([
  'patient', 'person', 'subject', 'participant', 'member', 'customer', 'contact', 'caregiver', 'guardian', 'kin',
  'relative', 'spouse', 'mother', 'father', 'user', 'cardholder', 'beneficiary', 'insured', 'enrollee', 'resident',
  'donor', 'human', 'citizen', 'applicant', 'employee', 'student', 'child', 'parent', 'baby', 'newborn', 'infant', 'pt',
  'people', 'individual', 'client',
]);
/**
 * Organisations: the contact fields of one (`org.Email`, `organization.phone`, `clinic.address`,
 * `manufacturer.name`) are the organisation's, not a person's.
 */
export const ORG_WORDS = new Set([
  'org', 'orgs', 'organization', 'organisation', 'organizations', 'organisations', 'company', 'companies', 'clinic',
  'clinics', 'hospital', 'hospitals', 'tenant', 'vendor', 'manufacturer', 'supplier', 'institution', 'pharmacy',
  'laboratory', 'department', 'agency', 'insurer', 'payer', 'employer',
]);
/** Person words whose `id` is a patient/record identifier (user ids and account ids are not reported). */
export const PATIENT_ID_WORDS = new Set(['patient', 'subject', 'participant', 'member', 'subscriber', 'beneficiary', 'enrollee', 'resident', 'pt', 'person', 'insured']);

const set = (...w: string[]) => new Set(w);
const PERSON = new Set([...PERSON_WORDS].filter((x) => x !== 'client'));
const withPerson = (...w: string[]) => new Set([...PERSON_WORDS, ...w].filter((x) => x !== 'client'));
/**
 * `client` qualifies only contact data (clientEmail), `user` not a name (userName is a login), `parent`,
 * `child` and `member` not a name either: parentName, child.name, member.name are far more often a tree's,
 * a module's, a process's, an enum's or an archive's (a health plan member's data is still found through
 * memberId, memberDob, a Member record…).
 */
const PERSON_NAME = new Set([...PERSON_WORDS].filter((x) => x !== 'user' && x !== 'client' && x !== 'parent' && x !== 'child' && x !== 'member'));

/** Qualifiers of a code system's name: a person, or the clinical record the code is the value of. */
const CODED = withPerson('diagnosis', 'diagnostic', 'condition', 'problem', 'observation', 'encounter', 'claim', 'admitting', 'admission', 'discharge', 'primary', 'secondary', 'principal', 'lab', 'result', 'procedure');

const TERMS_SRC: [string, Category, string, (ReadonlySet<string> | 'id')?][] = [
  // Health (GDPR Art. 9)
  ['diagnosis', 'health', 'diagnosis'],
  ['diagnose', 'health', 'diagnosis'],
  ['diagnosed', 'health', 'diagnosis'],
  // A code system's name alone is terminology (`snomed_mapping`, "code not found in LOINC: %s", an ICD-10
  // lookup table): a person's code only next to a person or a clinical record word.
  ['icd', 'health', 'diagnosis code (ICD)', CODED],
  ['icd10', 'health', 'diagnosis code (ICD-10)', CODED],
  ['icd9', 'health', 'diagnosis code (ICD-9)', CODED],
  ['icd10cm', 'health', 'diagnosis code (ICD-10-CM)', CODED],
  ['snomed', 'health', 'clinical code (SNOMED CT)', CODED],
  ['loinc', 'health', 'lab test code (LOINC)', CODED],
  ['medication', 'health', 'medication'],
  ['meds', 'health', 'medication'],
  ['prescription', 'health', 'prescription'],
  ['dose', 'health', 'dose', withPerson('prescribed', 'administered', 'insulin', 'given', 'taken', 'bolus', 'basal')],
  ['dosage', 'health', 'dosage', withPerson('prescribed', 'administered', 'current')],
  ['allergy', 'health', 'allergy'],
  ['allergen', 'health', 'allergy'],
  ['lab result', 'health', 'lab result'],
  ['lab value', 'health', 'lab result'],
  ['lab report', 'health', 'lab report'],
  ['lab panel', 'health', 'lab result'],
  ['blood test', 'health', 'lab result'],
  ['vital', 'health', 'vital signs'],
  ['vital sign', 'health', 'vital signs'],
  ['blood glucose', 'health', 'blood glucose'],
  ['glucose', 'health', 'blood glucose'],
  ['blood sugar', 'health', 'blood glucose'],
  ['mgdl', 'health', 'blood glucose'],
  ['mg dl', 'health', 'blood glucose'],
  ['mmol', 'health', 'blood glucose', withPerson('glucose', 'sugar')],
  ['cgm', 'health', 'glucose reading (CGM)'],
  ['blood pressure', 'health', 'blood pressure'],
  ['systolic', 'health', 'blood pressure'],
  ['diastolic', 'health', 'blood pressure'],
  ['heart rate', 'health', 'heart rate'],
  ['pulse rate', 'health', 'heart rate'],
  ['bpm', 'health', 'heart rate', withPerson('heart', 'pulse')],
  ['spo2', 'health', 'oxygen saturation (SpO2)'],
  ['oxygen saturation', 'health', 'oxygen saturation (SpO2)'],
  ['o2 sat', 'health', 'oxygen saturation (SpO2)'],
  ['respiratory rate', 'health', 'respiratory rate'],
  ['respiration rate', 'health', 'respiratory rate'],
  ['body temperature', 'health', 'body temperature'],
  ['body temp', 'health', 'body temperature'],
  ['temperature', 'health', 'body temperature', PERSON],
  ['bmi', 'health', 'BMI'],
  ['body mass', 'health', 'BMI'],
  ['weight', 'health', 'body weight', withPerson('body', 'birth')],
  ['height', 'health', 'body height', withPerson('body')],
  ['hba1c', 'health', 'HbA1c'],
  ['a1c', 'health', 'HbA1c'],
  ['cholesterol', 'health', 'cholesterol'],
  ['ecg', 'health', 'ECG'],
  ['ekg', 'health', 'ECG'],
  ['eeg', 'health', 'EEG'],
  ['insulin', 'health', 'insulin dosing'],
  // Diabetes therapy as pump, CGM and closed-loop code names it (AndroidAPS, xDrip, Loop, Nightscout).
  // `bg` is also a background (bgColor, bgTask, runInBg): the trailing guards (color, image, task, thread,
  // worker, sync…) and the leading ones (run, in, on) take those out.
  ['bg', 'health', 'blood glucose'],
  ['smbg', 'health', 'blood glucose'],
  ['bolus', 'health', 'insulin dosing'],
  ['basal', 'health', 'insulin dosing'],
  ['basal rate', 'health', 'insulin dosing'],
  // An automated insulin delivery system's recommendation is a dose (Loop's AutomaticDoseRecommendation).
  ['dosing recommendation', 'health', 'insulin dosing'],
  ['dose recommendation', 'health', 'insulin dosing'],
  ['dosing decision', 'health', 'insulin dosing'],
  ['tdd', 'health', 'insulin dosing (total daily dose)'],
  ['iob', 'health', 'insulin on board'],
  ['cob', 'health', 'carbs on board'],
  ['carb', 'health', 'carbohydrate intake'],
  ['carbohydrate', 'health', 'carbohydrate intake'],
  ['hypoglycemia', 'health', 'hypoglycaemia'],
  ['hypoglycaemia', 'health', 'hypoglycaemia'],
  ['hyperglycemia', 'health', 'hyperglycaemia'],
  ['hyperglycaemia', 'health', 'hyperglycaemia'],
  // Cardiology, respiratory, oncology.
  ['arrhythmia', 'health', 'heart rhythm'],
  ['atrial fibrillation', 'health', 'heart rhythm'],
  ['afib', 'health', 'heart rhythm'],
  ['troponin', 'health', 'lab result'],
  ['ejection fraction', 'health', 'cardiac function'],
  ['qtc', 'health', 'ECG'],
  ['fev1', 'health', 'lung function'],
  ['peak flow', 'health', 'lung function'],
  ['spirometry', 'health', 'lung function'],
  ['asthma', 'health', 'respiratory condition'],
  ['copd', 'health', 'respiratory condition'],
  ['cancer', 'health', 'cancer'],
  ['tumor', 'health', 'cancer'],
  ['tumour', 'health', 'cancer'],
  ['chemotherapy', 'health', 'cancer treatment'],
  ['metastasis', 'health', 'cancer'],
  // Reproductive health.
  ['menstrual', 'health', 'reproductive health'],
  ['menstruation', 'health', 'reproductive health'],
  ['ovulation', 'health', 'reproductive health'],
  ['fertility', 'health', 'reproductive health'],
  ['contraception', 'health', 'reproductive health'],
  ['contraceptive', 'health', 'reproductive health'],
  ['ivf', 'health', 'reproductive health'],
  ['ketone', 'health', 'ketones'],
  ['hemoglobin', 'health', 'hemoglobin'],
  ['haemoglobin', 'health', 'hemoglobin'],
  ['pregnancy', 'health', 'pregnancy'],
  ['pregnant', 'health', 'pregnancy'],
  ['gestation', 'health', 'pregnancy'],
  ['gestational', 'health', 'pregnancy'],
  ['mental health', 'health', 'mental health'],
  ['psychiatric', 'health', 'mental health'],
  ['depression', 'health', 'mental health'],
  ['anxiety', 'health', 'mental health'],
  ['bipolar', 'health', 'mental health'],
  ['schizophrenia', 'health', 'mental health'],
  ['adhd', 'health', 'mental health'],
  ['addiction', 'health', 'mental health'],
  ['substance use', 'health', 'mental health'],
  ['phq9', 'health', 'mental health (PHQ-9)'],
  ['phq', 'health', 'mental health (PHQ)'],
  ['gad7', 'health', 'mental health (GAD-7)'],
  ['suicide', 'health', 'mental health'],
  ['suicidal', 'health', 'mental health'],
  ['disability', 'health', 'disability'],
  ['handicap', 'health', 'disability'],
  ['symptom', 'health', 'symptoms'],
  ['finding', 'health', 'clinical findings', withPerson('clinical', 'radiology', 'imaging', 'exam', 'examination', 'study', 'scan', 'report', 'pathology', 'medical', 'physical', 'lab')],
  ['impression', 'health', 'clinical findings', withPerson('clinical', 'radiology', 'imaging', 'study', 'report', 'diagnostic')],
  ['medical history', 'health', 'medical history'],
  ['medical record', 'health', 'medical record'],
  ['health record', 'health', 'health record'],
  ['clinical record', 'health', 'medical record'],
  ['health data', 'health', 'health data'],
  ['medical data', 'health', 'health data'],
  ['clinical data', 'health', 'health data'],
  ['health info', 'health', 'health data'],
  ['condition', 'health', 'medical condition', withPerson('medical', 'health', 'chronic', 'existing', 'preexisting', 'underlying', 'clinical', 'active')],
  ['clinical note', 'health', 'clinical notes'],
  ['progress note', 'health', 'clinical notes'],
  ['discharge summary', 'health', 'clinical notes'],
  ['treatment', 'health', 'treatment', PERSON],
  ['treatment plan', 'health', 'treatment'],
  ['care plan', 'health', 'treatment'],
  ['procedure', 'health', 'medical procedure', withPerson('medical', 'surgical', 'clinical')],
  ['surgery', 'health', 'surgery'],
  ['immunization', 'health', 'immunization'],
  ['immunisation', 'health', 'immunization'],
  ['vaccination', 'health', 'immunization'],
  ['hiv', 'health', 'HIV status'],
  ['blood type', 'health', 'blood type'],
  ['blood group', 'health', 'blood type'],
  ['ehr', 'health', 'health record'],
  ['emr', 'health', 'health record'],
  // Alone, an "observation" is as often a statistical sample or a reinforcement-learning state (numpy,
  // scipy, gym); FHIR Observations are recognised by their type.
  ['observation', 'health', 'clinical observation', withPerson('clinical', 'vital', 'vitals', 'lab', 'fhir', 'medical', 'health', 'nursing', 'bedside', 'ward')],
  ['insurance claim', 'health', 'insurance claim'],
  ['sexual orientation', 'health', 'sexual orientation'],
  ['ethnicity', 'personal', 'ethnicity'],
  ['ethnic origin', 'personal', 'ethnicity'],
  ['race', 'personal', 'ethnicity', PERSON],
  ['religion', 'personal', 'religion'],
  ['religious', 'personal', 'religion'],
  // Genetic (Art. 9)
  ['dna', 'genetic', 'genetic data (DNA)'],
  ['genome', 'genetic', 'genetic data (genome)'],
  ['genomic', 'genetic', 'genetic data'],
  ['genotype', 'genetic', 'genetic data (genotype)'],
  ['genetic', 'genetic', 'genetic data'],
  ['gene variant', 'genetic', 'genetic data (variant)'],
  ['allele', 'genetic', 'genetic data (allele)'],
  ['snp', 'genetic', 'genetic data (SNP)'],
  ['brca', 'genetic', 'genetic data (BRCA)'],
  ['karyotype', 'genetic', 'genetic data (karyotype)'],
  ['hgvs', 'genetic', 'genetic data (variant)'],
  // Biometric (Art. 9)
  ['biometric', 'biometric', 'biometric data'],
  ['fingerprint', 'biometric', 'fingerprint', withPerson('biometric', 'finger')],
  ['fingerprint template', 'biometric', 'fingerprint'],
  ['fingerprint image', 'biometric', 'fingerprint'],
  ['fingerprint scan', 'biometric', 'fingerprint'],
  ['face template', 'biometric', 'face template'],
  ['face embedding', 'biometric', 'face template'],
  ['face print', 'biometric', 'face template'],
  ['faceprint', 'biometric', 'face template'],
  ['facial template', 'biometric', 'face template'],
  ['facial feature', 'biometric', 'face template'],
  ['iris scan', 'biometric', 'iris scan'],
  ['iris template', 'biometric', 'iris scan'],
  ['retina scan', 'biometric', 'retina scan'],
  ['retinal scan', 'biometric', 'retina scan'],
  ['voice print', 'biometric', 'voice print'],
  ['voiceprint', 'biometric', 'voice print'],
  ['palm print', 'biometric', 'palm print'],
  // Identifiers (Art. 4(1))
  ['name', 'personal', 'name', PERSON_NAME],
  ['first name', 'personal', 'name'],
  ['last name', 'personal', 'name'],
  // "Full name" is also the qualified name of a type, module or file (.NET Type.FullName / FileInfo.FullName,
  // Python importers' `fullname`): a person's only with a person word or a person record around it.
  ['full name', 'personal', 'name', PERSON],
  ['given name', 'personal', 'name'],
  ['family name', 'personal', 'name'],
  ['middle name', 'personal', 'name'],
  ['maiden name', 'personal', 'name'],
  ['legal name', 'personal', 'name'],
  ['surname', 'personal', 'name'],
  ['forename', 'personal', 'name'],
  ['firstname', 'personal', 'name'],
  ['lastname', 'personal', 'name'],
  ['fullname', 'personal', 'name', PERSON],
  ['initials', 'personal', 'name', PERSON],
  ['dob', 'personal', 'date of birth'],
  ['date of birth', 'personal', 'date of birth'],
  ['birth date', 'personal', 'date of birth'],
  ['birthdate', 'personal', 'date of birth'],
  ['birthday', 'personal', 'date of birth'],
  ['birth day', 'personal', 'date of birth'],
  ['birth year', 'personal', 'date of birth'],
  ['age', 'personal', 'age', PERSON],
  ['gender', 'personal', 'gender', PERSON],
  ['sex', 'personal', 'sex', PERSON],
  ['ssn', 'personal', 'social security number'],
  ['social security', 'personal', 'social security number'],
  ['national id', 'personal', 'national identity number'],
  ['national identifier', 'personal', 'national identity number'],
  ['national insurance', 'personal', 'national insurance number'],
  ['nhs number', 'personal', 'NHS number'],
  ['nhs no', 'personal', 'NHS number'],
  ['medicare', 'personal', 'Medicare number', set('number', 'id', 'no', 'num')],
  ['medicaid', 'personal', 'Medicaid number', set('number', 'id', 'no', 'num')],
  ['passport number', 'personal', 'passport number'],
  ['passport no', 'personal', 'passport number'],
  ['driver license', 'personal', 'driving licence number'],
  ['driving licence', 'personal', 'driving licence number'],
  ['driving license', 'personal', 'driving licence number'],
  ['tax id', 'personal', 'tax identifier', PERSON],
  ['health card', 'personal', 'health card number'],
  ['insurance number', 'personal', 'insurance number'],
  ['insurance id', 'personal', 'insurance number'],
  ['insurance policy number', 'personal', 'insurance number'],
  ['insurance member id', 'personal', 'insurance number'],
  ['subscriber id', 'personal', 'insurance number'],
  ['kvnr', 'personal', 'insurance number'],
  ['svnr', 'personal', 'social security number'],
  ['mrn', 'personal', 'medical record number (MRN)'],
  ['medical record number', 'personal', 'medical record number (MRN)'],
  ['patient number', 'personal', 'medical record number (MRN)'],
  ['chart number', 'personal', 'medical record number (MRN)'],
  ['patient identifier', 'personal', 'patient identifier'],
  ['id', 'personal', 'patient identifier', 'id'],
  ['identifier', 'personal', 'patient identifier', PATIENT_ID_WORDS],
  ['address', 'personal', 'postal address', withPerson('home', 'street', 'postal', 'mailing', 'residential', 'billing', 'shipping', 'delivery', 'physical')],
  ['street address', 'personal', 'postal address'],
  ['street', 'personal', 'postal address', PERSON],
  ['zip', 'personal', 'postal code', PERSON],
  ['zip code', 'personal', 'postal code', withPerson('home')],
  ['postal code', 'personal', 'postal code', withPerson('home')],
  ['postcode', 'personal', 'postal code', withPerson('home')],
  ['city', 'personal', 'city of residence', PERSON],
  ['phone', 'personal', 'phone number'],
  ['phone number', 'personal', 'phone number'],
  ['phonenumber', 'personal', 'phone number'],
  ['telephone', 'personal', 'phone number'],
  ['mobile number', 'personal', 'phone number'],
  ['mobile phone', 'personal', 'phone number'],
  ['cell phone', 'personal', 'phone number'],
  ['msisdn', 'personal', 'phone number'],
  ['email', 'personal', 'email address'],
  ['e mail', 'personal', 'email address'],
  ['mail', 'personal', 'email address', PERSON],
  ['ip', 'personal', 'IP address', withPerson('client', 'remote')],
  ['ip address', 'personal', 'IP address', withPerson('client', 'remote')],
  ['geolocation', 'personal', 'precise location'],
  ['geo location', 'personal', 'precise location'],
  ['gps location', 'personal', 'precise location'],
  ['gps coordinate', 'personal', 'precise location'],
  ['gps position', 'personal', 'precise location'],
  ['location', 'personal', 'precise location', withPerson('current', 'precise', 'home', 'last', 'live')],
  ['latitude', 'personal', 'precise location', withPerson('current', 'precise', 'home', 'gps')],
  ['longitude', 'personal', 'precise location', withPerson('current', 'precise', 'home', 'gps')],
  ['coordinates', 'personal', 'precise location', withPerson('current', 'precise', 'home', 'gps')],
  ['demographic', 'personal', 'demographics'],
  ['next of kin', 'personal', 'next of kin'],
  ['emergency contact', 'personal', 'emergency contact'],
  // Secrets (credentials): only privacy/secret-to-log reports them (CWE-532). `token` and `key` alone name
  // too many other things (lexer tokens, page tokens, map keys): they count with a qualifier only.
  ['password', 'secret', 'password'],
  ['passwd', 'secret', 'password'],
  ['passphrase', 'secret', 'passphrase'],
  ['passcode', 'secret', 'passcode'],
  ['secret', 'secret', 'secret'],
  ['client secret', 'secret', 'client secret'],
  ['api secret', 'secret', 'API secret'],
  ['secret key', 'secret', 'secret key'],
  ['private key', 'secret', 'private key'],
  ['api key', 'secret', 'API key'],
  ['apikey', 'secret', 'API key'],
  ['access key', 'secret', 'access key'],
  // Keys that sign or encrypt (shoreline's TokenConfig.EncodeKey / DecodeKey, the session token's HMAC key).
  ['signing key', 'secret', 'signing key'],
  ['encode key', 'secret', 'signing key'],
  ['decode key', 'secret', 'signing key'],
  ['encryption key', 'secret', 'encryption key'],
  ['hmac key', 'secret', 'signing key'],
  ['token', 'secret', 'access token', set('access', 'refresh', 'auth', 'authentication', 'bearer', 'id', 'session', 'api', 'jwt', 'oauth', 'reset', 'csrf', 'xsrf', 'security', 'personal', 'push', 'device', 'fcm')],
  ['jwt', 'secret', 'access token'],
  ['credential', 'secret', 'credentials'],
  // Records
  ['patient', 'record', 'patient record'],
  ['patient record', 'record', 'patient record'],
];

function buildTerms(): Map<string, Term[]> {
  const byFirst = new Map<string, Term[]>();
  for (const [w, cat, what, extra] of TERMS_SRC) {
    const words = w.split(' ');
    const t: Term = { words, cat, what };
    if (extra === 'id') {
      t.q = PATIENT_ID_WORDS;
      t.idOnly = true;
    } else if (extra) t.q = extra;
    if (DIABETES_ABBREVIATIONS.has(w)) t.domain = 'diabetes';
    const l = byFirst.get(words[0]) ?? [];
    l.push(t);
    byFirst.set(words[0], l);
  }
  for (const l of byFirst.values()) l.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

export const TERMS = buildTerms();

// ---------------------------------------------------------------------------------------------------------
// Metadata words: a name made of them says what it holds is about the data (an id, a status, a count, a
// time), not the data. One table, read three ways: a field is metadata when any of its words is
// (walker.ts metaFieldName), a variable when its last word is (metaVariableName), a method when every word
// is (calls.ts metaMethodName). LEADING_META / TRAILING_META below read words around a term instead.

/** Metadata in every reading: a status, kind, version, count, size or position. */
const META_CORE = ['status', 'type', 'kind', 'version', 'count', 'size', 'length', 'index', 'idx'];
const META_IDS = ['id', 'ids', 'uuid', 'guid'];

/** A first word that makes a name a flag (`isExpired`, `hasConsent`). */
export const FLAG_WORD = /^(is|has|can|should|was|did|does)$/;

/** Time stamps and durations: a reading's `date` or `sensorTime` is not the glucose value (except a date that is the data, `dateOfBirth`). */
export const TIME_FIELD = new Set(['date', 'time', 'datetime', 'duration', 'millis', 'epoch', 'expires', 'expiry']);

/**
 * Field words: metadata, an id or a flag, not the person's data — ids, status, FHIR workflow codes (`intent`,
 * `priority`), calibration fits (`slope`, `intercept`)…
 */
export const META_FIELD_WORDS = new Set([
  ...META_CORE, ...META_IDS,
  'intent', 'priority', 'slope', 'intercept', 'coefficient', 'coef',
  'uid', 'uids', 'oid', 'key', 'serial', 'state', 'total',
  'num', 'created', 'updated', 'modified', 'timestamp', 'url', 'uri', 'path', 'hash', 'token', 'flag', 'enabled',
  'ok', 'error', 'errors', 'code', 'sent', 'at', 'by', 'etag', 'rev', 'revision', 'page', 'limit', 'offset', 'cursor', 'next',
  'prev', 'method', 'headers', 'header', 'signature', 'checksum', 'mime', 'encoding', 'locale', 'lang', 'timezone', 'tz',
  'unit', 'units', 'uom', 'system', 'scale', 'precision', 'format', 'label', 'color', 'icon', 'link', 'href',
  // FHIR: the canonical URL of the form a QuestionnaireResponse answers
  'questionnaire',
  // a sensor's own state beside its reading (a CGM record's `noise`, a signal's `rssi`, `battery`)
  'noise', 'rssi', 'battery',
  // a pointer to a record, not the record: FHIR's Reference.reference ("Patient/123"), a `ref`
  'reference', 'references', 'ref', 'refs',
]);

/**
 * Last words of a variable that holds a time, a duration, a position, a count, a status or a system uuid
 * computed from the data, not the data (`timemod`, `timeZoneOffset`, `readingTimestamp`). Not `state` (UI and store code keep
 * whole records in a `state`).
 */
export const META_VARIABLE_LAST_WORDS = [
  ...META_CORE, ...TIME_FIELD,
  'timestamp', 'ts', 'mod', 'offset', 'delay', 'interval', 'elapsed', 'minutes', 'mins', 'seconds', 'secs', 'ms', 'hours',
  // a system-assigned uuid is a pseudonymous reference (`patientGuid = identifier.getValue()`), unlike an `id` (MRN, PatientID)
  'uuid', 'guid',
];

/** Method words: `StatusCode()`, `size()`, `isEmpty()` say something about the data, not the data. */
export const META_METHOD_WORDS = new Set([...META_CORE, ...META_IDS, 'code', 'len', 'ordinal', 'empty', 'blank']);

/** An organisation's contact points (supportEmail, technicalEmail, helpdeskPhone), not a person's. */
const ORG_CONTACT_POINTS = ['support', 'technical', 'helpdesk', 'noreply'];

/** Words before a term that make the name something other than the data itself. */
export const LEADING_META = new Set([
  // DICOM's patient coordinate system (ImageOrientationPatient, ImagePositionPatient): geometry, not a person.
  'orientation', 'position', 'pos',
  'is', 'has', 'have', 'had', 'can', 'should', 'must', 'will', 'was', 'were', 'did', 'does', 'are', 'show', 'hide',
  'enable', 'disable', 'enabled', 'disabled', 'allow', 'require', 'requires', 'required', 'use', 'validate', 'valid',
  'invalid', 'format', 'formatted', 'parse', 'num', 'n', 'count', 'total', 'max', 'min', 'maximum', 'minimum', 'limit',
  'default', 'target', 'threshold', 'encrypted', 'encrypt', 'hashed', 'hash', 'masked', 'mask', 'redacted', 'redact',
  'anonymized', 'anonymised', 'anonymous', 'pseudonymized', 'pseudonymised', 'pseudonym', 'obfuscated', 'tokenized',
  'sanitized', 'sanitised', 'safe', 'scrubbed', 'no', 'without', 'missing', 'unknown', 'sample', 'fake', 'mock', 'dummy',
  'test', 'example', 'placeholder', 'sim', 'simulate', 'simulated', 'simulation', 'on', 'handle', 'handler', 'expected', 'need', 'needs', 'include', 'includes',
  'supports', 'supported', 'last', 'next', 'prev', 'previous', 'select', 'selected', 'sort', 'order', 'filter', 'group',
  'by', 'per', 'tmp',
  // Device state and machinery around a dose or a reading: the reservoir's remaining insulin, a background task (runInBg: 'in' alone would also drop InMemoryGlucoseValue).
  'remain', 'remaining', 'reservoir', 'run',
  // When a reading or dose happened is not the reading (timeLastBg, dateOfLastBolus, msSinceGlucose).
  'time', 'timestamp', 'ts', 'when', 'since', 'ms', 'millis',
  // A status value or message named for its subject (statusExistingPatientMessage, STATUS_ERR_PATIENT).
  'status',
  // An organisation's contact points, not a person's (supportEmail, technicalEmail, helpdeskPhone: BridgeServer2).
  ...ORG_CONTACT_POINTS,
]);
/** Words before a contact term that make it an organisation's contact point (`"Invalid Support Email: " + email`). */
export const ORG_CONTACT_WORDS = new Set([...ORG_CONTACT_POINTS, 'sales', 'billing', 'webmaster', 'postmaster']);
/** `last`/`next`/`previous` lead locations and names legitimately (lastName, lastLocation): checked per term. */
export const LEADING_META_EXCEPT: Record<string, Set<string>> = {
  last: set('name', 'location', 'known'),
  next: set('kin'),
};

/** Words after a term that make the name metadata, configuration, code or a protected form of the data. */
export const TRAILING_META = new Set([
  'count', 'counter', 'cnt', 'num', 'total', 'length', 'len', 'size', 'index', 'idx', 'offset', 'enabled', 'disabled',
  'enable', 'disable', 'visible', 'hidden', 'shown', 'show', 'required', 'optional', 'valid', 'invalid', 'validator',
  'validation', 'validate', 'format', 'formatter', 'fmt', 'pattern', 'regex', 'regexp', 're', 'mask', 'masked',
  'template', 'placeholder', 'label', 'lbl', 'hint', 'tooltip', 'title', 'caption', 'header', 'heading', 'column',
  'col', 'field', 'key', 'type', 'kind', 'mode', 'unit', 'uom', 'precision', 'scale', 'interval', 'timeout', 'delay',
  'limit', 'threshold', 'min', 'max', 'range', 'bound', 'bounds', 'config', 'configuration', 'setting', 'option',
  'settings', 'options', 'preferences',
  'pref', 'flag', 'schema', 'spec', 'definition', 'def', 'descriptor', 'meta', 'metadata', 'class', 'cls', 'service',
  'svc', 'repository', 'repo', 'dao', 'store', 'client', 'api', 'endpoint', 'url', 'uri', 'path', 'route', 'router',
  'controller', 'handler', 'listener', 'callback', 'cb', 'fn', 'func', 'function', 'factory', 'builder', 'manager',
  'provider', 'adapter', 'mapper', 'converter', 'serializer', 'deserializer', 'parser', 'encoder', 'decoder',
  'component', 'view', 'screen', 'page', 'widget', 'dialog', 'modal', 'button', 'btn', 'input', 'picker', 'selector',
  'dropdown', 'menu', 'tab', 'table', 'collection', 'queue', 'topic', 'channel', 'exist', 'exists', 'found',
  'present', 'missing', 'available', 'supported', 'allowed', 'verified', 'confirmed', 'changed', 'loaded', 'loading',
  'status', 'version', 'ver', 'error', 'err', 'exception', 'hash', 'hashed', 'digest', 'token', 'tokenizer',
  'encrypted', 'cipher', 'ciphertext', 'redacted', 'anonymized', 'anonymised', 'pseudonym', 'pseudonymized',
  'pseudonymised', 'hmac', 'signature', 'sig', 'prompt', 'auth', 'authentication', 'authenticator', 'system', 'module', 'util', 'utils', 'helper', 'helpers', 'test', 'tests', 'spec', 'mock', 'stub', 'fake', 'fixture',
  'sample', 'example', 'dummy', 'default', 'defaults', 'placeholder', 'property', 'prop', 'attribute', 'attr', 'param',
  'name', 'names', 'code', 'display', 'icon', 'color', 'colour', 'style', 'css', 'font', 'event', 'events', 'action',
  'reducer', 'slice', 'selector', 'hook', 'context', 'provider', 'form', 'query', 'mutation',
  'id', 'ids', 'uuid', 'uid', 'uids', 'guid', 'oid', 'step', 'wizard', 'section', 'panel', 'card',
  // Configuration and machinery around contact data, not the data (EMAIL_HOST, emailSubject, smsSender).
  'host', 'server', 'port', 'smtp', 'backend', 'sender', 'subject', 'body', 'domain', 'sent', 'job', 'task', 'worker',
  'transport', 'link', 'connection', 'notification', 'verification', 'confirmation', 'reminder', 'campaign', 'consent',
  'opt', 'algorithm', 'operator', 'optimizer', 'login', 'password', 'otp', 'code',
  // UI, threads and pump machinery (bgColor, bgThread, bolusWizard, insulinWarningProcess, BolusCommand).
  'image', 'drawable', 'paint', 'gradient', 'thread', 'scheduler', 'executor', 'sync', 'plugin', 'fragment',
  'activity', 'wizard', 'calculator', 'command', 'cmd', 'packet', 'progress', 'warning', 'alarm', 'alert', 'process',
  // The settings around a reading (bgTargetBottom, glucoseTop).
  'target', 'bottom', 'top',
  // A slot, and a device's state flags (activeBasalProfileNumber, bolusBlocked, basalPaused); after a
  // personal term a number is the data (passportNumber): TRAILING_OK.
  'number', 'slot', 'blocked', 'locked', 'paused', 'running', 'stopped', 'suspended',
  // A handle to the data (a BLE GATT attribute handle `heartRateMeasurementHandle`, a file or sensor handle).
  'handle', 'characteristic',
  // An operation on the data, not the data (lastGlucoseBackfill: the date of the last backfill request).
  'backfill', 'fetch', 'refresh',
  // A pointer to the record (patientRef, subjectReference: FHIR "Patient/123"), not the record.
  'ref', 'refs', 'reference', 'references',
  // Where files are (meds_reader_dir, patientFolder), not what is in them.
  'dir', 'dirs', 'directory', 'directories', 'folder', 'folders',
  // A tag that selects or labels things (a FHIR Location `_tag`, `locationTag`, `diagnosisTags`), not the data.
  'tag', 'tags',
  // An organisation named for what it does (getEHRClinic, diabetesClinic, oncologyDepartment): the organisation.
  'clinic', 'clinics', 'hospital', 'hospitals', 'organization', 'organisation', 'organizations', 'organisations',
  'institution', 'department', 'facility', 'facilities',
  // Software named for what it handles (ehrApp, healthApp): the app, not a record. (Not `application`:
  // a bolus application factor is dosing.)
  'app', 'apps',
]);
/**
 * When a reading or dose happened (bgTime, bolusTimestamp) or when a credential lapses (accessTokenExpiresAt,
 * tokenExpiry), as the last word only: basalTimeFromMidnight is a rate.
 */
export const TRAILING_TIME = new Set(['time', 'timestamp', 'ts', 'datetime', 'ago', 'since', 'minute', 'minutes', 'hour', 'hours', 'second', 'seconds', 'secs', 'millis', 'ms', 'duration', 'start', 'end', 'begin', 'started', 'ended',
  'at', 'expire', 'expires', 'expiry', 'expiration', 'ttl', 'lifetime', 'day', 'days', 'week', 'weeks']);
/** …except after these terms, where the word is part of the data (patient list, diagnosis code, patient id). */
export const TRAILING_OK: Record<string, Set<string>> = {
  '*': set('number'),
  health: set('code', 'display', 'name', 'names'),
  genetic: set('code', 'display'),
};

export const IRREGULAR: Record<string, string> = {
  diagnoses: 'diagnosis', addresses: 'address', analyses: 'analysis', statuses: 'status', meds: 'meds', vitals: 'vital',
  gps: 'gps', dns: 'dns', ios: 'ios', sms: 'sms', os: 'os', aws: 'aws', ms: 'ms', ns: 'ns', bus: 'bus', gas: 'gas', alias: 'alias',
  canvas: 'canvas', https: 'https', has: 'has', was: 'was', this: 'this', is: 'is', yes: 'yes', series: 'series', species: 'species',
  news: 'news', bias: 'bias', atlas: 'atlas', lens: 'lens', does: 'does', coordinates: 'coordinates', initials: 'initials',
  details: 'details', settings: 'settings', options: 'options', params: 'params', kids: 'kid', bpms: 'bpm', prefs: 'pref',
  sex: 'sex', dos: 'dos', plus: 'plus', class: 'class', process: 'process', access: 'access', success: 'success',
};
