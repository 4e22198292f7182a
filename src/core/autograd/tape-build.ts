/**
 * Node metadata of a tape while it is being built: growable typed lists (no boxed numbers, no object per node),
 * trimmed into the compiled arrays by Tape.compile.
 */

/** A growable list of numbers in a typed array (capacity doubles): building allocates no boxed numbers. */
export class NumList<T extends Int32Array | Float64Array> {
  n = 0;
  constructor(public a: T) {}
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new (this.a.constructor as new (n: number) => T)(2 * this.a.length);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** The list as an exact-length array of type T. */
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}

/** Node metadata while the tape is being built: growable lists, trimmed into the compiled arrays by compile. */
export class BuildLists {
  op: NumList<Int32Array>;
  rows: NumList<Int32Array>;
  cols: NumList<Int32Array>;
  arg: NumList<Float64Array>;
  req: NumList<Int32Array>;
  extSlot: NumList<Int32Array>;
  /** where a bound external leaf's value starts in its buffer (bind may come before compile) */
  extOff: NumList<Int32Array>;
  inStart: NumList<Int32Array>;
  inIds: NumList<Int32Array>;
  constructor(n: number) {
    const I = () => new NumList(new Int32Array(n));
    [this.op, this.rows, this.cols, this.req, this.extSlot, this.extOff, this.inStart] = [I(), I(), I(), I(), I(), I(), I()];
    this.arg = new NumList(new Float64Array(n));
    this.inIds = new NumList(new Int32Array(2 * n));
    this.inStart.push(0);
  }
}
