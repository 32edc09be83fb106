/**
 * The yardstick for routing quality: plain Okapi BM25 (k1 1.2, b 0.75) over one bag of words per
 * route (title + summary + match phrases + examples), lower-cased, English stop words dropped,
 * Porter-stemmed. No field weights, phrases, typo tolerance or confidence: a plain search.
 */
import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Route } from "../../src/domain/catalog.ts";

const STOP = new Set(eng);
const K1 = 1.2;
const B = 0.75;

function tokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => stemmer(w));
}

export function bm25Baseline(routes: readonly Route[]): (question: string) => string[] {
  const docs = routes.map((r) => {
    const words = tokens([r.title, r.summary ?? "", ...r.match, ...(r.examples ?? [])].join(" "));
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { id: r.id, tf, length: words.length };
  });
  const avg = docs.reduce((n, d) => n + d.length, 0) / Math.max(docs.length, 1);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string): number => {
    const n = df.get(w) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };
  return (question) => {
    const terms = [...new Set(tokens(question))];
    return docs
      .map((d) => {
        let score = 0;
        for (const t of terms) {
          const f = d.tf.get(t) ?? 0;
          if (f > 0) score += (idf(t) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
        }
        return { id: d.id, score };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .map((s) => s.id);
  };
}
