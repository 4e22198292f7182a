;; WebAssembly (SIMD, f64x2) kernels of the Jacobian spectrum's fast path: the twins of its inner loops, called from
;; src/core/linalg/kernels.ts, which falls back to the TypeScript loops where WebAssembly is not allowed.
;; The source of kernelsBytes.ts, with reflectors.wat and reflect4.wat (the row-reflector kernels) spliced in at their include lines:
;; after an edit of either, `npm run wasm` (tests/core/linalg/kernels.test.ts checks that the bytes agree). Every kernel takes byte offsets into the exported memory. Written without
;; fused multiply-adds: a kernel that keeps the scalar loop's order of operations gives the same doubles, and all do
;; but `dot`, which adds in two lanes and may differ in the last bits. `npm run wasm` also compiles a fused twin
;; (scripts/lib/fuseWat.mjs: each f64x2 add or sub of a mul as relaxed SIMD's relaxed_madd / relaxed_nmadd, all
;; but projectOut), which kernels.ts takes where the engine validates it; write a multiply-add as
;; (f64x2.add X (f64x2.mul A B)) or (f64x2.sub X (f64x2.mul A B)) so that it is fused there.
(module
  (memory (export "mem") 1)

  ;; @include reflectors.wat

  ;; @include reflect4.wat

  ;; y[0 … len) ← y + α·x (bytes y, x): element by element as the scalar loop y[i] += α·x[i], the same doubles.
  (func $axpy (export "axpy") (param $y i32) (param $x i32) (param $al f64) (param $len i32)
    (local $end i32) (local $pairs i32) (local $a v128)
    (local.set $a (f64x2.splat (local.get $al)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $pairs (i32.sub (local.get $end) (i32.shl (i32.and (local.get $len) (i32.const 1)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $y) (local.get $pairs)))
      (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $a) (v128.load (local.get $x)))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $y) (local.get $end)) (then
      (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $al) (f64.load (local.get $x)))))))
  )

  ;; x·y over len entries: even and odd terms in two lanes, then the lanes, then the last odd entry.
  (func (export "dot") (param $x i32) (param $y i32) (param $len i32) (result f64)
    (local $end i32) (local $pairs i32) (local $d v128) (local $s f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $pairs (i32.sub (local.get $end) (i32.shl (i32.and (local.get $len) (i32.const 1)) (i32.const 3))))
    (local.set $d (v128.const f64x2 0 0))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $x) (local.get $pairs)))
      (local.set $d (f64x2.add (local.get $d) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br $l)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $d)) (f64x2.extract_lane 1 (local.get $d))))
    (if (i32.lt_u (local.get $x) (local.get $end)) (then
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))))
    (local.get $s)
  )

  ;; A plane rotation of two rows (bytes p, q; len entries): p ← cs·p − u·q, q ← w·p + cs·q (the old p), element by
  ;; element as the scalar loop, the same doubles.
  (func (export "rotate") (param $p i32) (param $q i32) (param $len i32) (param $cs f64) (param $u f64) (param $w f64)
    (local $end i32) (local $pairs i32) (local $c v128) (local $uu v128) (local $ww v128) (local $yp v128) (local $yq v128) (local $sp f64) (local $sq f64)
    (local.set $c (f64x2.splat (local.get $cs)))
    (local.set $uu (f64x2.splat (local.get $u)))
    (local.set $ww (f64x2.splat (local.get $w)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $pairs (i32.sub (local.get $end) (i32.shl (i32.and (local.get $len) (i32.const 1)) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $pairs)))
      (local.set $yp (v128.load (local.get $p)))
      (local.set $yq (v128.load (local.get $q)))
      (v128.store (local.get $p) (f64x2.sub (f64x2.mul (local.get $c) (local.get $yp)) (f64x2.mul (local.get $uu) (local.get $yq))))
      (v128.store (local.get $q) (f64x2.add (f64x2.mul (local.get $ww) (local.get $yp)) (f64x2.mul (local.get $c) (local.get $yq))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $l)))
    (if (i32.lt_u (local.get $p) (local.get $end)) (then
      (local.set $sp (f64.load (local.get $p)))
      (local.set $sq (f64.load (local.get $q)))
      (f64.store (local.get $p) (f64.sub (f64.mul (local.get $cs) (local.get $sp)) (f64.mul (local.get $u) (local.get $sq))))
      (f64.store (local.get $q) (f64.add (f64.mul (local.get $w) (local.get $sp)) (f64.mul (local.get $cs) (local.get $sq))))))
  )

  ;; The left reflector's column sums of the bidiagonalisation (spectrum/fast/bidiag.ts): s[l … n) ← Σ_{k = i … n−1}
  ;; a[k, i]·a[k, l … n) (a n × n row-major; s by byte, indexed like a's columns), each entry from +0 over k ascending,
  ;; as kernels.ts's loop: the same doubles (for finite a). Four rows per pass over s.
  (func $colSums (export "colSums") (param $a i32) (param $n i32) (param $i i32) (param $l i32) (param $s i32)
    (local $k i32) (local $sn i32) (local $len i32) (local $pairs i32) (local $off i32) (local $sp i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $m0 f64) (local $m1 f64) (local $m2 f64) (local $m3 f64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $acc v128) (local $x f64)
    (local.set $sn (i32.shl (local.get $n) (i32.const 3)))
    (local.set $len (i32.shl (i32.sub (local.get $n) (local.get $l)) (i32.const 3)))
    (local.set $pairs (i32.and (local.get $len) (i32.const -16)))
    (local.set $sp (i32.add (local.get $s) (i32.shl (local.get $l) (i32.const 3))))
    (memory.fill (local.get $sp) (i32.const 0) (local.get $len))
    (local.set $k (local.get $i))
    (block $bend (loop $bloop
      (br_if $bend (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $n)))
      (local.set $p0 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $l)) (i32.const 3))))
      (local.set $p1 (i32.add (local.get $p0) (local.get $sn)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $sn)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $sn)))
      ;; a[k + q, i]: row k + q's start + 8·i
      (local.set $m0 (f64.load (i32.add (i32.sub (local.get $p0) (i32.shl (local.get $l) (i32.const 3))) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $m1 (f64.load (i32.add (i32.sub (local.get $p1) (i32.shl (local.get $l) (i32.const 3))) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $m2 (f64.load (i32.add (i32.sub (local.get $p2) (i32.shl (local.get $l) (i32.const 3))) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $m3 (f64.load (i32.add (i32.sub (local.get $p3) (i32.shl (local.get $l) (i32.const 3))) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $v0 (f64x2.splat (local.get $m0)))
      (local.set $v1 (f64x2.splat (local.get $m1)))
      (local.set $v2 (f64x2.splat (local.get $m2)))
      (local.set $v3 (f64x2.splat (local.get $m3)))
      (local.set $off (i32.const 0))
      (block $pend (loop $ploop
        (br_if $pend (i32.ge_s (local.get $off) (local.get $pairs)))
        (local.set $acc (v128.load (i32.add (local.get $sp) (local.get $off))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $p0) (local.get $off))))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $p1) (local.get $off))))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $p2) (local.get $off))))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $p3) (local.get $off))))))
        (v128.store (i32.add (local.get $sp) (local.get $off)) (local.get $acc))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $ploop)))
      (if (i32.lt_s (local.get $pairs) (local.get $len)) (then
        (local.set $x (f64.load (i32.add (local.get $sp) (local.get $off))))
        (local.set $x (f64.add (local.get $x) (f64.mul (local.get $m0) (f64.load (i32.add (local.get $p0) (local.get $off))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (local.get $m1) (f64.load (i32.add (local.get $p1) (local.get $off))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (local.get $m2) (f64.load (i32.add (local.get $p2) (local.get $off))))))
        (local.set $x (f64.add (local.get $x) (f64.mul (local.get $m3) (f64.load (i32.add (local.get $p3) (local.get $off))))))
        (f64.store (i32.add (local.get $sp) (local.get $off)) (local.get $x))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $bloop)))
    ;; The 0–3 rows left: s += a[k, i]·row k, one at a time.
    (block $rend (loop $rloop
      (br_if $rend (i32.ge_s (local.get $k) (local.get $n)))
      (local.set $p0 (i32.add (local.get $a) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3))))
      (call $axpy (local.get $sp) (i32.add (local.get $p0) (i32.shl (local.get $l) (i32.const 3)))
        (f64.load (i32.add (local.get $p0) (i32.shl (local.get $i) (i32.const 3)))) (i32.sub (local.get $n) (local.get $l)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rloop)))
  )

  ;; Rows k0 … k1−1 of the bidiagonalisation's n × n a, four at a time while they are in cache: first the left
  ;; reflector's update a[k, l … n) += a[k, i]·s[l … n) (when `left` ≠ 0 and a[k, i] ≠ 0; as axpy), then, when
  ;; scale ≠ 0, the right reflector's, a[k, l … n) ← a[k] − ((a[k]·v)/scale)·v with v = a[i, l … n) (as
  ;; projectOutPairs, its dot in two lanes). Each row's operations are those of the two passes: the same doubles.
  (func $leftRight (export "leftRight") (param $a i32) (param $n i32) (param $i i32) (param $l i32) (param $s i32) (param $k0 i32) (param $k1 i32) (param $left i32) (param $scale f64)
    (local $k i32) (local $kb i32) (local $ke i32) (local $row i32) (local $m f64)
    (local.set $kb (local.get $k0))
    (block $end (loop $loop
      (br_if $end (i32.ge_s (local.get $kb) (local.get $k1)))
      (local.set $ke (select (i32.add (local.get $kb) (i32.const 4)) (local.get $k1) (i32.lt_s (i32.add (local.get $kb) (i32.const 4)) (local.get $k1))))
      (if (i32.ne (local.get $left) (i32.const 0)) (then
        (local.set $k (local.get $kb))
        (block $lend (loop $lloop
          (br_if $lend (i32.ge_s (local.get $k) (local.get $ke)))
          (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3))))
          (local.set $m (f64.load (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 3)))))
          (if (f64.ne (local.get $m) (f64.const 0)) (then
            (call $axpy (i32.add (local.get $row) (i32.shl (local.get $l) (i32.const 3))) (i32.add (local.get $s) (i32.shl (local.get $l) (i32.const 3)))
              (local.get $m) (i32.sub (local.get $n) (local.get $l)))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $lloop)))))
      (if (f64.ne (local.get $scale) (f64.const 0)) (then
        (call $projectOutPairs (local.get $a) (local.get $n) (local.get $kb) (local.get $ke)
          (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 3)))
          (local.get $l) (local.get $n) (local.get $scale))))
      (local.set $kb (local.get $ke))
      (br $loop)))
  )

  ;; Sturm counts for bisection (spectrum/fast/bisection.ts), eight shifts at once (four f64x2 recurrences, so the
  ;; divider takes two divisions per instruction): for each x of xs (8 doubles at byte xs), the pivots p_0 = −x,
  ;; p_{j+1} = −x − b2[j]/p_j over the m squares at byte b, a pivot below 2^-1000 in size taken as −2^-1000; out[l]
  ;; (8 doubles) ← 1 + the number of negative pivots. The same operations per shift as bisection.ts's countBelow.
  (func $sturm8 (export "sturm8") (param $b i32) (param $m i32) (param $xs i32) (param $out i32)
    (local $p i32) (local $end i32) (local $t v128) (local $pm v128) (local $npm v128) (local $zero v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $pm (f64x2.splat (f64.const 0x1p-1000)))
    (local.set $npm (f64x2.splat (f64.const -0x1p-1000)))
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $x0 (f64x2.neg (v128.load (local.get $xs))))
    (local.set $x1 (f64x2.neg (v128.load offset=16 (local.get $xs))))
    (local.set $x2 (f64x2.neg (v128.load offset=32 (local.get $xs))))
    (local.set $x3 (f64x2.neg (v128.load offset=48 (local.get $xs))))
    (local.set $p0 (local.get $x0)) (local.set $p1 (local.get $x1)) (local.set $p2 (local.get $x2)) (local.set $p3 (local.get $x3))
    (local.set $c0 (i64x2.splat (i64.const 1))) (local.set $c1 (local.get $c0)) (local.set $c2 (local.get $c0)) (local.set $c3 (local.get $c0))
    (local.set $p (local.get $b))
    (local.set $end (i32.add (local.get $b) (i32.shl (local.get $m) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $t (v128.load64_splat (local.get $p)))
      (local.set $p0 (f64x2.sub (local.get $x0) (f64x2.div (local.get $t) (local.get $p0))))
      (local.set $p1 (f64x2.sub (local.get $x1) (f64x2.div (local.get $t) (local.get $p1))))
      (local.set $p2 (f64x2.sub (local.get $x2) (f64x2.div (local.get $t) (local.get $p2))))
      (local.set $p3 (f64x2.sub (local.get $x3) (f64x2.div (local.get $t) (local.get $p3))))
      (local.set $p0 (v128.bitselect (local.get $npm) (local.get $p0) (f64x2.lt (f64x2.abs (local.get $p0)) (local.get $pm))))
      (local.set $p1 (v128.bitselect (local.get $npm) (local.get $p1) (f64x2.lt (f64x2.abs (local.get $p1)) (local.get $pm))))
      (local.set $p2 (v128.bitselect (local.get $npm) (local.get $p2) (f64x2.lt (f64x2.abs (local.get $p2)) (local.get $pm))))
      (local.set $p3 (v128.bitselect (local.get $npm) (local.get $p3) (f64x2.lt (f64x2.abs (local.get $p3)) (local.get $pm))))
      ;; a true comparison is all ones, −1 as an i64: subtracting it counts
      (local.set $c0 (i64x2.sub (local.get $c0) (f64x2.lt (local.get $p0) (local.get $zero))))
      (local.set $c1 (i64x2.sub (local.get $c1) (f64x2.lt (local.get $p1) (local.get $zero))))
      (local.set $c2 (i64x2.sub (local.get $c2) (f64x2.lt (local.get $p2) (local.get $zero))))
      (local.set $c3 (i64x2.sub (local.get $c3) (f64x2.lt (local.get $p3) (local.get $zero))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $l)))
    (f64.store offset=0 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $c0))))
    (f64.store offset=8 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $c0))))
    (f64.store offset=16 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $c1))))
    (f64.store offset=24 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $c1))))
    (f64.store offset=32 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $c2))))
    (f64.store offset=40 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $c2))))
    (f64.store offset=48 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 0 (local.get $c3))))
    (f64.store offset=56 (local.get $out) (f64.convert_i64_s (i64x2.extract_lane 1 (local.get $c3))))
  )

  ;; acc (n × k, row stride n, lower trapezoidal, zeros above) ← acc·L (k × kk, row stride s, lower trapezoidal,
  ;; zeros above) in place: entry (r, c) = Σ_{j = c … min(r, k−1)} acc[r, j]·L[j, c], j ascending from +0, for c ≤
  ;; min(r, kk−1); the row's entries after that, up to column k−1, become 0. Returns the largest |entry| (NaN if any is
  ;; NaN). Main pass: four rows × four columns in registers (eight f64x2 sums), each load of L's four entries feeding
  ;; four rows; the block's sums start at its first column c0 ≤ c, and the extra terms are exact zeros (acc or L
  ;; above its diagonal), which leave every sum as it is: the same doubles as kernels.ts's loop. Columns ascend, so
  ;; an entry is overwritten only after every entry of its row that reads it.
  (func $lowerProduct (export "lowerProduct") (param $acc i32) (param $n i32) (param $k i32) (param $lo i32) (param $s i32) (param $kk i32) (result f64)
    (local $r0 i32) (local $n4 i32) (local $kk4 i32) (local $c0 i32) (local $j i32) (local $jMax i32) (local $sa i32) (local $sl i32)
    (local $ap i32) (local $lp i32) (local $cp i32) (local $r i32) (local $cEnd i32) (local $c i32) (local $amax f64) (local $m f64)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $sa (i32.shl (local.get $n) (i32.const 3)))
    (local.set $sl (i32.shl (local.get $s) (i32.const 3)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $kk4 (i32.and (local.get $kk) (i32.const -4)))
    (local.set $r0 (i32.const 0))
    (block $rend (loop $rloop
      (br_if $rend (i32.ge_s (local.get $r0) (local.get $n)))
      (local.set $c0 (i32.const 0))
      (if (i32.lt_s (local.get $r0) (local.get $n4)) (then
        (local.set $jMax (select (i32.add (local.get $r0) (i32.const 3)) (i32.sub (local.get $k) (i32.const 1))
          (i32.lt_s (i32.add (local.get $r0) (i32.const 3)) (i32.sub (local.get $k) (i32.const 1)))))
        (block $cend (loop $cloop
          (br_if $cend (i32.ge_s (local.get $c0) (local.get $kk4)))
          (br_if $cend (i32.gt_s (local.get $c0) (i32.add (local.get $r0) (i32.const 3))))
          (local.set $c0a (v128.const f64x2 0 0)) (local.set $c0b (v128.const f64x2 0 0))
          (local.set $c1a (v128.const f64x2 0 0)) (local.set $c1b (v128.const f64x2 0 0))
          (local.set $c2a (v128.const f64x2 0 0)) (local.set $c2b (v128.const f64x2 0 0))
          (local.set $c3a (v128.const f64x2 0 0)) (local.set $c3b (v128.const f64x2 0 0))
          (local.set $ap (i32.add (local.get $acc) (i32.add (i32.mul (local.get $r0) (local.get $sa)) (i32.shl (local.get $c0) (i32.const 3)))))
          (local.set $lp (i32.add (local.get $lo) (i32.add (i32.mul (local.get $c0) (local.get $sl)) (i32.shl (local.get $c0) (i32.const 3)))))
          (local.set $j (local.get $c0))
          (block $jend (loop $jloop
            (br_if $jend (i32.gt_s (local.get $j) (local.get $jMax)))
            (local.set $b0 (v128.load (local.get $lp)))
            (local.set $b1 (v128.load offset=16 (local.get $lp)))
            (local.set $x (v128.load64_splat (local.get $ap)))
            (local.set $c0a (f64x2.add (local.get $c0a) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c0b (f64x2.add (local.get $c0b) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (local.get $sa))))
            (local.set $c1a (f64x2.add (local.get $c1a) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c1b (f64x2.add (local.get $c1b) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (i32.shl (local.get $sa) (i32.const 1)))))
            (local.set $c2a (f64x2.add (local.get $c2a) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c2b (f64x2.add (local.get $c2b) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load64_splat (i32.add (local.get $ap) (i32.mul (local.get $sa) (i32.const 3)))))
            (local.set $c3a (f64x2.add (local.get $c3a) (f64x2.mul (local.get $x) (local.get $b0))))
            (local.set $c3b (f64x2.add (local.get $c3b) (f64x2.mul (local.get $x) (local.get $b1))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 8)))
            (local.set $lp (i32.add (local.get $lp) (local.get $sl)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jloop)))
          (local.set $cp (i32.add (local.get $acc) (i32.add (i32.mul (local.get $r0) (local.get $sa)) (i32.shl (local.get $c0) (i32.const 3)))))
          (v128.store (local.get $cp) (local.get $c0a)) (v128.store offset=16 (local.get $cp) (local.get $c0b))
          (local.set $cp (i32.add (local.get $cp) (local.get $sa)))
          (v128.store (local.get $cp) (local.get $c1a)) (v128.store offset=16 (local.get $cp) (local.get $c1b))
          (local.set $cp (i32.add (local.get $cp) (local.get $sa)))
          (v128.store (local.get $cp) (local.get $c2a)) (v128.store offset=16 (local.get $cp) (local.get $c2b))
          (local.set $cp (i32.add (local.get $cp) (local.get $sa)))
          (v128.store (local.get $cp) (local.get $c3a)) (v128.store offset=16 (local.get $cp) (local.get $c3b))
          (local.set $c0 (i32.add (local.get $c0) (i32.const 4)))
          (br $cloop)))))
      ;; Each row of the block (or the one row past the blocks): its entries from c0 on, one by one; then zeros to k,
      ;; and the largest |entry|.
      (local.set $r (local.get $r0))
      (local.set $r0 (select (i32.add (local.get $r0) (i32.const 4)) (i32.add (local.get $r0) (i32.const 1)) (i32.lt_s (local.get $r0) (local.get $n4))))
      (block $eend (loop $eloop
        (br_if $eend (i32.ge_s (local.get $r) (local.get $r0)))
        (local.set $cEnd (select (i32.add (local.get $r) (i32.const 1)) (local.get $kk) (i32.lt_s (local.get $r) (local.get $kk))))
        (call $lowerEntries (local.get $acc) (local.get $n) (local.get $k) (local.get $lo) (local.get $s) (local.get $r) (local.get $c0) (local.get $cEnd))
        (local.set $ap (i32.add (local.get $acc) (i32.mul (local.get $r) (local.get $sa))))
        (if (i32.gt_s (local.get $k) (local.get $cEnd)) (then
          (memory.fill (i32.add (local.get $ap) (i32.shl (local.get $cEnd) (i32.const 3))) (i32.const 0) (i32.shl (i32.sub (local.get $k) (local.get $cEnd)) (i32.const 3)))))
        (local.set $c (i32.const 0))
        (block $mend (loop $mloop
          (br_if $mend (i32.ge_s (local.get $c) (local.get $cEnd)))
          (local.set $m (f64.abs (f64.load (i32.add (local.get $ap) (i32.shl (local.get $c) (i32.const 3))))))
          (if (i32.or (f64.gt (local.get $m) (local.get $amax)) (f64.ne (local.get $m) (local.get $m))) (then (local.set $amax (local.get $m))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $mloop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eloop)))
      (br $rloop)))
    (local.get $amax)
  )

  ;; Entries (r, c0 … cEnd−1) of $lowerProduct's row r, one by one in ascending c, each Σ_{j = c … min(r, k−1)} in
  ;; ascending j from +0 (in place: entry c reads the row's entries from c on, not yet overwritten).
  (func $lowerEntries (param $acc i32) (param $n i32) (param $k i32) (param $lo i32) (param $s i32) (param $r i32) (param $c0 i32) (param $cEnd i32)
    (local $c i32) (local $j i32) (local $jMax i32) (local $ar i32) (local $sum f64)
    (local.set $ar (i32.add (local.get $acc) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 3))))
    (local.set $jMax (select (local.get $r) (i32.sub (local.get $k) (i32.const 1)) (i32.lt_s (local.get $r) (i32.sub (local.get $k) (i32.const 1)))))
    (local.set $c (local.get $c0))
    (block $cend (loop $cloop
      (br_if $cend (i32.ge_s (local.get $c) (local.get $cEnd)))
      (local.set $sum (f64.const 0))
      (local.set $j (local.get $c))
      (block $jend (loop $jloop
        (br_if $jend (i32.gt_s (local.get $j) (local.get $jMax)))
        (local.set $sum (f64.add (local.get $sum) (f64.mul
          (f64.load (i32.add (local.get $ar) (i32.shl (local.get $j) (i32.const 3))))
          (f64.load (i32.add (local.get $lo) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $s)) (local.get $c)) (i32.const 3)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
      (f64.store (i32.add (local.get $ar) (i32.shl (local.get $c) (i32.const 3))) (local.get $sum))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $cloop)))
  )
)
