/**
 * Text → search terms, the same way for catalog entries and for questions, so that case,
 * punctuation, simple inflections and filler words do not change what matches.
 * A deliberately small English stemmer: predictable beats clever for a routing table.
 */

const STOP_WORDS = [
  "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
  "can", "could", "did", "do", "does", "doing", "for", "from", "get", "gets", "getting", "give", "got",
  "had", "has", "have", "he", "hello", "help", "hey", "hi", "how", "i", "if", "im", "in", "into", "is",
  "it", "its", "just", "know", "let", "lets", "like", "may", "me", "might", "must", "my", "need",
  "needs", "of", "on", "or", "our", "ours", "please", "shall", "she", "should", "so", "some", "someone",
  "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "thanks", "thank",
  "to", "us", "use", "using", "via", "want", "wants", "was", "we", "were", "what", "when", "where",
  "which", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/** Shorthand people type → the word the catalog uses (applied before stemming). */
const SYNONYMS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  creds: "credentials",
  cred: "credential",
  pw: "password",
  pwd: "password",
  passwd: "password",
  db: "database",
  dbs: "databases",
  k8s: "kubernetes",
  pg: "postgres",
  prod: "production",
  postgresql: "postgres",
  cert: "certificate",
  certs: "certificates",
  gh: "github",
});

/** Stems a single lowercase word. Exported for tests and the docs' examples. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 4 && (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes"))) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);

  if (w.length > 5 && w.endsWith("ation")) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith("ing")) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith("ed") && !w.endsWith("eed")) w = undouble(w.slice(0, -2));

  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** `getting` → `gett` → `get`, but `billing` → `bill` keeps its `ll`. */
function undouble(w: string): string {
  const last = w.at(-1);
  return w.length > 3 && last === w.at(-2) && last !== undefined && !"lsz".includes(last) ? w.slice(0, -1) : w;
}

const STOP_STEMS = new Set(STOP_WORDS.map(stem));
/** Any UTF-16 code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;
const STOP_RAW = new Set(STOP_WORDS);

/**
 * Ordered terms of `text` (duplicates kept: phrase matching needs positions). Callers that only
 * need the set dedupe it themselves. Words are the maximal runs of [a-z0-9] of the lower-cased
 * text, found in one pass (what `split(/[^a-z0-9]+/)` gives, without its empty pieces); words of
 * one character never make a term, so they are not even looked up.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  // Accents are stripped only where there are any: most questions are plain ASCII.
  const folded = NON_ASCII.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  const lower = folded.toLowerCase();
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue;
    if (i - start >= 2) {
      const term = termOf(lower.slice(start, i));
      if (term !== undefined) terms.push(term);
    }
    start = i + 1;
  }
  return terms;
}

/** Words repeat far more than they vary, so stems are memoised (bounded: questions are untrusted). */
const TERM_CACHE = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 50_000;

function termOf(raw: string): string | undefined {
  const cached = TERM_CACHE.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  const term = computeTerm(raw);
  if (TERM_CACHE.size >= TERM_CACHE_LIMIT) TERM_CACHE.clear();
  TERM_CACHE.set(raw, term ?? null);
  return term;
}

function computeTerm(raw: string): string | undefined {
  if (raw.length < 2 || STOP_RAW.has(raw)) return undefined;
  const term = stem(SYNONYMS[raw] ?? raw);
  return term.length < 2 || STOP_STEMS.has(term) ? undefined : term;
}

/** A match phrase's identity for duplicate detection and phrase lookup: its terms, joined. */
export function phraseKey(phrase: string): string {
  return analyze(phrase).join(" ");
}
