import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-OI77MUFN.mjs";import"./chunk-RC4UBLHL.mjs";import"./chunk-TCYNZZ7V.mjs";import"./chunk-AAEPCESW.mjs";import"./chunk-AZDB3UBD.mjs";import"./chunk-OZV5ZSZ7.mjs";import"./chunk-ZVHG6VRG.mjs";export{c as buildModelParts,a as defaultBrainKind,b as stateDir};
