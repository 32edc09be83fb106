import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-PPSMAGDF.mjs";import"./chunk-QHT3VTXM.mjs";import"./chunk-NJITZTRP.mjs";import"./chunk-FOJMZDU6.mjs";import"./chunk-FY3L3VWH.mjs";import"./chunk-4RRGVEVX.mjs";import"./chunk-WDPLRBJ2.mjs";export{c as buildModelParts,a as defaultBrainKind,b as stateDir};
