import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as r,f as s}from"./chunk-ZVHG6VRG.mjs";s();import{hash as e}from"node:crypto";function a(n,t,i=""){let o=e("sha256",`${n}\0${t}\0${i}`,"hex");return`warden-${t}-${o.slice(0,24)}`}r(a,"actionKey");function g(n,t=12){return e("sha256",n,"hex").slice(0,t)}r(g,"contentHash");export{a,g as b};
