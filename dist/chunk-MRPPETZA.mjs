import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b}from"./chunk-I6YT32ET.mjs";import"./chunk-UG2QOAXE.mjs";import"./chunk-46X3OSGH.mjs";import"./chunk-KLTNSFSU.mjs";import"./chunk-OF4QJOCW.mjs";import"./chunk-XRYANQZJ.mjs";import"./chunk-CTUUJEUU.mjs";import"./chunk-6Z6H74OB.mjs";import"./chunk-AMXOQVNN.mjs";export{a as registerCatalogCommands,b as resolveCatalogRoot};
