import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-XUN36ICD.mjs";import"./chunk-H7QUUWMH.mjs";import"./chunk-3DJRRP3I.mjs";import"./chunk-WPXFMG2R.mjs";export{c as buildModelParts,a as defaultBrainKind,b as stateDir};
