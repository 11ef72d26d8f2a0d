import * as assert from "assert";
import fc from "fast-check";
import { paced, Pace, rateFloorSeconds } from "../../components/pacing";
import { VirtualClock } from "../virtualClock";

const SEED = 37;

/** Runs paced calls with the given latencies on a virtual clock, recording each start and the peak in flight. */
async function run(latencies: number[], pace: Pace, failAt?: number) {
  const clock = new VirtualClock();
  const starts: number[] = [];
  let inFlight = 0;
  let peak = 0;
  const work = paced(
    latencies.map((latency, i) => ({ latency, i })),
    async ({ latency, i }) => {
      starts.push(clock.now());
      peak = Math.max(peak, ++inFlight);
      await clock.sleep(latency);
      inFlight--;
      if (i === failAt) throw new Error(`call ${i} failed`);
      return i;
    },
    pace,
    clock,
  );
  const result = await clock.run(work).then(
    (answers) => ({ answers }),
    (error: Error) => ({ error }),
  );
  return { ...result, starts, peak, end: clock.now() };
}

const pace = fc.record({
  perSecond: fc.integer({ min: 1, max: 20 }),
  inFlight: fc.integer({ min: 1, max: 8 }),
});

describe("paced calls (components/pacing.ts), on a virtual clock", () => {
  it("calls every item once, answers in order, starts no two calls closer than 1000 / perSecond ms and holds at most inFlight", async () => {
    await fc.assert(
      fc.asyncProperty(
        pace,
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 120 }),
        async (p, latencies) => {
          const r = await run(latencies, p);
          assert.deepStrictEqual(
            "answers" in r && r.answers,
            latencies.map((_, i) => i),
          );
          assert.strictEqual(r.starts.length, latencies.length);
          for (let i = 1; i < r.starts.length; i++)
            assert.ok(r.starts[i] - r.starts[i - 1] >= 1000 / p.perSecond - 1e-9, `starts ${r.starts}`);
          assert.ok(r.peak <= p.inFlight, `peak ${r.peak} > ${p.inFlight}`);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("loses no time to pacing: while answers come within inFlight slots, call n starts at (n - 1) / perSecond s", async () => {
    await fc.assert(
      fc.asyncProperty(
        pace,
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (p, n, f) => {
          const latency = (f * p.inFlight * 1000) / p.perSecond;
          const r = await run(
            Array.from({ length: n }, () => latency),
            p,
          );
          const last = r.starts[r.starts.length - 1];
          assert.ok(Math.abs(last - ((n - 1) * 1000) / p.perSecond) < 1e-6, `last start ${last}`);
          // The rate floor is the time n starts need: the last of them starts one slot before it.
          assert.ok(Math.abs(last + 1000 / p.perSecond - rateFloorSeconds(n, p) * 1000) < 1e-6);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("stops at the first failure: it rejects, and no call starts after the failure is known", async () => {
    await fc.assert(
      fc.asyncProperty(
        pace,
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        async (p, latencies, k) => {
          const failAt = k % latencies.length;
          const r = await run(latencies, p, failAt);
          assert.ok("error" in r && /failed/.test(r.error.message));
          // The failure is known when the failing call ends; nothing starts after that instant.
          const failedAt = r.starts[failAt] + latencies[failAt];
          assert.ok(
            r.starts.every((s) => s <= failedAt),
            `a start after the failure at ${failedAt}: ${r.starts}`,
          );
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("makes no call for no items", async () => {
    const r = await run([], { perSecond: 5, inFlight: 5 });
    assert.deepStrictEqual(r.starts, []);
    assert.strictEqual(r.end, 0);
  });
});
