import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-3CYPZ6RY.mjs";import"./chunk-DZWAPELH.mjs";import"./chunk-OF4QJOCW.mjs";import"./chunk-CTUUJEUU.mjs";import"./chunk-6Z6H74OB.mjs";import"./chunk-AMXOQVNN.mjs";export{c as buildModelParts,a as defaultBrainKind,b as stateDir};
