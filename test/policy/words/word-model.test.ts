import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeBlock, encodeWords, foldWord } from "../../../src/policy/words/encoding.ts";
import type { WordModel } from "../../../src/policy/words/word-model.ts";
import { loadWordModel } from "../../../src/policy/words/word-model.ts";
import { REPO_ROOT } from "../../catalog/helpers.ts";

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const random = (length: number) => [...randomBytes(length)].map((b) => LOWER[b % 26]).join("");

let model: WordModel;
beforeAll(async () => {
  model = await loadWordModel();
});

describe("the word lists", () => {
  it("front-code and decode back to the same words", () => {
    const words = ["a", "aa", "aah", "abacus", "abandon", "zebra"];
    expect(encodeWords(words).flatMap(decodeBlock)).toEqual(words);
  });

  it("fold case and accents the way the scanner does", () => {
    expect(foldWord("Contraseña")).toBe("contrasena");
    expect(foldWord("PASSWORT")).toBe("passwort");
  });

  it.each(["the", "password", "Wachtwoord", "contraseña", "bekomme", "identifiants", "credenziali", "senha", "certificate"])("knows %s", (word) => {
    expect(model.isWord(word)).toBe(true);
  });

  it("are the generated file the script writes today", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-words-"));
    try {
      const out = join(dir, "word-data.ts");
      execFileSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "scripts", "build-words.ts"), out], { cwd: REPO_ROOT });
      expect(readFileSync(out, "utf8") === readFileSync(join(REPO_ROOT, "src", "policy", "words", "generated", "word-data.ts"), "utf8")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the word model", () => {
  it("reads most random letter runs as made up, in any case", () => {
    let madeUp = 0;
    for (let i = 0; i < 500; i++) {
      const value = random(14);
      if (model.isMadeUp(i % 2 ? value : value.toUpperCase())) madeUp += 1;
    }
    expect(madeUp).toBeGreaterThan(450);
  });

  it.each(["kubeconfig", "postgres", "zugangsdaten", "wachtwoord", "credentials", "db-mysql-credentials", "terraform", "elasticsearch", "prometheus", "letsencrypt"])(
    "does not take %s for made up",
    (word) => {
      expect(model.isMadeUp(word)).toBe(false);
    },
  );
});
