import { createRequire as __wardenCreateRequire } from "node:module";
const require = __wardenCreateRequire(import.meta.url);
import{a as r,f as l}from"./chunk-WDPLRBJ2.mjs";l();var E="repository root holding catalog/ and playbooks/ (default: the nearest directory holding catalog/, searched upward from the current one, as git does)",O="State Hub: http(s)://\u2026 or file:DIR (default: WARDEN_HUB_URL, else the sample inbox; writes go to a scratch copy under the state dir)",p=[["0","done"],["1","failed (the reason is on stderr)"],["2","usage error or refused: bad flags, invalid config, missing hub directory"]],u=[["NO_COLOR","set to print without colour (output that is not a terminal never has colour)"],["WARDEN_LOG_LEVEL","fatal | error | warn | info (default) | debug | trace | silent"]],H={examples:[['warden route "I need SSH access to build hosts"',"who handles a credential need, and how"],["warden catalog validate","check catalog/ and playbooks/"],["warden worker run --once","one dry-run tick over the sample inbox: the compact plan"],["warden activity --since 12h","what the worker did in the last 12 hours"]]},i=new WeakMap;function g(e,n){return i.set(e,n),e.addHelpText("after",h(n)),e}r(g,"describeHelp");function m(e,n={}){for(let a of e.commands)m(a,n);if(i.has(e))return;let t=n[c(e)],o=t?.examples??e.commands.flatMap(a=>i.get(a)?.examples?.slice(0,1)??[]);g(e,{...t,examples:o})}r(m,"completeHelp");function h(e){let n=[];return e.examples?.length&&n.push(s("Examples",e.examples.map(([t,o])=>`  $ ${t}
      ${o}`))),n.push(s("Environment",d([...e.environment??[],...u]))),n.push(s("Exit codes",d(e.exitCodes??p))),`
${n.join(`

`)}
`}r(h,"renderSections");function s(e,n){return`${e}:
${n.join(`
`)}`}r(s,"block");function d(e){let n=Math.max(...e.map(([t])=>t.length));return e.map(([t,o])=>`  ${t.padEnd(n)}  ${o}`)}r(d,"table");function f(e,n){let t=c(e);e.configureOutput({outputError:r(o=>n(`${x(o)}; see \`${t} --help\`
`),"outputError")});for(let o of e.commands)f(o,n)}r(f,"oneLineErrors");function x(e){return`warden: ${e.trim().replace(/^error:\s*/i,"").split(`
`).map(t=>t.trim()).filter(t=>t!=="").join(" ").replace(/\(Did you mean/g,"(did you mean")}`}r(x,"oneLineError");function c(e){let n=[];for(let t=e;t;t=t.parent)n.unshift(t.name());return n.join(" ")}r(c,"fullName");export{E as a,O as b,H as c,g as d,m as e,f};
