#!/usr/bin/env bash
# One-time (and safe to repeat) set-up of a Debian 12 machine for this project: installs
# Bazel 4 and every library and tool from Debian's packages, offline-capable afterwards.
#
#   tools/setup.sh                      # install what is missing (seconds if nothing is)
#   tools/setup.sh --data-dir DIR       # also: read datasets from DIR instead of downloading
#                                       # (layout of ../shared/datasets; recorded in the
#                                       # untracked user.bazelrc)
#
# Non-interactive; needs root or passwordless sudo only when something must be installed.
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

data_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) [ $# -ge 2 ] || { echo "setup.sh: --data-dir needs a folder" >&2; exit 2; }
                data_dir=$2; shift 2 ;;
    --data-dir=*) data_dir=${1#--data-dir=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  bazel-bootstrap        # Bazel 4.2.3 with its embedded JDK (WORKSPACE mode)
  g++ git
  libeigen3-dev          # Eigen 3.4.0
  libabsl-dev            # Abseil 20220623
  libprotobuf-dev protobuf-compiler  # protobuf 3.21.12
  libgtest-dev libgmock-dev          # GoogleTest 1.12.1
  libbenchmark-dev       # Google Benchmark 1.7.1
  zlib1g-dev             # gzip reading of the MNIST files
  gnuplot-nox            # figures (pdfcairo, pngcairo, svg terminals)
  dataset-fashion-mnist  # third dataset, /usr/share/datasets/fashion-mnist
  libssl-dev             # SHA-256 of datasets and binaries (libcrypto's EVP API)
  chromium               # headless browser check of the report page
  nginx-light            # WebDAV server as Bazel's HTTP remote cache (tools/remote_cache.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install packages" >&2; exit 1; }
    sudo="sudo -n"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup.sh: all packages present"
fi

# Per-machine Bazel flags live in the untracked user.bazelrc (imported by .bazelrc).
rc="$repo/user.bazelrc"
touch "$rc"
# A disk cache keeps every experiment result ever computed here, per scale: switching
# between `bazel test` (smoke scale) and `bazel build //:figures` (default scale) then
# never recomputes an experiment, and a fresh clone reuses results of the same inputs.
if ! grep -q '^build --disk_cache=' "$rc"; then
  echo "build --disk_cache=$HOME/.cache/vev-bazel-disk-cache" >> "$rc"
fi
if [ -n "$data_dir" ]; then
  [ -d "$data_dir" ] || { echo "setup.sh: --data-dir '$data_dir' is not a folder" >&2; exit 2; }
  abs=$(cd "$data_dir" && pwd)
  grep -v '^common --repo_env=VEV_DATASETS_DIR=' "$rc" > "$rc.new" || true
  echo "common --repo_env=VEV_DATASETS_DIR=$abs" >> "$rc.new"
  mv "$rc.new" "$rc"
  echo "setup.sh: datasets will be read from $abs (user.bazelrc)"
fi

bazel --version >/dev/null
echo "setup.sh: ready"
