/**
 * Claims on non-idempotent effects (an issue, a PR, a comment), by action key. GitHub has no
 * create-if-absent, so two ticks that both found no marker would both create: a tick claims the
 * key first, and a key claimed by a live tick, or already done, is not created again.
 */
export type Claim =
  /** Ours to create. `takenOver`: a dead tick held it and may have created before dying. */
  | { kind: "mine"; takenOver: boolean }
  /** Created earlier (by this or another tick) at `url`. */
  | { kind: "done"; url: string }
  /** Another live tick is creating it now. */
  | { kind: "busy"; holder: string };

export interface EffectClaims {
  claim(key: string): Promise<Claim>;
  /** Records where the effect landed; later claims answer `done`. */
  done(key: string, url: string): Promise<void>;
  /** Gives the claim up unfinished (a failure): the next tick looks the marker up and tries again. */
  release(key: string): Promise<void>;
}
