import type { BrainProposal } from "../../domain/action.ts";
import { escalate } from "../../domain/action.ts";
import type { RouteAnswer } from "../../domain/catalog.ts";
import type { Message } from "../../domain/message.ts";
import { screenMessage } from "../../policy/screen.ts";
import { normalizeForScan } from "../../policy/secrets/index.ts";
import type { Brain, BrainContext } from "../brain.ts";
import { planChangeRequest } from "./change-plan.ts";
import { parseChangeRequest } from "./change-request.ts";
import { inEnglishWords } from "./glossary.ts";
import { isRoutingQuestion } from "./routing-question.ts";
import { planSshRequest } from "./ssh-request.ts";

/** Below this top score a question is treated as out of scope rather than merely ambiguous. */
const OUT_OF_SCOPE_SCORE = 0.15;

/**
 * The deterministic default brain. It answers routing questions the route index is confident
 * about, turns structured change requests into typed proposals, and escalates everything else:
 * requests for secret values, production changes, instructions aimed at the bot (also hidden
 * ones), and anything it is not sure of. It never follows instructions found in a message.
 */
export class RuleBrain implements Brain {
  readonly name = "rule";

  async plan(message: Message, context: BrainContext): Promise<BrainProposal> {
    // The same screening the planner's inbound gate applies; computed once per message.
    const screening = screenMessage(message);
    if (screening) return done([escalate(screening.category, screening.reason)], `screened: ${screening.rule}`, 0.9);

    const certificate = planSshRequest(message, context);
    if (certificate) return certificate;

    const change = parseChangeRequest(message.body, message.subject);
    if (change.found) {
      if ("error" in change) return done([escalate("malformed", change.error)], "unparseable change request", 0.9);
      if ("ambiguous" in change) return done([escalate("ambiguous", change.ambiguous)], "more than one change request", 0.9);
      return withQuestionAnswered(planChangeRequest(change.request, context), change.rest, (text) => this.route(text, context));
    }
    return this.route(`${message.subject}\n${message.body}`, context, context.earlierRoute?.(message));
  }

  private route(question: string, context: BrainContext, earlier?: string): BrainProposal {
    const answer = lookup(question, context);
    const top = answer.matches[0];
    const focused = answer.confident && top
      ? undefined
      : (focusOnQuestions(question, answer, context) ?? longestExactPhrase(question, answer) ?? liveSuccessor(answer, context) ?? distinctiveName(question, answer) ?? followUp(answer, earlier));
    const answered = answer.confident && top ? top.route.id : focused;
    // In a thread already answered with this route, a question mark is question enough.
    const followingUp = answered !== undefined && answered === earlier && /\?\s*$/.test(question);
    if (answered && !followingUp && !isRoutingQuestion(normalizeForScan(question).toLowerCase())) {
      // Words that match a route are not a question: an imperative ("ping me the hub token")
      // gets no answer, whatever phrasing of a value request it hides.
      return done([escalate("ambiguous", "no routing question recognised (no how, where, who, which…, yes/no question or stated need)")], "not a routing question", 0.5);
    }
    if (answer.confident && top) {
      return done([{ kind: "answer_route", route_id: top.route.id }], `routing question; best match ${top.route.id}`, top.score);
    }
    if (focused) return done([{ kind: "answer_route", route_id: focused }], `routing question; the question itself matches ${focused}`, answer.matches[0]?.score ?? 0);
    if (!top || answer.outOfScope === true || top.score < OUT_OF_SCOPE_SCORE) {
      return done([escalate("out_of_scope", "no catalog route matches this request")], "no route matches", 0.6);
    }
    const candidates = answer.matches.map((m) => `${m.route.id} (${m.score.toFixed(2)})`).join(", ");
    return done([escalate("ambiguous", `no confident route; closest: ${candidates}`)], "ambiguous routing question", top.score);
  }
}

/**
 * The index's answer for the question; when it is not confident and the question names
 * credentials in another claimed language, the same question in the glossary's English words.
 */
function lookup(question: string, context: BrainContext): RouteAnswer {
  const answer = context.index.lookup(question, { top: 3 });
  if (answer.confident) return answer;
  const english = inEnglishWords(question);
  const again = english ? context.index.lookup(english, { top: 3 }) : undefined;
  return again?.confident ? again : answer;
}

/** A distinctive name needs at least this score, and the runner-up must trail by this much. */
const DISTINCTIVE = { minScore: 0.5, minLead: 0.08 } as const;

/**
 * Two routes of one kind tie on the kind's words ("credentials for the orders database"); the
 * system the question names ("MySQL") decides when it is a word of the top route's own id,
 * title or match phrases and of no rival's.
 */
function distinctiveName(question: string, answer: RouteAnswer): string | undefined {
  const [top, ...rivals] = answer.matches;
  if (!top || top.route.status === "retired" || top.score < DISTINCTIVE.minScore) return undefined;
  if (rivals.some((r) => top.score - r.score < DISTINCTIVE.minLead)) return undefined;
  const asked = new Set(plainWords(question).split(" "));
  // The id names the system a route is for (`db-mysql-credentials`); its other words name the kind.
  const named = (m: (typeof answer.matches)[number]) => new Set(m.route.id.split("-").filter((w) => w.length >= 3 && asked.has(w)));
  const mine = named(top);
  const theirs = rivals.map(named);
  const distinctive = [...mine].some((w) => theirs.every((t) => !t.has(w)));
  return distinctive && theirs.every((t) => [...t].every((w) => mine.has(w))) ? top.route.id : undefined;
}

/**
 * A follow-up in a thread ops-warden already answered ("same route, or a separate principal?")
 * may carry too few words to place on its own: it gets the thread's route, unless the index
 * clearly points elsewhere. The answer is judged like any other (production, retired, …).
 */
const FOLLOW_UP_RIVAL = 0.4;

function followUp(answer: RouteAnswer, earlier: string | undefined): string | undefined {
  if (!earlier) return undefined;
  const top = answer.matches[0];
  return !top || top.route.id === earlier || top.score < FOLLOW_UP_RIVAL ? earlier : undefined;
}

/**
 * Agents often give context first and ask last ("we reach the staging database through the
 * tunnel … where do we get Postgres credentials for it?"); the context can tie two routes. When
 * the whole message is not conclusive, the sentences that ask (ending in "?") decide — but only
 * between the candidates the whole message already found, so the focus can break a tie and
 * never brings in a route the message as a whole does not support.
 */
function focusOnQuestions(message: string, whole: RouteAnswer, context: BrainContext): string | undefined {
  const questions = message.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().endsWith("?"));
  if (questions.length === 0 || questions.join(" ").length === message.trim().length) return undefined;
  const focused = context.index.lookup(questions.join("\n"), { top: 3 });
  const top = focused.matches[0]?.route.id;
  return focused.confident && top && whole.matches.some((m) => m.route.id === top) ? top : undefined;
}

/**
 * A retired route is never a confident answer, by design; but when it is clearly what the asker
 * means ("we still use an IAM user access key, what replaces it?") its live successor is.
 */
const SUCCESSOR_MIN_SCORE = 0.3;

function liveSuccessor(answer: RouteAnswer, context: BrainContext): string | undefined {
  const [top, next] = answer.matches;
  if (!top || top.route.status !== "retired" || !top.route.superseded_by || top.score < SUCCESSOR_MIN_SCORE) return undefined;
  if (next && next.route.id !== top.route.superseded_by && top.score - next.score < 0.1) return undefined;
  const successor = context.index.get(top.route.superseded_by);
  return successor && successor.status !== "retired" ? successor.id : undefined;
}

/** A tie-break needs at least this score and an exact phrase this many words longer than any rival's. */
const TIE_BREAK = { minScore: 0.5, minWords: 4, leadWords: 2 } as const;

/**
 * A match phrase found word for word is the strongest evidence there is, and a long one more so:
 * "it does not accept my SSH certificate" names host trust, even though "SSH certificate" alone
 * is also a build-host phrase. When the scores tie, a clearly longer exact phrase decides.
 */
function longestExactPhrase(question: string, answer: RouteAnswer): string | undefined {
  const text = ` ${plainWords(question)} `;
  const ranked = answer.matches
    .filter((m) => m.route.status !== "retired")
    .map((m) => ({ id: m.route.id, score: m.score, words: Math.max(0, ...m.route.match.map(plainWords).filter((p) => text.includes(` ${p} `)).map((p) => p.split(" ").length)) }))
    .sort((a, b) => b.words - a.words);
  const [best, runnerUp] = ranked;
  if (!best || best.score < TIE_BREAK.minScore || best.words < TIE_BREAK.minWords) return undefined;
  return !runnerUp || best.words - runnerUp.words >= TIE_BREAK.leadWords ? best.id : undefined;
}

/**
 * A question next to a change block is still answered: when the text around the block asks
 * something ("…?") and the route index answers it confidently, the answer joins the proposal.
 */
function withQuestionAnswered(proposal: BrainProposal, rest: string, route: (text: string) => BrainProposal): BrainProposal {
  const questions = rest.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().endsWith("?"));
  if (questions.length === 0) return proposal;
  const answer = route(questions.join("\n")).actions.find((a) => (a as { kind?: string }).kind === "answer_route");
  if (!answer) return proposal;
  const actions = proposal.actions.filter((a) => (a as { kind?: string }).kind !== "mark_read");
  return { ...proposal, actions: [...actions, answer, { kind: "mark_read" }] };
}

function plainWords(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

function done(actions: unknown[], rationale: string, confidence: number): BrainProposal {
  return { actions: [...actions, { kind: "mark_read" }], rationale, confidence };
}
