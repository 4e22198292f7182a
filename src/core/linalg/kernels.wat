;; WebAssembly (SIMD, f64x2) kernels of the Jacobian spectrum's fast path: the twins of its inner loops, called from
;; src/core/linalg/kernels.ts, which falls back to the TypeScript loops where WebAssembly is not allowed.
;; The source of kernelsBytes.ts: after an edit here, `npm run wasm` (tests/core/linalg/kernels.test.ts checks
;; that the two agree). Every kernel takes byte offsets into the exported memory. No fused multiply-add (wasm has
;; none): a kernel that keeps the scalar loop's order of operations gives the same doubles, and all do but `dot`,
;; which adds in two lanes and may differ in the last bits.
(module
  (memory (export "mem") 1)

  ;; Rows r0 … r1−1 of X (row r at byte x + 8·r·stride) each lose their component along v (byte v, entries
  ;; from … to−1):  x_r ← x_r − ((x_r·v) / scale)·v. The twin of numerics/rowProject.ts projectOutRows, the same
  ;; doubles: each dot product adds its terms in column order, as the scalar loop (the lanes hold rows r, r+1, so a
  ;; load of v feeds two rows per instruction), and the update runs along the columns in pairs. Four rows per pass;
  ;; the 0–3 rows left over go through the same pass with rows of their own repeated (see projectOutTail).
  (func $projectOut (export "projectOut") (param $x i32) (param $stride i32) (param $r0 i32) (param $r1 i32) (param $v i32) (param $from i32) (param $to i32) (param $scale f64)
    (local $r i32) (local $sr i32) (local $last i32) (local $vp i32) (local $off i32) (local $end i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $d01 v128) (local $d23 v128) (local $vv v128) (local $vc f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $sr (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $end (i32.shl (i32.sub (local.get $to) (local.get $from)) (i32.const 3)))
    (local.set $last (i32.and (local.get $end) (i32.const -16)))
    (local.set $vp (i32.add (local.get $v) (i32.shl (local.get $from) (i32.const 3))))
    (local.set $r (local.get $r0))
    (block $bend (loop $bloop
      (br_if $bend (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $r1)))
      (local.set $o0 (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $stride)) (local.get $from)) (i32.const 3))))
      (local.set $o1 (i32.add (local.get $o0) (local.get $sr)))
      (local.set $o2 (i32.add (local.get $o1) (local.get $sr)))
      (local.set $o3 (i32.add (local.get $o2) (local.get $sr)))
      (local.set $d01 (v128.const f64x2 0 0)) (local.set $d23 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $dend (loop $dloop
        (br_if $dend (i32.ge_s (local.get $off) (local.get $end)))
        (local.set $vv (v128.load64_splat (i32.add (local.get $vp) (local.get $off))))
        (local.set $d01 (f64x2.add (local.get $d01) (f64x2.mul (v128.load64_lane 1 (i32.add (local.get $o1) (local.get $off)) (v128.load64_zero (i32.add (local.get $o0) (local.get $off)))) (local.get $vv))))
        (local.set $d23 (f64x2.add (local.get $d23) (f64x2.mul (v128.load64_lane 1 (i32.add (local.get $o3) (local.get $off)) (v128.load64_zero (i32.add (local.get $o2) (local.get $off)))) (local.get $vv))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $dloop)))
      (local.set $s0 (f64.div (f64x2.extract_lane 0 (local.get $d01)) (local.get $scale)))
      (local.set $s1 (f64.div (f64x2.extract_lane 1 (local.get $d01)) (local.get $scale)))
      (local.set $s2 (f64.div (f64x2.extract_lane 0 (local.get $d23)) (local.get $scale)))
      (local.set $s3 (f64.div (f64x2.extract_lane 1 (local.get $d23)) (local.get $scale)))
      (local.set $q0 (f64x2.splat (local.get $s0)))
      (local.set $q1 (f64x2.splat (local.get $s1)))
      (local.set $q2 (f64x2.splat (local.get $s2)))
      (local.set $q3 (f64x2.splat (local.get $s3)))
      (local.set $off (i32.const 0))
      (block $uend (loop $uloop
        (br_if $uend (i32.ge_s (local.get $off) (local.get $last)))
        (local.set $vv (v128.load (i32.add (local.get $vp) (local.get $off))))
        (v128.store (i32.add (local.get $o0) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o0) (local.get $off))) (f64x2.mul (local.get $q0) (local.get $vv))))
        (v128.store (i32.add (local.get $o1) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o1) (local.get $off))) (f64x2.mul (local.get $q1) (local.get $vv))))
        (v128.store (i32.add (local.get $o2) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o2) (local.get $off))) (f64x2.mul (local.get $q2) (local.get $vv))))
        (v128.store (i32.add (local.get $o3) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o3) (local.get $off))) (f64x2.mul (local.get $q3) (local.get $vv))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $uloop)))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (local.set $vc (f64.load (i32.add (local.get $vp) (local.get $off))))
        (f64.store (i32.add (local.get $o0) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o0) (local.get $off))) (f64.mul (local.get $s0) (local.get $vc))))
        (f64.store (i32.add (local.get $o1) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o1) (local.get $off))) (f64.mul (local.get $s1) (local.get $vc))))
        (f64.store (i32.add (local.get $o2) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o2) (local.get $off))) (f64.mul (local.get $s2) (local.get $vc))))
        (f64.store (i32.add (local.get $o3) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o3) (local.get $off))) (f64.mul (local.get $s3) (local.get $vc))))
      ))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $bloop)))
    (block $rend (loop $rloop
      (br_if $rend (i32.ge_s (local.get $r) (local.get $r1)))
      (local.set $o0 (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $stride)) (local.get $from)) (i32.const 3))))
      (local.set $s0 (f64.const 0))
      (local.set $off (i32.const 0))
      (block $d1end (loop $d1loop
        (br_if $d1end (i32.ge_s (local.get $off) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $o0) (local.get $off))) (f64.load (i32.add (local.get $vp) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (br $d1loop)))
      (local.set $s0 (f64.div (local.get $s0) (local.get $scale)))
      (local.set $q0 (f64x2.splat (local.get $s0)))
      (local.set $off (i32.const 0))
      (block $u1end (loop $u1loop
        (br_if $u1end (i32.ge_s (local.get $off) (local.get $last)))
        (v128.store (i32.add (local.get $o0) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o0) (local.get $off))) (f64x2.mul (local.get $q0) (v128.load (i32.add (local.get $vp) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $u1loop)))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (f64.store (i32.add (local.get $o0) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o0) (local.get $off))) (f64.mul (local.get $s0) (f64.load (i32.add (local.get $vp) (local.get $off))))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
  )

  ;; projectOut with its dot products in two lanes (the even and the odd columns from `from`, summed at the end, then
  ;; the odd length's last term): one full-width load per two entries where projectOut assembles rows into lanes
  ;; entry by entry. The same doubles as kernels.ts's TypeScript projectOutPairs, to rounding as projectOut: for the
  ;; spectrum's products, which need no bit-for-bit twin (the orthogonal draw's Gram–Schmidt keeps projectOut).
  (func $projectOutPairs (export "projectOutPairs") (param $x i32) (param $stride i32) (param $r0 i32) (param $r1 i32) (param $v i32) (param $from i32) (param $to i32) (param $scale f64)
    (local $r i32) (local $sr i32) (local $last i32) (local $vp i32) (local $off i32) (local $end i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $vv v128) (local $vc f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $sr (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $end (i32.shl (i32.sub (local.get $to) (local.get $from)) (i32.const 3)))
    (local.set $last (i32.and (local.get $end) (i32.const -16)))
    (local.set $vp (i32.add (local.get $v) (i32.shl (local.get $from) (i32.const 3))))
    (local.set $r (local.get $r0))
    (block $bend (loop $bloop
      (br_if $bend (i32.gt_s (i32.add (local.get $r) (i32.const 4)) (local.get $r1)))
      (local.set $o0 (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $stride)) (local.get $from)) (i32.const 3))))
      (local.set $o1 (i32.add (local.get $o0) (local.get $sr)))
      (local.set $o2 (i32.add (local.get $o1) (local.get $sr)))
      (local.set $o3 (i32.add (local.get $o2) (local.get $sr)))
      (local.set $d0 (v128.const f64x2 0 0)) (local.set $d1 (v128.const f64x2 0 0))
      (local.set $d2 (v128.const f64x2 0 0)) (local.set $d3 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $dend (loop $dloop
        (br_if $dend (i32.ge_s (local.get $off) (local.get $last)))
        (local.set $vv (v128.load (i32.add (local.get $vp) (local.get $off))))
        (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (v128.load (i32.add (local.get $o0) (local.get $off))) (local.get $vv))))
        (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (v128.load (i32.add (local.get $o1) (local.get $off))) (local.get $vv))))
        (local.set $d2 (f64x2.add (local.get $d2) (f64x2.mul (v128.load (i32.add (local.get $o2) (local.get $off))) (local.get $vv))))
        (local.set $d3 (f64x2.add (local.get $d3) (f64x2.mul (v128.load (i32.add (local.get $o3) (local.get $off))) (local.get $vv))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $dloop)))
      (local.set $s0 (f64.add (f64x2.extract_lane 0 (local.get $d0)) (f64x2.extract_lane 1 (local.get $d0))))
      (local.set $s1 (f64.add (f64x2.extract_lane 0 (local.get $d1)) (f64x2.extract_lane 1 (local.get $d1))))
      (local.set $s2 (f64.add (f64x2.extract_lane 0 (local.get $d2)) (f64x2.extract_lane 1 (local.get $d2))))
      (local.set $s3 (f64.add (f64x2.extract_lane 0 (local.get $d3)) (f64x2.extract_lane 1 (local.get $d3))))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (local.set $vc (f64.load (i32.add (local.get $vp) (local.get $last))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $o0) (local.get $last))) (local.get $vc))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (i32.add (local.get $o1) (local.get $last))) (local.get $vc))))
        (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.load (i32.add (local.get $o2) (local.get $last))) (local.get $vc))))
        (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.load (i32.add (local.get $o3) (local.get $last))) (local.get $vc))))))
      (local.set $s0 (f64.div (local.get $s0) (local.get $scale)))
      (local.set $s1 (f64.div (local.get $s1) (local.get $scale)))
      (local.set $s2 (f64.div (local.get $s2) (local.get $scale)))
      (local.set $s3 (f64.div (local.get $s3) (local.get $scale)))
      (local.set $q0 (f64x2.splat (local.get $s0)))
      (local.set $q1 (f64x2.splat (local.get $s1)))
      (local.set $q2 (f64x2.splat (local.get $s2)))
      (local.set $q3 (f64x2.splat (local.get $s3)))
      (local.set $off (i32.const 0))
      (block $uend (loop $uloop
        (br_if $uend (i32.ge_s (local.get $off) (local.get $last)))
        (local.set $vv (v128.load (i32.add (local.get $vp) (local.get $off))))
        (v128.store (i32.add (local.get $o0) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o0) (local.get $off))) (f64x2.mul (local.get $q0) (local.get $vv))))
        (v128.store (i32.add (local.get $o1) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o1) (local.get $off))) (f64x2.mul (local.get $q1) (local.get $vv))))
        (v128.store (i32.add (local.get $o2) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o2) (local.get $off))) (f64x2.mul (local.get $q2) (local.get $vv))))
        (v128.store (i32.add (local.get $o3) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o3) (local.get $off))) (f64x2.mul (local.get $q3) (local.get $vv))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $uloop)))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (local.set $vc (f64.load (i32.add (local.get $vp) (local.get $off))))
        (f64.store (i32.add (local.get $o0) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o0) (local.get $off))) (f64.mul (local.get $s0) (local.get $vc))))
        (f64.store (i32.add (local.get $o1) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o1) (local.get $off))) (f64.mul (local.get $s1) (local.get $vc))))
        (f64.store (i32.add (local.get $o2) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o2) (local.get $off))) (f64.mul (local.get $s2) (local.get $vc))))
        (f64.store (i32.add (local.get $o3) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o3) (local.get $off))) (f64.mul (local.get $s3) (local.get $vc))))
      ))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $bloop)))
    (block $rend (loop $rloop
      (br_if $rend (i32.ge_s (local.get $r) (local.get $r1)))
      (local.set $o0 (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $stride)) (local.get $from)) (i32.const 3))))
      (local.set $d0 (v128.const f64x2 0 0))
      (local.set $off (i32.const 0))
      (block $d1end (loop $d1loop
        (br_if $d1end (i32.ge_s (local.get $off) (local.get $last)))
        (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (v128.load (i32.add (local.get $o0) (local.get $off))) (v128.load (i32.add (local.get $vp) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $d1loop)))
      (local.set $s0 (f64.add (f64x2.extract_lane 0 (local.get $d0)) (f64x2.extract_lane 1 (local.get $d0))))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $o0) (local.get $last))) (f64.load (i32.add (local.get $vp) (local.get $last))))))))
      (local.set $s0 (f64.div (local.get $s0) (local.get $scale)))
      (local.set $q0 (f64x2.splat (local.get $s0)))
      (local.set $off (i32.const 0))
      (block $u1end (loop $u1loop
        (br_if $u1end (i32.ge_s (local.get $off) (local.get $last)))
        (v128.store (i32.add (local.get $o0) (local.get $off)) (f64x2.sub (v128.load (i32.add (local.get $o0) (local.get $off))) (f64x2.mul (local.get $q0) (v128.load (i32.add (local.get $vp) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $u1loop)))
      (if (i32.lt_s (local.get $last) (local.get $end)) (then
        (f64.store (i32.add (local.get $o0) (local.get $off)) (f64.sub (f64.load (i32.add (local.get $o0) (local.get $off))) (f64.mul (local.get $s0) (f64.load (i32.add (local.get $vp) (local.get $off))))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
  )

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

  ;; acc (n × k, row stride n, lower trapezoidal) ← acc·L (k × kk, row stride s, lower trapezoidal), row by row
  ;; through the scratch row (kk entries); the entries past a row's new last column (up to k) become 0. Returns the
  ;; largest |entry| (NaN if any is NaN). The twin of tsKernels' lowerProduct loop, the same doubles.
  (func (export "lowerProduct") (param $acc i32) (param $n i32) (param $k i32) (param $lo i32) (param $s i32) (param $kk i32) (param $row i32) (result f64)
    (local $r i32) (local $j i32) (local $c i32) (local $jMax i32) (local $cMax i32) (local $or i32) (local $sb i32)
    (local $a f64) (local $m f64) (local $amax f64)
    (local.set $sb (i32.shl (local.get $s) (i32.const 3)))
    (local.set $r (i32.const 0))
    (block $rend (loop $rloop
      (br_if $rend (i32.ge_s (local.get $r) (local.get $n)))
      (local.set $or (i32.add (local.get $acc) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 3))))
      (local.set $jMax (select (local.get $r) (i32.sub (local.get $k) (i32.const 1)) (i32.lt_s (local.get $r) (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $cMax (select (local.get $r) (i32.sub (local.get $kk) (i32.const 1)) (i32.lt_s (local.get $r) (i32.sub (local.get $kk) (i32.const 1)))))
      (memory.fill (local.get $row) (i32.const 0) (i32.shl (i32.add (local.get $cMax) (i32.const 1)) (i32.const 3)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jloop
        (br_if $jend (i32.gt_s (local.get $j) (local.get $jMax)))
        (local.set $a (f64.load (i32.add (local.get $or) (i32.shl (local.get $j) (i32.const 3)))))
        (if (f64.ne (local.get $a) (f64.const 0)) (then
          (call $axpy (local.get $row) (i32.add (local.get $lo) (i32.mul (local.get $j) (local.get $sb))) (local.get $a)
            (i32.add (select (local.get $j) (i32.sub (local.get $kk) (i32.const 1)) (i32.lt_s (local.get $j) (i32.sub (local.get $kk) (i32.const 1)))) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
      (local.set $c (i32.const 0))
      (block $cend (loop $cloop
        (br_if $cend (i32.gt_s (local.get $c) (local.get $cMax)))
        (local.set $a (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3)))))
        (f64.store (i32.add (local.get $or) (i32.shl (local.get $c) (i32.const 3))) (local.get $a))
        (local.set $m (f64.abs (local.get $a)))
        (if (i32.or (f64.gt (local.get $m) (local.get $amax)) (f64.ne (local.get $m) (local.get $m))) (then (local.set $amax (local.get $m))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cloop)))
      (if (i32.gt_s (local.get $k) (i32.add (local.get $cMax) (i32.const 1))) (then
        (memory.fill (i32.add (local.get $or) (i32.shl (i32.add (local.get $cMax) (i32.const 1)) (i32.const 3))) (i32.const 0)
          (i32.shl (i32.sub (local.get $k) (i32.add (local.get $cMax) (i32.const 1))) (i32.const 3)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (local.get $amax)
  )
)
