// The WebAuthn core's public entry: decode a recorded ceremony or a whole log with every check, find the
// problems an RP made, and the decoders of each structure. Pure: no browser APIs, no DOM; runs in Node.
export { decodeCeremony, decodeLog, learn, newDecodeContext } from './decodeCeremony.js';
export type { DecodeContext, KnownKey } from './decodeCeremony.js';
export type * from './ceremonyView.js';
export { parseCeremony } from './parsedCeremony.js';
export type { ParsedCeremony } from './parsedCeremony.js';
export { findProblems, PROBLEM_RULES } from './problems/index.js';
export type { Problem, ProblemRule, Severity } from './problems/index.js';

export { decodeAttestationObject } from './attestation/attestationObject.js';
export { decodeAttestationStatement, ATTESTATION_FORMATS } from './attestation/formats.js';
export { decodeAuthenticatorData, authenticatorDataChecks } from './authenticatorData.js';
export { decodeFlags, describeFlags, AUTHENTICATOR_FLAGS } from './authenticatorFlags.js';
export { decodeClientData, clientDataChecks } from './clientData.js';
export { decodeCoseKey, coseKeyToJwk, coseKeyToSpki } from './cose.js';
export { decodeCertificate, checkChain } from './certificates.js';
export { parseDerSignature, verifyAssertionSignature, verifySignature } from './signatures.js';
export { COSE_ALGORITHMS, algorithmName, coseAlgorithm } from './algorithms.js';
export { creationOptionsFromJSON, requestOptionsFromJSON, responseFromJSON } from './options.js';
export { fromBase64url, toBase64url } from './base64url.js';
export { makeRecording, parseRecording } from './recording.js';
export type { CeremonyRecord, Recording, RecordedError } from './record.js';
export type { Check, CheckStatus } from './check.js';
export type { Decoded, DecodeError } from './result.js';
export { testFixtureOf } from './testFixture.js';
export type { TestFixture } from './testFixture.js';
