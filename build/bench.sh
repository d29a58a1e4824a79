#!/usr/bin/env bash
# Benchmarks; results and the commands that produced them are recorded in docs/performance.md.
#   build/bench.sh closure   parse + closure of openssh on the real setup.ini, against nixpkgs' mkclosure.py
#   build/bench.sh revive    revive from the memory snapshot against a cold boot; snapshot time and size
#   build/bench.sh registry  an empty cache pulling the image from a local registry, against making it (install + suspend)
#   build/bench.sh provision no-change builds with three provisioning layers against none, side by side; layer sizes
#   build/bench.sh build     a warm dotnet build to first output and to its end: empty, 100 MB, one file changed, cache copied
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/build/install-deps.sh"
scratch=$(mktemp -d -t winvmbuild-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch
dotnet build "$root/build/WinVmBuild.Bench" -c Release -nologo -v:q -clp:ErrorsOnly
dotnet "$root/build/WinVmBuild.Bench/bin/Release/net10.0/WinVmBuild.Bench.dll" "$@"
