import { analyze } from "./analyze.ts";

/**
 * Words that make a question a credential need. A question with none of them (and no match
 * phrase found as written) is out of scope: ops-warden says so instead of guessing, and is never
 * confident about it. Written as plain words; they pass through `analyze` like any question.
 */
const CREDENTIAL_WORDS = `
  password passphrase credential credentials creds secret secrets key keys apikey token tokens
  certificate cert certificates access login logon auth authentication authenticate authorization
  oauth sso saml oidc jwt bearer role roles iam permission permissions denied principal principals
  ssh sshd sign signing signer signature trust trusted ca tunnel vpn identity identities federation
  federated posture attestation kubeconfig webhook hmac tls mtls pki x509 rotate rotation expired
  expire expiry ttl lifetime vault openbao keypair publickey dotenv trustedusercakeys connection
  authorizedprincipalsfile shell user
`;

/** Words that make a question about production, so that production-access routes may answer it. */
const PRODUCTION_WORDS = "production prod live incident outage emergency";

export const CREDENTIAL_TERMS: ReadonlySet<string> = new Set(analyze(CREDENTIAL_WORDS));
export const PRODUCTION_TERMS: ReadonlySet<string> = new Set(analyze(PRODUCTION_WORDS));
