import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b}from"./chunk-TONHQEPA.mjs";import"./chunk-IIJEUHMX.mjs";import"./chunk-6QFNWAGT.mjs";import"./chunk-3QDPL6XI.mjs";import"./chunk-YNAT3EJU.mjs";import"./chunk-7YC53SRR.mjs";import"./chunk-AAEPCESW.mjs";import"./chunk-O5Y5MLEM.mjs";import"./chunk-AZDB3UBD.mjs";import"./chunk-OZV5ZSZ7.mjs";import"./chunk-ZVHG6VRG.mjs";export{a as registerCatalogCommands,b as resolveCatalogRoot};
