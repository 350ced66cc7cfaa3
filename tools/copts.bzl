"""Compiler flags shared by every C++ target of the project.

-O2 comes from `--compilation_mode=opt` (.bazelrc). On top of it:
- `-march=x86-64-v3` fixes the instruction set at AVX2 + FMA (Haswell and later, Zen):
  Eigen's kernels then use 256-bit FMA, and every machine of that level runs the same
  instructions, so results are bit-identical across such machines. A CPU without AVX2
  stops with an illegal-instruction error rather than computing different last bits.
- `-ffp-contract=off`: the compiler never fuses a*b+c on its own; the only FMAs are the
  ones Eigen's kernels write explicitly, so results do not depend on optimizer choices.
- no -ffast-math / -Ofast: IEEE semantics, NaN checks work, reductions keep their order.
"""

VEV_COPTS = [
    "-march=x86-64-v3",
    "-ffp-contract=off",
    "-Wall",
    "-Wextra",
    "-Wno-sign-compare",
    "-Wno-unused-parameter",
    # Eigen 3.4 with GCC 12 warns about its own internals.
    "-Wno-deprecated-copy",
    "-Wno-maybe-uninitialized",
    "-Wno-array-bounds",
    "-Wno-stringop-overflow",
]

# Recorded verbatim in every result's provenance.
VEV_COPTS_STRING = " ".join(["-O2"] + VEV_COPTS)
