export { credentialExpiry, type CredentialExpiry, type CredentialKind } from './credential-expiry.js';
export { proxyName, UPLOAD_NAME, vaultTokenNames } from './credential-names.js';
export {
  durationText,
  planCredentials,
  type CredentialPolicy,
  type CredentialRequest,
  type HeldFile,
  type LaunchCredentials,
} from './credential-plan.js';
export { expiringCredentials, type ExpiringCredential } from './expiring-credentials.js';
