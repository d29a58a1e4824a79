#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, VM and dotnet-build end to end).
# Ends with the line "N passed, N failed" and exits non-zero when anything failed.
#   build/test.sh            everything (what CI runs)
#   build/test.sh --quick    only the fast tests: no VM, no dotnet build of the samples
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

filter=()
if [[ ${1:-} == --quick ]]; then
  filter=(--filter "TestCategory!=Vm&TestCategory!=EndToEnd")
fi

summary() {
  echo "$1 passed, $2 failed"
  exit "$3"
}

build/install-deps.sh || { echo "test: installing host packages failed"; summary 0 1 1; }

# Everything the tests, the tools and the VMs write to the temp folder stays in one folder, removed at the end.
scratch=$(mktemp -d -t winvmbuild-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

dotnet build WinVmBuild.sln -c Release -nologo -clp:ErrorsOnly || { echo "test: the build failed"; summary 0 1 1; }

results=$scratch/results
dotnet test WinVmBuild.sln -c Release --no-build --logger trx --results-directory "$results" "${filter[@]}"
status=$?

# Count from the TRX files: MSTest's own console summary is per assembly and not what CI reads.
passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")))
done
# WINVMBUILD_TEST_RESULTS=<folder> keeps the TRX files (each test's outcome and duration), for a CI to upload.
if [[ -n ${WINVMBUILD_TEST_RESULTS:-} ]]; then
  mkdir -p "$WINVMBUILD_TEST_RESULTS" && cp "$results"/*.trx "$WINVMBUILD_TEST_RESULTS"/ 2>/dev/null
fi
# Tests skip only outside CI, when a host package is missing; each says which. Under CI a skipped test is a failure.
if ((skipped > 0)); then
  echo "test: $skipped skipped (a host package is missing: run build/install-deps.sh)"
  [[ ${CI:-} == true ]] && failed=$((failed + skipped))
fi
if ((status != 0 && failed == 0)); then
  echo "test: dotnet test exited with $status"
  failed=1
fi
((failed == 0)) && summary "$passed" 0 0
summary "$passed" "$failed" 1
