// Pacing for per-account Organizations lookups (accountTags reads one account's tags per call): calls start
// evenly spaced, a few at a time, so that a 2,000-account organization is read within Organizations' rate
// instead of in one burst. Time is injected, so that tests and the bench run on a virtual clock.

/** What pacing needs of time: the current instant in milliseconds, and a wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Pace {
  /** Calls started in any one second, at most: each starts 1000 / perSecond ms after the one before. */
  perSecond: number;
  /** Calls awaiting their answer at once, at most. */
  inFlight: number;
}

/**
 * AWS documents no request rate for Organizations' read APIs: the Organizations quotas page
 * (docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html) lists entity maximums
 * only, and the request to document its throttling (github.com/awsdocs/aws-organizations-docs/issues/39)
 * was closed without one. Over its rate Organizations answers TooManyRequestsException ("another request is
 * already in progress"), which the SDKs retry as throttling (@smithy/core THROTTLING_ERROR_CODES), and so
 * does the provider behind getResourceTags (aws-sdk-go-v2 aws/retry DefaultThrottleErrorCodes). So a
 * bound of our own, kept low: 5 calls a second, 5 at a time (Account Management, the nearest service that
 * documents one, allows its listing reads 5 a second: docs.aws.amazon.com/accounts/latest/reference/
 * quotas.html). 2,000 accounts take 400 s a run of the program; `pulumi up` runs it twice (preview, then
 * update) unless --skip-preview.
 */
export const ORGANIZATIONS_PACE: Pace = { perSecond: 5, inFlight: 5 };

/** The least time `calls` take at this pace, in seconds: the rate floor (the first call starts at once). */
export const rateFloorSeconds = (calls: number, pace: Pace = ORGANIZATIONS_PACE): number =>
  calls / pace.perSecond;

/**
 * Calls `call` once per item, in order, each start at least 1000 / perSecond ms after the one before and at
 * most inFlight unanswered at once; the answers in item order. The first failure rejects, and no call starts
 * after it.
 */
export async function paced<T, R>(
  items: readonly T[],
  call: (item: T) => Promise<R>,
  pace: Pace = ORGANIZATIONS_PACE,
  clock: Clock = systemClock,
): Promise<R[]> {
  const interval = 1000 / pace.perSecond;
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  // Starts pass one gate in turn; each waits until `interval` after the start before it, measured on the
  // clock when it starts, so that a late wake-up never bunches two starts together.
  let gate: Promise<void> = Promise.resolve();
  let lastStart = -Infinity;
  const turn = () =>
    (gate = gate.then(async () => {
      while (clock.now() < lastStart + interval) await clock.sleep(lastStart + interval - clock.now());
      lastStart = clock.now();
    }));
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      await turn();
      if (failed) return;
      try {
        results[i] = await call(items[i]);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Math.max(1, Math.min(pace.inFlight, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
