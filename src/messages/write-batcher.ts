/**
 * Groups writes that arrive while earlier ones are in flight, so that one statement (one round
 * trip, one plan, one commit) stores many: what a database's group commit does for the fsync,
 * done for the whole statement. Nothing waits on a timer: with nothing in flight, a write
 * starts once the current turn of the event loop has read its input; otherwise it starts as
 * soon as a write in flight finishes, with everything that queued up meanwhile.
 */
export function createWriteBatcher<T, R>(
  /** Writes a batch; answers one outcome per item, in order (an Error for an item that failed). */
  write: (items: T[]) => Promise<(R | Error)[]>,
  options: { maxBatch: number; maxInFlight: number },
) {
  let queue: { item: T; resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || queue.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    setImmediate(start);
  }

  function start(): void {
    scheduled = false;
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      write(batch.map((b) => b.item))
        .then(
          (outcomes) =>
            batch.forEach((b, i) => {
              const outcome = outcomes[i];
              if (outcome instanceof Error) b.reject(outcome);
              else b.resolve(outcome as R);
            }),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  }

  return {
    add(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}
