import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as t,f as S}from"./chunk-AMXOQVNN.mjs";S();function a(e=process){let n=!1,i,r,d=new Promise(s=>r=s),o=t(s=>{n||(i=s),n=!0,r()},"onSignal");return e.on("SIGINT",o),e.on("SIGTERM",o),{get requested(){return n},get signal(){return i},stopped:d,dispose(){e.off("SIGINT",o),e.off("SIGTERM",o)}}}t(a,"processStopSignal");export{a};
