/** A fixed scramble in (−0.5, 0.5) (Park–Miller): the kernel checks need full arrays, not particular ones. */
export function fill(x: Float64Array, seed: number): Float64Array {
  let s = seed;
  for (let i = 0; i < x.length; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = s / 2147483647 - 0.5;
  }
  return x;
}
