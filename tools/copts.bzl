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

_COMMON_COPTS = [
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

_ISA_DEFAULT = ["-march=x86-64-v3"]

# `--config=native` (.bazelrc) builds for the exact CPU instead: faster on newer CPUs, but
# results may then differ in the last bits from the default build.
_ISA_NATIVE = ["-march=native"]

VEV_COPTS = select({
    "//tools:isa_native": _ISA_NATIVE,
    "//conditions:default": _ISA_DEFAULT,
}) + _COMMON_COPTS

# The same flags as one string per configuration, recorded in every result's provenance.
VEV_COPTS_STRING = {
    "//tools:isa_native": " ".join(["-O2"] + _ISA_NATIVE + _COMMON_COPTS),
    "//conditions:default": " ".join(["-O2"] + _ISA_DEFAULT + _COMMON_COPTS),
}
