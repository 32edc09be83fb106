import type { FileChange } from "../../domain/workspace.ts";
import { addedContentProblem } from "../added-content.ts";
import { parsePlaybook } from "../../catalog/playbook.ts";
import { secretIn } from "../findings.ts";
import { detectInjection } from "../injection.ts";
import { addedPassages, privateKeyHandOver } from "../key-handover.ts";
import { repositoryWords } from "../outbound.ts";
import { findNewCredentialWords } from "../secrets/credential-words.ts";
import { detectSecretRequest, normalizeForScan } from "../secrets/index.ts";
import { addressesAgents } from "../text-grammar.ts";
import { addressesMachineOrReviewer, credentialFileHandOver, downloadAndExecute, newPrincipalIn, secretIntoReply, lookAlikeHost, newHostIn, privilegedOrProductionTarget, rationaleAddressesReviewer } from "../proposal-grammar.ts";
import type { WriteArea } from "../path-gate.ts";
import { checkWritePath } from "../path-gate.ts";
import type { Verdict } from "../verdict.ts";
import { downgrade } from "../verdict.ts";
import type { JudgeContext } from "./context.ts";

/**
 * What every proposed file must satisfy, in the order a reviewer would ask: the right place, a
 * bounded size, nothing added that route answers could not carry, no secret, and the whole
 * catalog still valid with it. Undefined: the file may become a pull request.
 */
export async function judgeFileChange(change: FileChange, area: WriteArea, ctx: JudgeContext): Promise<Verdict | undefined> {
  const path = checkWritePath(change.file, area);
  if (path) return path;
  const maxBytes = area === "catalog" ? ctx.settings.limits.catalog_file_bytes : ctx.settings.limits.playbook_bytes;
  const bytes = Buffer.byteLength(change.after, "utf8");
  if (bytes > maxBytes) return downgrade("size", "policy", `${change.file} would be ${bytes} bytes; the limit is ${maxBytes}`);
  const content = addedContentProblem(change.before, change.after, ctx.settings.replies.link_hosts) ?? (area === "playbooks" ? answeredStepsProblem(change, ctx) : undefined);
  if (content) return downgrade("content", "policy", content);
  const secret = await secretIn(ctx.scanner, change.after, `${change.file} would contain a secret value`);
  if (secret) return downgrade("outbound-secret", "secret", secret);
  const added = addedText(change);
  const flowing = await flowingTextProblem(added, change.file, ctx);
  if (flowing) return flowing;
  // Steps are quoted in answers: none may ask the reader for the private half of a key pair.
  if (area === "playbooks" && privateKeyHandOver(addedPassages(change.before, change.after))) {
    return downgrade("secret-request", "secret", `${change.file} would ask its readers to hand over private key material`);
  }
  const grammar = proposalGrammarProblem(added, change, ctx);
  if (grammar) return grammar;
  const injection = area === "playbooks" ? detectInjection(normalizeForScan(added)) : undefined;
  if (injection || (area === "playbooks" && addressesAgents(normalizeForScan(added)))) {
    return downgrade("injection", "policy", `${change.file} would address instructions to agents${injection ? ` (${injection.pattern})` : ""}`);
  }
  const problems = await ctx.workspace.validateWith(new Map([[change.file, change.after]]));
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join("; ");
    return downgrade("catalog-validate", "policy", `the catalog would not validate: ${shown}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ""}`);
  }
  return undefined;
}

/**
 * Text that must flow out (what a file adds, a PR rationale): a word new to the repository that
 * looks like a credential blocks it whatever secret rule it evades, and it may not ask its
 * readers to hand over a secret ("paste your private key here").
 */
export async function flowingTextProblem(text: string, what: string, ctx: Pick<JudgeContext, "scanner" | "catalog">): Promise<Verdict | undefined> {
  const words = findNewCredentialWords(text, repositoryWords(ctx.catalog));
  if (words.length > 0) return downgrade("credential-word", "secret", `${what} would add ${words.length} credential-shaped word(s) new to the repository`);
  if (detectSecretRequest(normalizeForScan(text).toLowerCase())) return downgrade("secret-request", "secret", `${what} would ask its readers to hand over a secret value`);
  return undefined;
}

/** The rationale, the one free text a pull request carries, passes every outbound check. */
export async function judgeRationale(rationale: string, ctx: Pick<JudgeContext, "scanner" | "catalog">): Promise<Verdict | undefined> {
  const secret = await secretIn(ctx.scanner, rationale, "the rationale would put a secret value in the pull request");
  if (secret) return downgrade("outbound-secret", "secret", secret);
  const flowing = await flowingTextProblem(rationale, "the rationale", ctx);
  if (flowing) return flowing;
  const handOver = credentialFileHandOver(normalizeForScan(rationale));
  if (handOver) return downgrade("secret-request", "secret", "the rationale asks its readers to hand over a credential file");
  const addressed = rationaleAddressesReviewer(rationale) ?? rationaleAddressesReviewer(normalizeForScan(rationale));
  return addressed ? downgrade("injection", "policy", `the rationale speaks to someone other than the requester: ${addressed}`) : undefined;
}

/**
 * What a proposal adds, by grammar (proposal-grammar.ts): hosts the repository already names,
 * words for the human requester only, no credential file handed over, and no privileged
 * principal or production host on a route that is not production (production routes and
 * playbooks never get this far: their judges send them to a human first).
 */
function proposalGrammarProblem(added: string, change: FileChange, ctx: JudgeContext): Verdict | undefined {
  const normalized = normalizeForScan(added);
  const known = `${change.before}\n${[...repositoryWords(ctx.catalog)].join(" ")}`;
  const host = lookAlikeHost(added) ?? newHostIn(normalized, normalizeForScan(known), ctx.settings.replies.link_hosts);
  if (host) return downgrade("content", "policy", `${change.file} would name a host the repository does not (${host.slice(0, 60)})`);
  const addressed = addressesMachineOrReviewer(added) ?? addressesMachineOrReviewer(normalized);
  if (addressed) return downgrade("injection", "policy", `${change.file} would add text that ${addressed}`);
  if (credentialFileHandOver(normalized)) return downgrade("secret-request", "secret", `${change.file} would ask its readers to hand over a credential file`);
  if (secretIntoReply(normalized)) return downgrade("secret-request", "secret", `${change.file} would ask its readers to put a secret into a reply`);
  const fetched = downloadAndExecute(normalized);
  if (fetched) return downgrade("content", "policy", `${change.file} would add a download-and-execute command ("${fetched}")`);
  const target = privilegedOrProductionTarget(normalized);
  if (target) return downgrade("production", "production", `${change.file} would name a privileged principal or a production host on a route that is not production`);
  const principal = newPrincipalIn(normalized, normalizeForScan(known));
  if (principal) return downgrade("production", "production", `${change.file} would name an SSH principal the repository does not (${principal.slice(0, 40)})`);
  return undefined;
}

/**
 * Answers quote a playbook's steps as plain text (emphasis markers removed), so the steps are
 * checked as answers will read them: `<**img …>` and `https:__//…` are whole again there.
 */
function answeredStepsProblem(change: FileChange, ctx: JudgeContext): string | undefined {
  const steps = (text: string) => parsePlaybook(change.file, text).playbook?.value.steps.join("\n") ?? "";
  return addedContentProblem(steps(change.before), steps(change.after), ctx.settings.replies.link_hosts);
}

/** The lines of the new file that the old one does not have: only new text can carry a new word. */
function addedText(change: FileChange): string {
  const old = new Set(change.before.split("\n"));
  return change.after
    .split("\n")
    .filter((line) => !old.has(line))
    .join("\n");
}

/** The rendered pull request's title and body carry no secret either. */
export async function judgePullRequestText(title: string, body: string, ctx: Pick<JudgeContext, "scanner">): Promise<Verdict | undefined> {
  const secret = await secretIn(ctx.scanner, `${title}\n${body}`, "the pull request text would contain a secret value");
  return secret ? downgrade("outbound-secret", "secret", secret) : undefined;
}
