// The WebAuthn JSON forms (WebAuthn Level 3, §5.1.8 / §5.1.9 toJSON, parse*OptionsFromJSON).
// Binary fields are base64url strings. These are the shapes that travel between every part of the tool
// and that recordings store. Unknown members (new extensions, vendor fields) are kept, hence the index types.

export type Base64URLString = string;

export interface PublicKeyCredentialRpEntity {
  id?: string;
  name: string;
  [k: string]: unknown;
}
export interface PublicKeyCredentialUserEntityJSON {
  id: Base64URLString;
  name: string;
  displayName: string;
  [k: string]: unknown;
}
export interface PublicKeyCredentialParameters {
  type: string;
  alg: number;
}
export interface PublicKeyCredentialDescriptorJSON {
  type: string;
  id: Base64URLString;
  transports?: string[];
}
export interface AuthenticatorSelectionCriteria {
  authenticatorAttachment?: string;
  residentKey?: string;
  requireResidentKey?: boolean;
  userVerification?: string;
  [k: string]: unknown;
}
/** Extension inputs in JSON form: binary members (prf eval, largeBlob write, …) as base64url. */
export type ExtensionsJSON = Record<string, unknown>;

export interface PublicKeyCredentialCreationOptionsJSON {
  rp: PublicKeyCredentialRpEntity;
  user: PublicKeyCredentialUserEntityJSON;
  challenge: Base64URLString;
  pubKeyCredParams: PublicKeyCredentialParameters[];
  timeout?: number;
  excludeCredentials?: PublicKeyCredentialDescriptorJSON[];
  authenticatorSelection?: AuthenticatorSelectionCriteria;
  hints?: string[];
  attestation?: string;
  attestationFormats?: string[];
  extensions?: ExtensionsJSON;
  [k: string]: unknown;
}

export interface PublicKeyCredentialRequestOptionsJSON {
  challenge: Base64URLString;
  timeout?: number;
  rpId?: string;
  allowCredentials?: PublicKeyCredentialDescriptorJSON[];
  userVerification?: string;
  hints?: string[];
  extensions?: ExtensionsJSON;
  [k: string]: unknown;
}

export interface AuthenticatorAttestationResponseJSON {
  clientDataJSON: Base64URLString;
  authenticatorData?: Base64URLString;
  transports?: string[];
  publicKey?: Base64URLString;
  publicKeyAlgorithm?: number;
  attestationObject: Base64URLString;
  [k: string]: unknown;
}

export interface AuthenticatorAssertionResponseJSON {
  clientDataJSON: Base64URLString;
  authenticatorData: Base64URLString;
  signature: Base64URLString;
  userHandle?: Base64URLString | null;
  attestationObject?: Base64URLString;
  [k: string]: unknown;
}

export interface RegistrationResponseJSON {
  id: Base64URLString;
  rawId: Base64URLString;
  type: string;
  authenticatorAttachment?: string | null;
  response: AuthenticatorAttestationResponseJSON;
  clientExtensionResults: Record<string, unknown>;
}

export interface AuthenticationResponseJSON {
  id: Base64URLString;
  rawId: Base64URLString;
  type: string;
  authenticatorAttachment?: string | null;
  response: AuthenticatorAssertionResponseJSON;
  clientExtensionResults: Record<string, unknown>;
}

export type PublicKeyCredentialJSON = RegistrationResponseJSON | AuthenticationResponseJSON;

/** A JSON object: not null and not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
