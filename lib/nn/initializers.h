// Every initializer of the vanishing-empirical-variance paper (Sec. 6), exactly as fixed in
// PROTOCOL.md "Initializers". This header and //lib/nn:initializers bring all of them (for
// tests and hand-run tools); experiment binaries link only the kinds they run (see
// lib/nn/initializer_registry.h), one library each:
//
//   he_normal      N(0, s^2), s^2 = 2 / ((1 + a^2) fan_in) on every Linear (first, hidden,
//                  final); a = negative slope (0: PyTorch's kaiming_normal_ for ReLU).
//   he_uniform     U(-sqrt(3) s, sqrt(3) s)           (weight kurtosis k_w = 1.8)
//   he_bernoulli   +s or -s with probability 1/2 each  (k_w = 1)
//                  (the three He kinds: //lib/nn/init:he)
//   glorot_normal  N(0, 2 / (fan_in + fan_out))        //lib/nn/init:glorot_normal
//   lecun_normal   N(0, 1 / fan_in)                    //lib/nn/init:lecun_normal
//   orthogonal     PyTorch's orthogonal_ with gain sqrt(2): Gaussian (rows x cols),
//                  transposed if rows < cols, QR, Q's columns times sign(diag(R)),
//                  transposed back, times the gain (semi-orthogonal when not square).
//                                                      //lib/nn/init:orthogonal
//   gsm            "looks-linear" Gaussian submatrix: N(0, 1 / fan_in) on the first Linear,
//                  N(0, 2 / fan_in) on the others, then with y = rows / 2, x = cols / 2:
//                  W[y:, x:] = W[:y, :x], W[y:, :x] = W[:y, x:] = -W[:y, :x]. Every layer
//                  size (input, width, classes) must be even.  //lib/nn/init:gsm
//   zero           ZerO (deterministic): for m = out, n = in, the m x n matrix with ones on
//                  the main diagonal if m <= n; else I(m x p) H_p I(p x n) / 2^(c/2) with
//                  c = ceil(log2 m), p = 2^c, H_p the Sylvester Hadamard matrix.
//                                                      //lib/nn/init:zero
//   identity       PyTorch's eye_ (deterministic): ones on the main diagonal of every
//                  Linear (rectangular identity), the rest 0. Not in PROTOCOL.md; the paper
//                  cites identity initialization [2] as the other deterministic method.
//                                                      //lib/nn/init:identity
//   metainit       MetaInit (Dauphin & Schoenholz 2019) from he_normal: //lib/metainit
//                  (lib/metainit/any_initializer.h); nn::Initialize returns Unimplemented.
//
// Every initializer sets all biases to 0. Random draws: Linear layer l draws its weights
// from stream.Child(l), entries in column-major order (W(0,0), W(1,0), ...), each a
// RandomStream::Normal / Uniform01 / Sign transformed in double and rounded to float. So a
// network is a pure function of (the stream's key, kind, shape), whatever thread runs it.
#ifndef VEV_LIB_NN_INITIALIZERS_H_
#define VEV_LIB_NN_INITIALIZERS_H_

#include "lib/nn/init/gsm.h"              // IWYU pragma: export
#include "lib/nn/init/orthogonal.h"       // IWYU pragma: export
#include "lib/nn/init/zero.h"             // IWYU pragma: export
#include "lib/nn/initializer_kind.h"      // IWYU pragma: export
#include "lib/nn/initializer_registry.h"  // IWYU pragma: export
#include "lib/nn/weight_fills.h"          // IWYU pragma: export

#endif  // VEV_LIB_NN_INITIALIZERS_H_
