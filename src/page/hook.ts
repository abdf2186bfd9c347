// MAIN-world hook, run at document_start in every frame: wraps navigator.credentials.create/get and the
// PublicKeyCredential statics so every WebAuthn call is recorded. All built-ins it needs are captured in
// natives.ts before page scripts run; it adds no global and no enumerable property.
import { wrapCredentialCall } from './credentialCalls.js';
import * as N from './natives.js';
import { linkMock } from './mockLink.js';
import { installToString, replaceMethod } from './nativeLook.js';
import { installStatics } from './staticCalls.js';

function install(): void {
  const container = N.CredentialsContainer?.prototype;
  if (!container) return;
  linkMock();
  installToString();
  replaceMethod(container, 'create', (original) => wrapCredentialCall('create', original));
  replaceMethod(container, 'get', (original) => wrapCredentialCall('get', original));
  installStatics();
}

try {
  install();
} catch {
  // The page must keep working even if this browser lacks something the hook expects.
}
