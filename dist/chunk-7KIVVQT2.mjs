import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as s,f as a}from"./chunk-WDPLRBJ2.mjs";a();function g(e=process){let n=!1,r,i,S=new Promise(t=>i=t),l=new AbortController,o=s(t=>{n||(r=t),n=!0,i(),l.abort()},"onSignal");return e.on("SIGINT",o),e.on("SIGTERM",o),{get requested(){return n},get signal(){return r},stopped:S,abort:l.signal,dispose(){e.off("SIGINT",o),e.off("SIGTERM",o)}}}s(g,"processStopSignal");export{g as a};
