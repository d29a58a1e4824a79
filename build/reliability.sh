#!/usr/bin/env bash
# Runs the fault suite (real VMs under TCG) and writes docs/reliability.md from what it measured: one row per fault,
# with what the build reported and what it left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
build/install-deps.sh

scratch=$(mktemp -d -t winvmbuild-reliability.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
rows="$scratch/rows.md"
: > "$rows"

export TMPDIR="$scratch" CI=true WINVMBUILD_RELIABILITY_REPORT="$rows"
dotnet build WinVmBuild.sln -c Release -nologo -v:q
for tests in tests/WinVmBuild.Tests tests/WinVmBuild.IntegrationTests; do
    dotnet test "$tests" -c Release --no-build --filter "TestCategory=Faults" --results-directory "$scratch/results"
done

{
    cat <<'HEAD'
# Reliability

What each fault costs: the table is written by `build/reliability.sh`, which runs the fault suite (real `dotnet build`s
of the test guest, real QEMU under TCG) and records, for each fault, what the build reported and what was left once it
ended: processes of its VM sessions still running, session folders (which hold the image's private key and the run's
Samba password) still on disk, and cache entries that were half-written or did not match their manifest.

How nothing is left behind:

- **Sessions.** Every VM session registers in one per-user place, `$XDG_RUNTIME_DIR/winvmbuild` (else
  `~/.local/state/winvmbuild/sessions`), whatever `TMPDIR` or `WinVmCacheDir` say: a folder per session, holding its
  work and `owner.lock`, which the build holds (`flock`) while it lives (`src/WinVmBuild/Reaper/`).
- **Watcher.** Each session starts a small `sh` watcher whose standard input is a pipe from the build. When the build
  dies, SIGKILL included, the pipe ends and the watcher stops every process working in the session's folder (QEMU and
  the smbd processes QEMU started: found by working folder, never by name), then deletes the folder. It ignores
  SIGINT, SIGHUP and SIGTERM, which reach a whole process group; a build that ends normally kills it first.
- **Next build.** A session whose lock is free belongs to a dead build: the next build on the machine, of any
  project, reaps it at its start (for a watcher that was killed with its build, as a process-group SIGKILL does).
- **Cache.** An entry is written under a hidden temporary name and renamed into place once its manifest is written;
  the next writer of that entry deletes what a killed build left half-written. An entry whose files do not match its
  manifest is set aside with warning WVB0406 and made again.
- **Registry transfers.** skopeo copies in a session of its own (`registry-…`): the same watcher stops it when its build
  dies. What it had downloaded stays in the cache's `registry/<tag>/` and the next pull resumes from it; a pulled
  entry is published like any other, whole and checked, or not at all.
- **Bounds.** QEMU's own steps have bounds of their own: the QMP greeting 60 s, any QMP answer 30 s (WVB0323), a state
  save or load a minute plus a second per 50 MB of RAM, a quit 30 s before QEMU is killed.

| Fault | What the build reports | Processes left | Session folders left | Bad cache entries |
| --- | --- | --- | --- | --- |
HEAD
    sort "$rows"
} > docs/reliability.md
echo "docs/reliability.md: $(wc -l < "$rows") faults"
