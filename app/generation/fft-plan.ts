/**
 * A small mixed-radix complex FFT for ANY length (numpy's pocketfft also takes any length; template windows
 * are e.g. 135 = 3^3 * 5 samples at 30 kHz, 4.5 ms). Stockham autosort (Van Loan, "Computational Frameworks
 * for the FFT", alg. 1.7.2 generalised to radix p): no bit reversal, ping-pong between two buffers.
 * Radix 2, 3 and 5 have hand-written butterflies; any other prime factor uses a direct p-point DFT, which is
 * exact but O(p) per point (fine for the rare odd window length).
 *
 * Unnormalised, split real/imaginary Float64Arrays; `inverse` flips the exponent sign (divide by n yourself).
 */

export class FftPlan {
  readonly n: number;
  private readonly factors: number[];
  private readonly cos: Float64Array; // cos(2*pi*k/n), k < n
  private readonly sin: Float64Array;
  private readonly bre: Float64Array; // scratch buffers (a plan is not re-entrant)
  private readonly bim: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`FftPlan: length must be a positive integer, got ${n}.`);
    this.n = n;
    this.factors = [];
    let m = n;
    for (const p of [5, 3, 2]) while (m % p === 0) { this.factors.push(p); m /= p; }
    for (let p = 7; m > 1; p += 2) while (m % p === 0) { this.factors.push(p); m /= p; }
    this.cos = new Float64Array(n);
    this.sin = new Float64Array(n);
    for (let k = 0; k < n; k++) { this.cos[k] = Math.cos((2 * Math.PI * k) / n); this.sin[k] = Math.sin((2 * Math.PI * k) / n); }
    this.bre = new Float64Array(n);
    this.bim = new Float64Array(n);
  }

  /** In place: (re, im) <- sum_t x_t exp(-+ 2 pi i k t / n). */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.n;
    const sg = inverse ? 1 : -1; // sign of the exponent
    let xr = re, xi = im, yr = this.bre, yi = this.bim;
    let lStar = 1;
    for (const p of this.factors) {
      const L = lStar * p, r = n / L, rStar = r * p, tw = n / L; // twiddle w_L^(j t) = table[(j t tw) mod n]
      if (p === 2) this.radix2(xr, xi, yr, yi, lStar, r, rStar, tw, sg);
      else if (p === 3) this.radix3(xr, xi, yr, yi, lStar, r, rStar, tw, sg);
      else if (p === 5) this.radix5(xr, xi, yr, yi, lStar, r, rStar, tw, sg);
      else this.radixP(p, xr, xi, yr, yi, lStar, r, rStar, tw, sg);
      [xr, yr] = [yr, xr];
      [xi, yi] = [yi, xi];
      lStar = L;
    }
    if (xr !== re) { re.set(xr); im.set(xi); }
  }

  private radix2(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, lStar: number, r: number, rStar: number, tw: number, sg: number): void {
    const C = this.cos, S = this.sin;
    for (let j = 0; j < lStar; j++) {
      const wr = C[j * tw], wi = sg * S[j * tw];
      const i0 = j * rStar, o0 = j * r, o1 = (j + lStar) * r;
      for (let k = 0; k < r; k++) {
        const ar = xr[i0 + r + k], ai = xi[i0 + r + k];
        const tr = wr * ar - wi * ai, ti = wr * ai + wi * ar;
        const br = xr[i0 + k], bi = xi[i0 + k];
        yr[o0 + k] = br + tr; yi[o0 + k] = bi + ti;
        yr[o1 + k] = br - tr; yi[o1 + k] = bi - ti;
      }
    }
  }

  private radix3(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, lStar: number, r: number, rStar: number, tw: number, sg: number): void {
    const C = this.cos, S = this.sin, n = this.n, s3 = sg * Math.sqrt(3) / 2;
    for (let j = 0; j < lStar; j++) {
      const t1 = j * tw, t2 = (2 * j * tw) % n;
      const w1r = C[t1], w1i = sg * S[t1], w2r = C[t2], w2i = sg * S[t2];
      const i0 = j * rStar, o0 = j * r, o1 = (j + lStar) * r, o2 = (j + 2 * lStar) * r;
      for (let k = 0; k < r; k++) {
        const a0r = xr[i0 + k], a0i = xi[i0 + k];
        const x1r = xr[i0 + r + k], x1i = xi[i0 + r + k], x2r = xr[i0 + 2 * r + k], x2i = xi[i0 + 2 * r + k];
        const a1r = w1r * x1r - w1i * x1i, a1i = w1r * x1i + w1i * x1r;
        const a2r = w2r * x2r - w2i * x2i, a2i = w2r * x2i + w2i * x2r;
        const pr = a1r + a2r, pi = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
        const cr = a0r - 0.5 * pr, ci = a0i - 0.5 * pi;
        yr[o0 + k] = a0r + pr; yi[o0 + k] = a0i + pi;
        yr[o1 + k] = cr - s3 * di; yi[o1 + k] = ci + s3 * dr; // c + i*s3*d
        yr[o2 + k] = cr + s3 * di; yi[o2 + k] = ci - s3 * dr;
      }
    }
  }

  private radix5(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, lStar: number, r: number, rStar: number, tw: number, sg: number): void {
    const C = this.cos, S = this.sin, n = this.n;
    const c1 = Math.cos((2 * Math.PI) / 5), c2 = Math.cos((4 * Math.PI) / 5);
    const s1 = sg * Math.sin((2 * Math.PI) / 5), s2 = sg * Math.sin((4 * Math.PI) / 5);
    const ar = new Float64Array(5), ai = new Float64Array(5), wr = new Float64Array(5), wi = new Float64Array(5);
    for (let j = 0; j < lStar; j++) {
      for (let t = 1; t < 5; t++) { const q = (t * j * tw) % n; wr[t] = C[q]; wi[t] = sg * S[q]; }
      const i0 = j * rStar, o = j * r, st = lStar * r;
      for (let k = 0; k < r; k++) {
        ar[0] = xr[i0 + k]; ai[0] = xi[i0 + k];
        for (let t = 1; t < 5; t++) {
          const vr = xr[i0 + t * r + k], vi = xi[i0 + t * r + k];
          ar[t] = wr[t] * vr - wi[t] * vi; ai[t] = wr[t] * vi + wi[t] * vr;
        }
        const p1r = ar[1] + ar[4], p1i = ai[1] + ai[4], m1r = ar[1] - ar[4], m1i = ai[1] - ai[4];
        const p2r = ar[2] + ar[3], p2i = ai[2] + ai[3], m2r = ar[2] - ar[3], m2i = ai[2] - ai[3];
        const q1r = ar[0] + c1 * p1r + c2 * p2r, q1i = ai[0] + c1 * p1i + c2 * p2i;
        const q2r = ar[0] + c2 * p1r + c1 * p2r, q2i = ai[0] + c2 * p1i + c1 * p2i;
        const e1r = s1 * m1r + s2 * m2r, e1i = s1 * m1i + s2 * m2i; // b1 = q1 + i e1, b4 = q1 - i e1
        const e2r = s2 * m1r - s1 * m2r, e2i = s2 * m1i - s1 * m2i; // b2 = q2 + i e2, b3 = q2 - i e2
        yr[o + k] = ar[0] + p1r + p2r; yi[o + k] = ai[0] + p1i + p2i;
        yr[o + st + k] = q1r - e1i; yi[o + st + k] = q1i + e1r;
        yr[o + 4 * st + k] = q1r + e1i; yi[o + 4 * st + k] = q1i - e1r;
        yr[o + 2 * st + k] = q2r - e2i; yi[o + 2 * st + k] = q2i + e2r;
        yr[o + 3 * st + k] = q2r + e2i; yi[o + 3 * st + k] = q2i - e2r;
      }
    }
  }

  /** Generic prime radix: b_s = sum_t (w_L^(j t) x_t) w_p^(s t), w_p^(s t) = table[(s t n/p) mod n]. */
  private radixP(p: number, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, lStar: number, r: number, rStar: number, tw: number, sg: number): void {
    const C = this.cos, S = this.sin, n = this.n, np = n / p;
    const ar = new Float64Array(p), ai = new Float64Array(p);
    for (let j = 0; j < lStar; j++) {
      for (let k = 0; k < r; k++) {
        for (let t = 0; t < p; t++) {
          const q = (t * j * tw) % n, wr = C[q], wi = sg * S[q];
          const vr = xr[j * rStar + t * r + k], vi = xi[j * rStar + t * r + k];
          ar[t] = wr * vr - wi * vi; ai[t] = wr * vi + wi * vr;
        }
        for (let s = 0; s < p; s++) {
          let sr = 0, si = 0;
          for (let t = 0; t < p; t++) {
            const q = (s * t * np) % n, wr = C[q], wi = sg * S[q];
            sr += wr * ar[t] - wi * ai[t]; si += wr * ai[t] + wi * ar[t];
          }
          yr[(j + s * lStar) * r + k] = sr; yi[(j + s * lStar) * r + k] = si;
        }
      }
    }
  }
}
