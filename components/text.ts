// Text distance for "did you mean" suggestions: config keys, namespaces and account names.

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let row = new Uint32Array(b.length + 1);
  let next = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (ch === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [row, next] = [next, row];
  }
  return row[b.length];
}

/**
 * A Levenshtein distance from one pattern of at most 32 characters to many texts, by Myers' bit-parallel
 * algorithm (J. ACM 46(3), 1999): linear in each text, which keeps did-you-mean over thousands of account
 * names well under a second. The same answers as editDistance, which tests hold it to.
 */
export function distanceFrom(pattern: string): (text: string) => number {
  const m = pattern.length;
  if (m === 0 || m > 32) return (text) => editDistance(pattern, text);
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  return (text) => {
    let pv = -1;
    let mv = 0;
    let score = m;
    for (let j = 0; j < text.length; j++) {
      const eq = peq.get(text.charCodeAt(j)) ?? 0;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & last) score++;
      else if (mh & last) score--;
      ph = (ph << 1) | 1;
      mh = mh << 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return score;
  };
}

/** The `count` candidates closest to `name`, ignoring case, nearest first (ties in the candidates' order). */
export function closest(name: string, candidates: readonly string[], count: number): string[] {
  const distance = distanceFrom(name.toLowerCase());
  const best: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const worst = best.length < count ? Infinity : best[best.length - 1].distance;
    if (Math.abs(candidate.length - name.length) >= worst) continue;
    const d = distance(candidate.toLowerCase());
    if (d >= worst) continue;
    const at = best.findIndex((b) => b.distance > d);
    best.splice(at < 0 ? best.length : at, 0, { candidate, distance: d });
    if (best.length > count) best.pop();
  }
  return best.map((b) => b.candidate);
}
