/**
 * What a URL literal is, for crypto/cleartext-transport: a host of the developer's own machine or private
 * network, an identifier that is never connected to (XML namespaces, schemas, FHIR canonical URLs and code
 * systems, terminology hosts), a documentation link by its name, or a URL a connection uses.
 */

export const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|::1|[\w.-]+\.localhost|[\w.-]+\.local|[\w.-]+\.test|[\w.-]+\.example|[\w.-]+\.invalid|example\.(com|org|net)|[\w.-]+\.example\.(com|org|net)|host\.docker\.internal|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+)(:\d+)?$/i;
/** Hosts of identifiers that are never fetched: XML namespaces, schemas, licences, specs. */
export const NON_CONNECTION_HOST = /^(www\.)?(w3\.org|www\.w3\.org|schemas\.xmlsoap\.org|schemas\.microsoft\.com|schemas\.openxmlformats\.org|purl\.org|xmlns\.com|ns\.adobe\.com|json-schema\.org|apache\.org|www\.apache\.org|opensource\.org|gnu\.org|www\.gnu\.org|creativecommons\.org|xml\.org|java\.sun\.com|xmlpull\.org|schemas\.android\.com|ogp\.me|schema\.org|docs\.oasis-open\.org|www\.springframework\.org|springframework\.org|maven\.apache\.org|relaxng\.org|xmlsoft\.org|openid\.net|tempuri\.org|www\.example\.com|example\.com|example\.org|ietf\.org|www\.ietf\.org|tools\.ietf\.org|json\.org|yaml\.org|dublincore\.org|ns\.google\.com|www\.opengis\.net|www\.omg\.org|x\.org|exslt\.org|www\.wapforum\.org|www\.topografix\.com|rdfs\.org|microsoft\.com\/schemas|xmlns\.jcp\.org|java\.sun\.com\/xml|jakarta\.ee)$/i;
/**
 * Hosts of health terminology and profile identifiers (FHIR canonical URLs, code systems): a literal naming
 * them is an identifier; a connection call to them is still judged as one.
 */
export const HEALTH_IDENTIFIER_HOST = /^(www\.)?(hl7\.org|[\w-]+\.hl7\.org|loinc\.org|snomed\.info|unitsofmeasure\.org|id\.who\.int|ihe\.net|[\w-]+\.ihe\.net|openehr\.org|fhir\.de|ns\.electronichealth\.net\.au|hl7\.eu|whocc\.no|varnomen\.hgvs\.org|nubc\.org|nucc\.org)$/i;
/**
 * Paths that name a definition rather than a resource to fetch: FHIR canonical URLs
 * (`…/StructureDefinition/us-core-patient`), code and naming systems, XML and RDF namespaces.
 */
export const IDENTIFIER_PATH = /\/(StructureDefinition|CodeSystem|ValueSet|NamingSystem|ConceptMap|SearchParameter|OperationDefinition|CapabilityStatement|ImplementationGuide|CompartmentDefinition|StructureMap|extension|sid|ns|xmlns|namespace|schemas?|xsd|dtd|rdf|owl)(\/|#|$)/i;
/** Names that hold an identifier URI: FHIR `system`, `profile`, `url` of a definition, namespaces. */
const IDENTIFIER_NAME = /^(system|profile|profiles|canonical|definition|base_?definition|target_?profile|value_?set|code_?system|naming_?system|binding|identifier_?system|extension|extension_?url|coding_?system|sid)$/i;
/** …and names that end so (`smartregisterSystemUri`, `eusmServicePointCodeSystemUri`, `xmlNamespace`, `LOINC_SYSTEM`). */
const IDENTIFIER_NAME_END = /[a-z](System|ValueSet|Canonical|Namespace)(Uri|URI|Url|URL)?$|_(system|value_set|namespace|SYSTEM|VALUE_SET|NAMESPACE)(_(uri|url|URI|URL))?$/;
/** …or begin so (`CODE_SYSTEM_CMS_PLACE_OF_SERVICE`, `valueSetAdministrativeGender`). */
const IDENTIFIER_NAME_START = /^(CODE_?SYSTEM|VALUE_?SET|NAMING_?SYSTEM|EXTENSION_?URL|STRUCTURE_?DEFINITION)_[A-Z0-9]|^(codeSystem|valueSet|namingSystem|extensionUrl|structureDefinition)[A-Z0-9]/;
export const isIdentifierName = (last: string): boolean => IDENTIFIER_NAME.test(last) || IDENTIFIER_NAME_END.test(last) || IDENTIFIER_NAME_START.test(last);
/** App-store pages (`http://play.google.com/store/apps/details?id=…`): a link a browser or the store app opens, not an API. */
export const STORE_PAGE_HOST = /^(play\.google\.com|market\.android\.com|chrome\.google\.com|chromewebstore\.google\.com|apps\.apple\.com|itunes\.apple\.com|appgallery\.huawei\.com|www\.amazon\.com\/gp\/mas)$/i;
export const SINGLE_LABEL_HOST = /^[a-z][a-z0-9_-]*$/i;
export const URL_NAME = /(url|uri|endpoint|host|server|base|api|webhook|callback|address|remote|upstream|proxy|broker|socket|websocket|ws|origin|domain|gateway|backend|service|target|link|location)/i;
export const DOC_NAME = /(doc|docs|documentation|help|article|(?:^|_)kb(?:_|$)|knowledge|tutorial|guide|manual|extlinks|intersphinx|homepage|home|website|site|license|licence|about|terms|privacy|policy|schema|namespace|xmlns|ns|dtd|spec|image|img|icon|logo|avatar|wiki|repo|repository|github|issue|issues|faq|support|readme|changelog|example|sample|test|mock|fake|dummy|placeholder|pattern|regex|prefix|scheme|protocol|redirect|display|label|title|description|desc|text|message|msg|author|contact|copyright|url_?pattern|feed|rss|banner|thumbnail|photo|picture|font|css|stylesheet|script|cdn|share|twitter|facebook|linkedin)/i;

export function urlHost(u: string): { scheme: string; host: string } | undefined {
  const m = /^\s*([a-z]+):\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^/\s?#:'"]*)(:\d+)?/i.exec(u);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].toLowerCase() } : undefined;
}
