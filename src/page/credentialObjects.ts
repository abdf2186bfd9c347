// Placeholder: the mock issue builds credential objects that behave like the browser's own here.
// Until then a mock answer cannot be turned into a PublicKeyCredential.
import type { PublicKeyCredentialJSON } from '../webauthn/json.js';
import * as N from './natives.js';

export function credentialFromJSON(_json: PublicKeyCredentialJSON, _clientExtensionResults?: Record<string, unknown>): PublicKeyCredential {
  throw new N.DOMException('The mock authenticator cannot build credential objects in this build.', 'NotSupportedError');
}
