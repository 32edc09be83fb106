import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as t,f as e}from"./chunk-WDPLRBJ2.mjs";e();var r="warden/";function s(i){return i.startsWith(r)&&/^warden\/[A-Za-z0-9._/-]+$/.test(i)&&!i.includes("..")&&!i.endsWith("/")}t(s,"isBotBranch");export{r as a,s as b};
