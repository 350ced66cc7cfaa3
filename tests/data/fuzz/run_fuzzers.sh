#!/usr/bin/env bash
# Builds the libFuzzer targets of lib/data with clang (Debian: clang, libclang-rt-14-dev)
# and runs each for a while, one at a time, on one core. Outside `bazel test //...` on
# purpose: the project's Bazel toolchain is GCC, libFuzzer needs clang.
#
#   tests/data/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET=180] [TARGET...]
#
# Work files go to ${FUZZ_DIR:-/tmp/vev_fuzz}: binaries, corpora (seeded with synthetic
# files made by //tools/data:make_synthetic_dataset and tests/data/testdata), crash files.
# Exit status is non-zero if any target found a crash.
set -euo pipefail

cd "$(dirname "$0")/../../.."
seconds="${1:-180}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(idx_fuzzer cifar_fuzzer gzip_tar_fuzzer manifest_fuzzer)
fi
work="${FUZZ_DIR:-/tmp/vev_fuzz}"
mkdir -p "$work"

CXX="${CXX:-clang++}"
flags=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -I.)
libs=(-labsl_statusor -labsl_status -labsl_str_format_internal -labsl_strings
      -labsl_strings_internal -labsl_int128 -labsl_raw_logging_internal -labsl_throw_delegate
      -labsl_cord -labsl_cord_internal -labsl_cordz_info -labsl_cordz_handle
      -labsl_cordz_functions -labsl_exponential_biased -labsl_synchronization
      -labsl_graphcycles_internal -labsl_stacktrace -labsl_symbolize -labsl_debugging_internal
      -labsl_demangle_internal -labsl_malloc_internal -labsl_time -labsl_time_zone
      -labsl_civil_time -labsl_base -labsl_spinlock_wait -labsl_strerror -lz -lpthread)
lib_sources=(lib/data/idx_reader.cc lib/data/cifar_reader.cc lib/data/gzip.cc
             lib/data/tar_reader.cc lib/data/dataset_manifest.cc lib/data/dataset_name.cc)

# Seed corpora: small synthetic files of every format.
seeds="$work/seeds"
if [[ ! -d "$seeds" ]]; then
  bazel build //tools/data:make_synthetic_dataset >/dev/null 2>&1
  tool=bazel-bin/tools/data/make_synthetic_dataset
  "$tool" --dataset=mnist --samples=2 --gzip=false --out_dir="$seeds/mnist" >/dev/null
  "$tool" --dataset=mnist --samples=2 --out_dir="$seeds/mnist_gz" >/dev/null
  "$tool" --dataset=cifar10 --samples=2 --out_dir="$seeds/cifar" >/dev/null
  "$tool" --dataset=cifar10 --samples=2 --records_per_batch=1 --cifar_archive \
    --out_dir="$seeds/cifar_tgz" >/dev/null
fi
declare -A corpus_files=(
  [idx_fuzzer]="$seeds/mnist/mnist/train-images-idx3-ubyte $seeds/mnist/mnist/train-labels-idx1-ubyte"
  [cifar_fuzzer]="$seeds/cifar/cifar-10-batches-bin/data_batch_1.bin"
  [gzip_tar_fuzzer]="$seeds/cifar_tgz/cifar-10-binary.tar.gz $seeds/mnist_gz/mnist/train-labels-idx1-ubyte.gz tests/data/testdata/gnu_long_name.tar tests/data/testdata/pax_long_name.tar"
  [manifest_fuzzer]="$seeds/cifar_tgz/train.manifest $seeds/mnist/train.manifest"
)

status=0
for target in "${targets[@]}"; do
  echo "== $target: building"
  "$CXX" "${flags[@]}" "tests/data/fuzz/$target.cc" "${lib_sources[@]}" "${libs[@]}" \
    -o "$work/$target"
  corpus="$work/corpus_$target"
  mkdir -p "$corpus" "$work/crashes_$target"
  for seed in ${corpus_files[$target]}; do cp "$seed" "$corpus/"; done
  echo "== $target: fuzzing for ${seconds}s"
  if ! "$work/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix="$work/crashes_$target/" -print_final_stats=1 2>"$work/$target.log"; then
    echo "!! $target found a problem; see $work/$target.log and $work/crashes_$target/"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*DONE" "$work/$target.log" || true
  echo "   corpus: $(ls "$corpus" | wc -l) inputs"
done
exit "$status"
