;; float32 matrix product C = A @ B with WebAssembly SIMD128, baseline SIMD only (relaxed-simd's fused multiply-add
;; is off by default in Node 20). Pyodide's numpy has no BLAS and no SIMD: npgrad's large float32 products come here
;; instead (sandbox/kernels/matmul.js copies the operands in and the result out; npgrad/ops/linalg.py decides).
;;
;; Register blocking: each step of the k loop updates a block of 4 rows x 8 columns of C held in 8 v128 locals.
;; It loads B's 8 columns of row k as two v128 and splats the 4 matching values of A, so 6 loads feed 8 multiplies
;; and 8 adds (32 multiply-adds), and C is stored once per block instead of once per multiply-add. 8 accumulators,
;; 2 B vectors and 1 splat fit x86-64's 16 vector registers with room for the engine. This is bound by the
;; multiplies and adds: W1's 64x784 @ 784x128 ran at 43 GFLOP/s on the development machine (Xeon, Node 20), and
;; other blocks measured no better (2x16 the same; 6x8, 4x12 and 4x16 5-15% slower, 2x8 and 8x4 20-40% slower).
;;
;; Memory layout (offsets and strides in bytes, chosen by the glue):
;;  - A is read at a + row * a_row + col * a_col, so A may be row-major (a_col = 4) or column-major (a_row = 4,
;;    the layout of a transposed view, whose 4 values a step splats are then adjacent).
;;  - B is row-major with row stride ldb: the 8 columns a step reads are contiguous.
;;  - C is row-major with row stride ldc.
;;  - m is a multiple of 4 and n of 8: the glue pads the edges instead of this kernel having scalar tail code.
;;    Padded rows of A and padded columns of B may hold anything (they only reach padded rows and columns of C,
;;    which the glue never copies out), but they must lie inside memory.
;;  - k >= 1.
(module
  (memory (export "memory") 1)

  (func (export "matmul")
    (param $a i32) (param $a_row i32) (param $a_col i32)
    (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $steps i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $pb i32) (local $pc i32)
    (local $av v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)

    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $c00 (v128.const i64x2 0 0))
            (local.set $c01 (v128.const i64x2 0 0))
            (local.set $c10 (v128.const i64x2 0 0))
            (local.set $c11 (v128.const i64x2 0 0))
            (local.set $c20 (v128.const i64x2 0 0))
            (local.set $c21 (v128.const i64x2 0 0))
            (local.set $c30 (v128.const i64x2 0 0))
            (local.set $c31 (v128.const i64x2 0 0))
            (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $a_row))))
            (local.set $pa1 (i32.add (local.get $pa0) (local.get $a_row)))
            (local.set $pa2 (i32.add (local.get $pa1) (local.get $a_row)))
            (local.set $pa3 (i32.add (local.get $pa2) (local.get $a_row)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $steps (local.get $k))
            (loop $ks
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $av (v128.load32_splat (local.get $pa0)))
              (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat (local.get $pa1)))
              (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat (local.get $pa2)))
              (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat (local.get $pa3)))
              (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $pa0 (i32.add (local.get $pa0) (local.get $a_col)))
              (local.set $pa1 (i32.add (local.get $pa1) (local.get $a_col)))
              (local.set $pa2 (i32.add (local.get $pa2) (local.get $a_col)))
              (local.set $pa3 (i32.add (local.get $pa3) (local.get $a_col)))
              (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
              (br_if $ks (local.tee $steps (i32.sub (local.get $steps) (i32.const 1)))))
            (local.set $pc
              (i32.add (local.get $c)
                (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
            (v128.store (local.get $pc) (local.get $c00))
            (v128.store offset=16 (local.get $pc) (local.get $c01))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
            (v128.store (local.get $pc) (local.get $c10))
            (v128.store offset=16 (local.get $pc) (local.get $c11))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
            (v128.store (local.get $pc) (local.get $c20))
            (v128.store offset=16 (local.get $pc) (local.get $c21))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
            (v128.store (local.get $pc) (local.get $c30))
            (v128.store offset=16 (local.get $pc) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; dst[col][row] = src[row][col] for a row-major rows x cols src (row stride cols * 4); dst's row stride is
  ;; ld_dst. The glue packs a transposed B with it (B = W.T of a linear layer's weight), so the kernel above can
  ;; load B's rows as vectors. Works on 4x4 tiles (4 loads, 8 shuffles, 4 stores); rows and cols are rounded up
  ;; to multiples of 4, so src must be readable and dst writable that far.
  ;; Tiles go down bands of 16 columns: each step reads 4 whole cache lines of src and adds 16 bytes to the same
  ;; 16 rows of dst. Sweeping whole rows instead touches one dst row per 4 columns, thousands of lines apart by a
  ;; power of two, which thrash the same cache sets (a 512x4096 transpose took 3 ms instead of 0.3 ms).
  (func (export "transpose")
    (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32) (param $ld_dst i32)
    (local $band i32) (local $band_end i32) (local $r i32) (local $c i32) (local $ld_src i32)
    (local $ps i32) (local $pd i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $ld_src (i32.shl (local.get $cols) (i32.const 2)))
    (block $bands_done
      (loop $bands
        (br_if $bands_done (i32.ge_u (local.get $band) (local.get $cols)))
        (local.set $band_end (i32.add (local.get $band) (i32.const 16)))
        (if (i32.gt_u (local.get $band_end) (local.get $cols))
          (then (local.set $band_end (local.get $cols))))
        (local.set $r (i32.const 0))
        (block $rows_done
          (loop $row_tiles
            (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $c (local.get $band))
            (block $cols_done
              (loop $col_tiles
                (br_if $cols_done (i32.ge_u (local.get $c) (local.get $band_end)))
                (local.set $ps
                  (i32.add (local.get $src)
                    (i32.add (i32.mul (local.get $r) (local.get $ld_src)) (i32.shl (local.get $c) (i32.const 2)))))
                (local.set $v0 (v128.load (local.get $ps)))
                (local.set $ps (i32.add (local.get $ps) (local.get $ld_src)))
                (local.set $v1 (v128.load (local.get $ps)))
                (local.set $ps (i32.add (local.get $ps) (local.get $ld_src)))
                (local.set $v2 (v128.load (local.get $ps)))
                (local.set $ps (i32.add (local.get $ps) (local.get $ld_src)))
                (local.set $v3 (v128.load (local.get $ps)))
                ;; v0 = a0 a1 a2 a3, v1 = b0 b1 b2 b3, v2 = c0 .., v3 = d0 ..
                (local.set $t0
                  (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
                (local.set $t1
                  (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
                (local.set $t2
                  (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
                (local.set $t3
                  (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
                ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3: dst rows are their halves
                (local.set $pd
                  (i32.add (local.get $dst)
                    (i32.add (i32.mul (local.get $c) (local.get $ld_dst)) (i32.shl (local.get $r) (i32.const 2)))))
                (v128.store (local.get $pd)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (local.set $pd (i32.add (local.get $pd) (local.get $ld_dst)))
                (v128.store (local.get $pd)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (local.set $pd (i32.add (local.get $pd) (local.get $ld_dst)))
                (v128.store (local.get $pd)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (local.set $pd (i32.add (local.get $pd) (local.get $ld_dst)))
                (v128.store (local.get $pd)
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                (local.set $c (i32.add (local.get $c) (i32.const 4)))
                (br $col_tiles)))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $row_tiles)))
        (local.set $band (local.get $band_end))
        (br $bands)))))
