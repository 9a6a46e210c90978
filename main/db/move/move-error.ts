/** A refusal or a mismatch db:move reports in one sentence (the CLI exits non-zero). */
export class MoveError extends Error {
  constructor(
    message: string,
    readonly code: 'MOVE_REFUSED' | 'MOVE_MISMATCH' = 'MOVE_REFUSED',
  ) {
    super(message);
  }
}
