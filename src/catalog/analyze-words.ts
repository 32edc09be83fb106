/**
 * The word lists behind `analyze`: filler words (English by hand; German, French and Spanish
 * from the `stopword` package) and the shorthand and foreign words people type for the
 * catalog's English ones. Lookups are on lower-case, accent-folded words.
 */
import { deu, fra, spa } from "stopword";

export const ENGLISH_STOP_WORDS: readonly string[] = [
  "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
  "can", "could", "did", "do", "does", "doing", "for", "from", "get", "gets", "getting", "give", "got",
  "had", "has", "have", "he", "hello", "help", "hey", "hi", "how", "i", "if", "im", "in", "into", "is",
  "it", "its", "just", "know", "let", "lets", "like", "may", "me", "might", "must", "my", "need",
  "needs", "of", "on", "or", "our", "ours", "please", "pls", "shall", "she", "should", "so", "some", "someone",
  "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "thanks", "thank",
  "to", "us", "use", "using", "via", "want", "wants", "was", "we", "were", "what", "whats", "when", "where",
  "which", "who", "whom", "why", "will", "with", "would", "you", "your", "through", "same", "again", "still",
  "other", "each", "every", "one", "anyone", "anything", "something", "else", "here", "now", "whether",
];

/** Foreign filler words that are also meaningful here ("tag" is a git tag, "sa" a service account). */
const KEEP = new Set(["tag", "sa"]);

export const STOP_WORDS: readonly string[] = [...new Set([...ENGLISH_STOP_WORDS, ...[...deu, ...fra, ...spa].map(fold).filter((w) => !KEEP.has(w))])];

/**
 * Shorthand and foreign words → the catalog's word, applied before stemming. Multi-word foreign
 * terms map through their telling word ("mot de passe" → "passe", "base de datos" → "datos").
 */
export const WORD_MAP: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  // shorthand
  creds: "credentials", cred: "credential", credz: "credentials", pw: "password", pwd: "password", passwd: "password",
  db: "database", dbs: "databases", k8s: "kubernetes", kube: "kubernetes", pg: "postgres", psql: "postgres",
  postgresql: "postgres", prod: "production", prd: "production", cert: "certificate", certs: "certificates",
  gh: "github", sa: "service", env: "environment", repo: "repository", repos: "repositories",
  app: "application", apps: "applications", live: "production",
  // a host by any other name
  server: "host", servers: "hosts", machine: "host", machines: "hosts", vm: "host", vms: "hosts", box: "host", boxes: "hosts",
  // German
  passwort: "password", passworter: "passwords", kennwort: "password", zugangsdaten: "credentials",
  anmeldedaten: "credentials", zugang: "access", zugriff: "access", schlussel: "key", zertifikat: "certificate",
  zertifikate: "certificates", datenbank: "database", geheimnis: "secret", geheimnisse: "secrets", dienst: "service",
  dienste: "services", diensten: "services", produktion: "production", produktiv: "production", rolle: "role",
  signier: "signing", signieren: "sign", artefakte: "artifacts", servern: "hosts", interne: "internal",
  // French
  passe: "password", identifiants: "credentials", acces: "access", cle: "key", cles: "keys", certificat: "certificate",
  certificats: "certificates", jeton: "token", jetons: "tokens", serveur: "host", serveurs: "hosts",
  donnees: "database", deploiement: "deploy", paiement: "payment", boutique: "shop",
  // Spanish
  contrasena: "password", credenciales: "credentials", acceso: "access", clave: "key", claves: "keys",
  certificado: "certificate", certificados: "certificates", facturacion: "billing", datos: "database",
  servidor: "host", servidores: "hosts", compilacion: "build", rol: "role", produccion: "production",
  secreto: "secret", firmar: "sign", artefactos: "artifacts", despliegue: "deploy",
});

/** Lower case without accents: what every list here is keyed by. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
