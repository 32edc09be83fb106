import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{f as e}from"./chunk-WDPLRBJ2.mjs";e();var n=["rule","llm","cascade"];export{n as a};
