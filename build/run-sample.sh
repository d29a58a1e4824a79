#!/usr/bin/env bash
# Installs what is missing, packs WinVmBuild.Sdk, and `dotnet build`s samples/HelloGuest, which runs the
# whole pipeline on the test guest and prints the guest's output.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/build/install-deps.sh"

# What the build and its VM write to the temp folder stays in one folder, removed at the end.
scratch=$(mktemp -d -t winvmbuild-sample.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

# Into artifacts/, the feed samples/nuget.config names.
dotnet pack "$root/nuget/WinVmBuild.Sdk.csproj" -c Release -nologo -clp:ErrorsOnly

# The package's version does not change with every edit: restore it into a packages folder of our own, from
# which any earlier extraction is removed, and start no long-lived MSBuild node that would keep an older
# task assembly loaded.
export NUGET_PACKAGES="$root/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/winvmbuild.sdk"
# --no-incremental: the guest command runs (and prints) every time; install and snapshot come from the cache.
dotnet build "$root/samples/HelloGuest/HelloGuest.proj" -nologo -nodeReuse:false --no-incremental

echo
echo "run-sample: the file the guest's make wrote, copied back to the host:"
cat "$root/samples/HelloGuest/bin/Debug/net8.0/out/hello.txt"
