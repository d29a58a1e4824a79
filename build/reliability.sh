#!/usr/bin/env bash
# Runs the fault suite (real VMs under TCG) and writes docs/reliability.md from what it measured: one row per fault,
# with what the build reported and what it left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
build/install-deps.sh

# A short name: the tests' VM sessions live below it, and smbd makes its sockets in them (a socket's path has at most
# 107 bytes).
scratch=$(mktemp -d -t wvr.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
rows="$scratch/rows.md"
: > "$rows"

export TMPDIR="$scratch" CI=true WINVMBUILD_RELIABILITY_REPORT="$rows"
dotnet build WinVmBuild.sln -c Release -nologo -v:q
for tests in tests/WinVmBuild.Tests tests/WinVmBuild.IntegrationTests; do
    dotnet test "$tests" -c Release --no-build --filter "TestCategory=Faults" --logger trx --results-directory "$scratch/results"
done

# One row per fault test that ran, each fault once: a test that recorded no row, or two, would make the table lie.
tests=0
for trx in "$scratch"/results/*.trx; do
    tests=$((tests + $(grep -o '<Counters [^>]*>' "$trx" | sed -E 's/.* total="([0-9]+)".*/\1/')))
done
recorded=$(wc -l < "$rows")
if ((recorded != tests)); then
    echo "reliability: $tests fault tests ran, but $recorded rows were recorded" >&2
    exit 1
fi
twice=$(cut -d'|' -f2 "$rows" | sort | uniq -d)
if [[ -n $twice ]]; then
    echo "reliability: faults recorded more than once:$twice" >&2
    exit 1
fi

# What the table was measured from: the commit, and whether the work tree differed from it.
commit=$(git rev-parse --short HEAD)
[[ -z $(git status --porcelain) ]] || commit="$commit with uncommitted changes"

{
    cat <<'HEAD'
# Reliability

What each fault costs: the table is written by `build/reliability.sh`, which runs the fault suite (real `dotnet build`s
of the test guest, real QEMU under TCG) and records, for each fault, what the build reported and what was left once it
ended: processes of its VM sessions still running, session folders (which hold the image's private key and the run's
Samba password) still on disk, and cache entries that were half-written or did not match their manifest. Every figure
is measured (`tests/Shared/Leftovers.cs`: the sessions as the reaper finds them, the caches by `CacheAudit`) and
asserted by the test that records it (`tests/Shared/FaultReport.cs`); the script fails unless each fault test that ran
recorded exactly one row.
HEAD
    printf '\nMeasured from commit %s on %s.\n\n' "$commit" "$(date -u +%Y-%m-%d)"
    cat <<'HEAD'
Where the faults land: a kill "during install" comes once the guest's console says it unpacked an archive; "during
suspend" once the first 4 KB of the snapshot's state are in its file (the test puts a `cat` and a `zstd` first on the
build's PATH that write that much of the state and then wait, so the moment lasts until the kill); "during run" once
the command printed its first line and goes on. Ctrl+C is SIGINT to the build's whole process group, as a terminal
sends it.

How nothing is left behind:

- **Sessions.** Every VM session registers in one per-user place, `$XDG_RUNTIME_DIR/winvmbuild` (else
  `~/.local/state/winvmbuild/sessions`), whatever `TMPDIR` or `WinVmCacheDir` say: a folder per session, holding its
  work and `owner.lock`, which the build holds (`flock`) while it lives (`src/WinVmBuild/Reaper/`).
- **Marks.** The build starts a session's long-lived processes (QEMU, skopeo) with `WINVMBUILD_SESSION` naming the
  session's folder in their environment, and every process they start inherits it: the smbd processes QEMU starts for
  the shares and those they fork (`smbd-notifyd`, `cleanupd`), QEMU's state writer and reader. A process can change its
  working folder and its title, as smbd does (it works in the share it serves and names itself with `prctl`), and
  outlive its parent; the environment it was started with stays in `/proc/<pid>/environ` (Debian's smbd 4.17 sets its
  title without rewriting that block: the share fault below checks it finds smbd by its mark). A cgroup per session
  would be sturdier still, but a user may create cgroups only in a subtree systemd delegated to them, which containers
  and CI runners often lack: the mark needs nothing from the host.
- **Watcher.** Each session starts a small `sh` watcher whose standard input is a pipe from the build. When the build
  dies, SIGKILL included, the pipe ends and the watcher stops every process that carries the session's mark (never by
  name), then deletes the folder. It ignores SIGINT, SIGHUP and SIGTERM, which reach a whole process group; a build
  that ends normally kills it first.
- **Next build.** A session whose lock is free belongs to a dead build: the next build on the machine, of any
  project, reaps it at its start (for a watcher that was killed with its build, as a process-group SIGKILL does).
- **Kept sessions.** With `WinVmKeepOnFailure`, a failed build leaves its guest for a person: it writes the session's
  `keep-until` time and ends its watcher's input; the watcher stops the session at that time, or as soon as none of its
  processes runs (the guest powered off), and other builds leave it alone until then. A cancelled build keeps nothing.
- **Cache.** An entry is written under a hidden temporary name and renamed into place once its manifest is written;
  the next writer of that entry deletes what a killed build left half-written. An entry whose files do not match its
  manifest is set aside with warning WVB0406 and made again.
- **Registry transfers.** skopeo copies in a session of its own (`registry-…`): the same watcher stops it when its build
  dies. What it had downloaded stays: entries pulled whole are in the cache, the layers of the one in progress in the
  cache's `registry/<tag>/`, and the next pull fetches only the rest; a pulled entry is published like any other,
  whole and checked, or not at all.
- **Bounds.** QEMU's own steps have bounds of their own: the QMP greeting 60 s, any QMP answer 30 s (WVB0323), a state
  save or load a minute plus a second per 50 MB of RAM, a quit 30 s before QEMU is killed.

| Fault | What the build reports | Processes left | Session folders left | Bad cache entries |
| --- | --- | --- | --- | --- |
HEAD
    sort "$rows"
} > docs/reliability.md
echo "docs/reliability.md: $recorded faults, from $commit"
