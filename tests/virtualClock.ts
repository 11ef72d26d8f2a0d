// A clock on which time passes only when nothing else can run: every sleep is a timer that fires, earliest
// first, once all pending promises have settled. Pacing is then tested, and benched, without real waiting
// and without timing that can flake on a loaded machine.
import { Clock } from "../components/pacing";

export class VirtualClock implements Clock {
  private time = 0;
  private order = 0;
  private timers: { at: number; order: number; fire: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((fire) =>
      this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, fire }),
    );
  }

  /**
   * Settles `work`, moving time to the next timer whenever every pending promise has settled; then fires
   * what is still waiting, so that a test sees anything that would run after `work` settled.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      // A macrotask runs only once the microtask queue is empty: every chain has gone as far as it can.
      await new Promise((resolve) => setImmediate(resolve));
      if (done && this.timers.length === 0) return work;
      if (this.timers.length === 0)
        throw new Error("VirtualClock: the work waits on something other than the clock");
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const timer = this.timers.shift() as (typeof this.timers)[number];
      this.time = timer.at;
      timer.fire();
    }
  }
}
