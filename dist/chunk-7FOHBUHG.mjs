import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as o,f as n}from"./chunk-WDPLRBJ2.mjs";n();function d(t,e,r={}){return{status:t,code:e,...r}}o(d,"outcome");function a(t){let e={executed:0,skipped:0,deferred:0,failed:0,planned:0};for(let r of t)e[r.status]+=1;return e}o(a,"summarizeOutcomes");export{d as a,a as b};
