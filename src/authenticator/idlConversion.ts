// The WebIDL conversions of the options' primitive members, applied to their JSON form. The page has already
// had the browser convert the options (src/page/mock/argumentChecks.ts), so every member has a type the
// browser accepts; the JSON still carries the page's values, which the browser would have converted: a
// `"-7"` alg is -7, a `timeout` of "soon" is 0, a `requireResidentKey` of "no" is true, a numeric `rp.name`
// is a string. Members of other types (BufferSources, unknown members) pass through unchanged.
import { isRecord } from '../webauthn/json.js';

type Primitive = 'string' | 'long' | 'unsigned long' | 'boolean';
type IdlType = Primitive | { dictionary: Schema } | { sequence: IdlType } | { record: IdlType };
interface Schema {
  [member: string]: IdlType;
}

const TWO_32 = 2 ** 32;

/** ECMAScript ToNumber, then WebIDL's integer conversion (no [EnforceRange]: NaN is 0, the rest wraps). */
function integer(v: unknown, signed: boolean): number {
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  const wrapped = ((Math.trunc(n) % TWO_32) + TWO_32) % TWO_32;
  return signed && wrapped >= TWO_32 / 2 ? wrapped - TWO_32 : wrapped;
}

/** WebIDL `unsigned long` from any JSON value. */
export const unsignedLong = (v: unknown): number => integer(v, false);

const PRIMITIVES: Record<Primitive, (v: unknown) => unknown> = {
  string: (v) => (typeof v === 'string' ? v : String(v)),
  long: (v) => integer(v, true),
  'unsigned long': unsignedLong,
  boolean: (v) => Boolean(v),
};

const sequence = (of: IdlType): IdlType => ({ sequence: of });
const dictionary = (schema: Schema): IdlType => ({ dictionary: schema });

const DESCRIPTOR = dictionary({ type: 'string', transports: sequence('string') });
const PRF_VALUES = dictionary({});
const COMMON_EXTENSIONS: Schema = {
  appid: 'string',
  credProps: 'boolean',
  hmacCreateSecret: 'boolean',
  minPinLength: 'boolean',
  credentialProtectionPolicy: 'string',
  enforceCredentialProtectionPolicy: 'boolean',
  getCredBlob: 'boolean',
  uvm: 'boolean',
  appidExclude: 'string',
  largeBlob: dictionary({ support: 'string', read: 'boolean' }),
  prf: dictionary({ eval: PRF_VALUES, evalByCredential: { record: PRF_VALUES } }),
};

const CREATION: Schema = {
  rp: dictionary({ id: 'string', name: 'string' }),
  user: dictionary({ name: 'string', displayName: 'string' }),
  pubKeyCredParams: sequence(dictionary({ type: 'string', alg: 'long' })),
  timeout: 'unsigned long',
  excludeCredentials: sequence(DESCRIPTOR),
  authenticatorSelection: dictionary({
    authenticatorAttachment: 'string',
    residentKey: 'string',
    requireResidentKey: 'boolean',
    userVerification: 'string',
  }),
  hints: sequence('string'),
  attestation: 'string',
  attestationFormats: sequence('string'),
  extensions: dictionary(COMMON_EXTENSIONS),
};

const REQUEST: Schema = {
  timeout: 'unsigned long',
  rpId: 'string',
  allowCredentials: sequence(DESCRIPTOR),
  userVerification: 'string',
  hints: sequence('string'),
  extensions: dictionary(COMMON_EXTENSIONS),
};

function convert(v: unknown, type: IdlType): unknown {
  if (v === undefined) return v;
  if (typeof type === 'string') return PRIMITIVES[type](v);
  if ('sequence' in type) return Array.isArray(v) ? v.map((x) => convert(x, type.sequence)) : v;
  if (!isRecord(v)) return v;
  if ('record' in type) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, type.record)]));
  const out: Record<string, unknown> = { ...v };
  for (const [member, memberType] of Object.entries(type.dictionary))
    if (out[member] !== undefined) out[member] = convert(out[member], memberType);
  return out;
}

/** create() options with their primitive members converted as the browser converts them. */
export const convertCreationOptions = <T>(options: T): T => convert(options, dictionary(CREATION)) as T;

/** get() options with their primitive members converted as the browser converts them. */
export const convertRequestOptions = <T>(options: T): T => convert(options, dictionary(REQUEST)) as T;
