/** One route answer planned or sent in a thread. */
export interface ThreadAnswer {
  thread_id: string;
  message_id: string;
  /** The answered message's `created_at` (RFC 3339): "earlier" is the hub's order, not the planning order. */
  created_at: string;
  route_id: string;
}

/**
 * What ops-warden already answered in each thread, so a follow-up answered with the same route
 * gets a short "same route as before" reply instead of a repeat.
 */
export interface ThreadAnswers {
  /** The route of the latest answer to an earlier message of the same thread, if any. */
  earlierRoute(thread_id: string, message_id: string, created_at: string): string | undefined;
  record(answer: ThreadAnswer): void;
}
