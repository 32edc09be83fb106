import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as s,f as c}from"./chunk-ZVHG6VRG.mjs";c();function d(t,i){return i.length===0?t:{async scan(r){let a=await t.scan(r);for(let e of i)for(let n=r.indexOf(e);n>=0;n=r.indexOf(e,n+e.length))a.push({rule:"warden/known-credential",start:n,end:n+e.length});return a.sort((e,n)=>e.start-n.start)}}}s(d,"withKnownValues");export{d as a};
