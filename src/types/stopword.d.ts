/** The few exports of `stopword` (3.x) that ops-warden reads: stop-word lists per ISO 639-3 code. */
declare module "stopword" {
  export const eng: string[];
  export const deu: string[];
  export const fra: string[];
  export const spa: string[];
}
