import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a,b}from"./chunk-MU7ZSHO7.mjs";import"./chunk-2AVAD4KZ.mjs";import"./chunk-AE2XB2OS.mjs";import"./chunk-CGYF75CZ.mjs";import"./chunk-NVVXMCGO.mjs";import"./chunk-FOJMZDU6.mjs";import"./chunk-OG43RKTB.mjs";import"./chunk-4V667UVI.mjs";import"./chunk-FY3L3VWH.mjs";import"./chunk-4RRGVEVX.mjs";import"./chunk-WDPLRBJ2.mjs";export{a as registerCatalogCommands,b as resolveCatalogRoot};
