/**
 * Asks for a password in languages the clause detector has no grammar for (Polish, Russian,
 * Swedish, Japanese, Chinese, and German or French verb-final forms): a secret noun and a
 * hand-over verb of that language in one sentence, without a question word that makes it a
 * question about the route ("jak", "как", "hur", "どうやって", "如何"). Input: the message
 * lower-cased but NOT folded — folding turns Cyrillic and kana into look-alike Latin.
 */
const NOUNS = [
  "hasł", "hasl", "пароль", "пароля", "паролем", "lösenord", "losenord", "パスワード", "暗証番号", "密码", "密碼", "口令",
  "passwort", "kennwort", "mot de passe", "contraseña", "contrasena", "senha", "wachtwoord", "token", "токен", "トークン", "令牌",
  "klucz api", "ключ api", "api-nyckel", "apiキー", "api密钥",
];
const VERBS = [
  // Polish
  "podaj", "wyślij", "wyslij", "przyślij", "przyslij", "daj mi", "pokaż", "pokaz", "wklej", "napisz",
  // Russian
  "пришли", "пришлите", "отправь", "отправьте", "скинь", "скиньте", "дай", "дайте", "покажи", "покажите", "скажи", "скажите", "напиши", "напишите", "вставь",
  // Swedish
  "skicka", "ge mig", "visa mig", "klistra in", "berätta", "beratta",
  // Japanese
  "送って", "送信して", "教えて", "見せて", "貼って", "貼り付けて", "ください", "下さい",
  // Chinese
  "发给我", "發給我", "给我", "給我", "告诉我", "告訴我", "发送", "發送", "贴出", "貼出", "粘贴", "發一下", "发一下",
  // German and French verb-final or imperative forms
  "schicken", "schick mir", "senden", "sende mir", "geben", "gib mir", "zeigen", "zeig mir", "nennen", "verraten", "mitteilen", "posten", "einfügen",
  "envoie", "envoyez", "donne-moi", "donnez-moi", "montre-moi", "montrez-moi", "colle", "collez",
];
const QUESTION_WORDS = /(?:^|[\s,])(?:jak|gdzie|kto|как|где|кто|hur|var\s+finns|vem|wie|wo|wer|comment|où|ou\s+trouver|qui)(?=[\s,?]|$)|どうやって|どこ|誰|如何|怎么|怎麼|哪里|哪裡|谁|誰/;
const SENTENCE = /[^.!?。！？\n]+/g;
/** One pass over the whole message before any sentence is looked at: most messages name none of the nouns. */
const ANY_NOUN = new RegExp(NOUNS.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

export function detectForeignRequest(lower: string): { phrase: string } | undefined {
  if (!ANY_NOUN.test(lower)) return undefined;
  for (const m of lower.matchAll(SENTENCE)) {
    const sentence = m[0];
    const noun = NOUNS.find((n) => sentence.includes(n));
    const verb = noun && VERBS.find((v) => sentence.includes(v));
    if (!noun || !verb || QUESTION_WORDS.test(sentence)) continue;
    return { phrase: `${verb} … ${noun}` };
  }
  return undefined;
}
