/**
 * The route index reads the catalog's English match phrases. A question in one of the other six
 * languages we claim names the same credentials in its own words ("AWS-Zugangsdaten",
 * "identifiants", "contraseña"): read with this glossary, it is asked again in English words.
 * The glossary only translates nouns of the trade; it cannot make a question out of anything.
 */
import { foldWord } from "../../policy/words/encoding.ts";

const GLOSSARY: Readonly<Record<string, string>> = {
  // German
  zugangsdaten: "credentials", anmeldedaten: "credentials", passwort: "password", kennwort: "password", schlussel: "key",
  zertifikat: "certificate", datenbank: "database", geheimnis: "secret", zugang: "access", zugriff: "access", rolle: "role",
  benutzer: "user", konto: "account", dienstkonto: "service account",
  // French
  identifiants: "credentials", certificat: "certificate", jeton: "token", cle: "key", acces: "access", compte: "account",
  // Spanish
  credenciales: "credentials", contrasena: "password", clave: "key", certificado: "certificate", acceso: "access", cuenta: "account",
  // Italian
  credenziali: "credentials", chiave: "key", certificato: "certificate", accesso: "access", utenza: "account",
  // Portuguese
  credenciais: "credentials", senha: "password", chave: "key", acesso: "access", conta: "account",
  // Dutch
  inloggegevens: "credentials", wachtwoord: "password", sleutel: "key", certificaat: "certificate", toegang: "access", databank: "database",
};
const PHRASES: readonly [RegExp, string][] = [
  [/\bmots? de passe\b/g, "password"],
  [/\bbases? de (?:donnees|datos|dados)\b|\bbanco de dados\b|\bbanca dati\b/g, "database"],
];

/** Glossary words of six letters or more, which may end a German compound ("datenbankpasswort"). */
const TAILS = Object.entries(GLOSSARY).filter(([term]) => term.length >= 6);
/** Every glossary word and phrase holds one of these stems: a question without any is not read twice. */
const GATE = /zugang|anmelde|passw|kennw|schl|zertif|datenb|geheim|zugriff|rolle|benutzer|konto|identif|certif|jeton|\bcl|acc|compt|credenc|contrase|clave|cuenta|credenz|chiav|utenz|credenci|senha|chave|acess|conta|inlog|wachtw|sleutel|toegang|databank|mots? de passe|base|banco|banca/i;

/** The question with the glossary's words in English, or undefined when nothing was translated. */
export function inEnglishWords(question: string): string | undefined {
  if (!GATE.test(question)) return undefined;
  let changed = false;
  let text = foldWord(question);
  for (const [pattern, english] of PHRASES) text = text.replace(pattern, () => ((changed = true), english));
  text = text.replace(/[\p{L}]+/gu, (word) => {
    const english = GLOSSARY[word] ?? compoundTail(word);
    if (!english) return word;
    changed = true;
    return english;
  });
  return changed ? text : undefined;
}

/** "datenbankpasswort" → "password": a German compound ending in a glossary word names that thing. */
function compoundTail(word: string): string | undefined {
  if (word.length < 9) return undefined;
  for (const [term, english] of TAILS) {
    if (term.length >= 6 && word.length > term.length + 2 && word.endsWith(term)) return english;
  }
  return undefined;
}
