#!/usr/bin/env bash
# A private single-node Slurm on this machine, from Debian's packages, without systemd.
#
#   examples/cluster/slurm-local.sh up      # install the packages if missing, start munged, slurmctld, slurmd
#   eval "$(examples/cluster/slurm-local.sh env)"   # SLURM_CONF for sbatch, squeue, sinfo in this shell
#   examples/cluster/slurm-local.sh status
#   examples/cluster/slurm-local.sh down    # cancel its jobs, stop the three daemons it started
#
# Everything lives under one directory, $FLOWSIM_SLURM_DIR (default /tmp/flowsim-slurm): etc/ (slurm.conf),
# munge/ (its own key, mode 0700), munge-run/ (socket, mode 0755: munged refuses looser modes), state/, log/, run/
# (pid files). The system's /etc/slurm, /etc/munge and any running munged or Slurm are left alone. `up` is idempotent
# (a daemon already running from this directory is kept); `down` signals only the pids recorded by `up` whose command
# line still names this directory.
#
# Exit codes: 0 done; 1 a daemon failed to start (see log/); 77 cannot run here (not root, or the packages are missing
# and cannot be installed) with the reason on stderr, so that a test can skip.
set -euo pipefail

DIR=${FLOWSIM_SLURM_DIR:-/tmp/flowsim-slurm}
CTLD_PORT=${FLOWSIM_SLURM_PORT:-6817}          # slurmd listens on the next port
PACKAGES=(slurmctld slurmd slurm-client munge)
CONF=$DIR/etc/slurm.conf
SOCKET=$DIR/munge-run/munge.socket
NODE=$(hostname -s)

say() { echo "slurm-local: $*" >&2; }
unavailable() { say "unavailable: $*"; exit 77; }

# A pid recorded by `up` that still runs and still names our directory (never a reused pid of something else).
ours() {
  local pidfile=$1 pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  grep -qaF "$DIR" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

ensure_packages() {
  local missing=()
  for c in munged slurmctld slurmd sbatch; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || unavailable "not root, and ${missing[*]} missing"
  command -v apt-get >/dev/null 2>&1 || unavailable "${missing[*]} missing and no apt-get to install ${PACKAGES[*]}"
  say "installing ${PACKAGES[*]} (missing: ${missing[*]})"
  # policy-rc.d keeps the packages' init scripts from starting the system-wide daemons.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; made_policy=1; fi
  local ok=0
  if apt-get update -qq >"$DIR/log/apt.log" 2>&1 &&
     DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >>"$DIR/log/apt.log" 2>&1; then ok=1; fi
  [ $made_policy -eq 1 ] && rm -f "$policy"
  [ $ok -eq 1 ] || unavailable "apt-get install ${PACKAGES[*]} failed (see $DIR/log/apt.log)"
}

write_config() {
  # The node as slurmd measures it (CPUs, sockets, cores, memory), reachable on the loopback address.
  local hw mem
  hw=$(slurmd -C 2>/dev/null | head -n 1 | sed -E 's/^NodeName=[^ ]+ //')
  mem=$(sed -nE 's/.*RealMemory=([0-9]+).*/\1/p' <<<"$hw")
  cat >"$CONF.tmp" <<EOF
# Written by examples/cluster/slurm-local.sh: a private single-node cluster under $DIR.
ClusterName=flowsim-local
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$((CTLD_PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$DIR/state/ctld
SlurmdSpoolDir=$DIR/state/slurmd
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
PlugStackConfig=$DIR/etc/plugstack.conf
MailProg=/bin/true
# No cgroups and no systemd here: track processes by parentage, bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
# Cores and memory are consumable; without DefMemPerCPU a task without --mem would take the whole node's memory.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
# Schedule a submission at once rather than in the next periodic pass.
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$NODE NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  [ -n "$mem" ] || { say "slurmd -C did not report the node's memory"; exit 1; }
  mv "$CONF.tmp" "$CONF"
  : >"$DIR/etc/plugstack.conf"
}

start_munged() {
  if ours "$DIR/run/munged.pid" >/dev/null; then return 0; fi
  if [ ! -s "$DIR/munge/munge.key" ]; then
    # 1 KiB of randomness, as mungekey makes; private to this cluster.
    (umask 077; head -c 1024 /dev/urandom >"$DIR/munge/munge.key")
  fi
  chmod 0400 "$DIR/munge/munge.key"
  rm -f "$SOCKET" "$SOCKET.lock"
  munged --force --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/run/munged.pid" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" \
    || { say "munged failed to start (see $DIR/log/munged.log)"; exit 1; }
}

start_daemon() {  # name, command…
  local name=$1; shift
  if ours "$DIR/run/$name.pid" >/dev/null; then return 0; fi
  "$@" >>"$DIR/log/$name.stdout" 2>&1 || { say "$name failed to start (see $DIR/log/$name.log)"; tail -n 5 "$DIR/log/$name.log" >&2 || true; exit 1; }
}

wait_idle() {
  local state=""
  for _ in $(seq 1 150); do
    state=$(SLURM_CONF=$CONF sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n 1 || true)
    case "$state" in
      idle|mixed|allocated) return 0 ;;
      down*|drain*) SLURM_CONF=$CONF scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 0.2
  done
  say "node $NODE not idle after 30 s (state '${state:-no answer}'; see $DIR/log/)"
  exit 1
}

up() {
  [ "$(id -u)" -eq 0 ] || unavailable "needs root (private munged and slurmd run as root)"
  mkdir -p "$DIR"/{etc,state/ctld,state/slurmd,log,run,munge-run,munge}
  chmod 0755 "$DIR" "$DIR/munge-run"
  chmod 0700 "$DIR/munge"
  ensure_packages
  write_config
  start_munged
  start_daemon slurmctld slurmctld -f "$CONF"
  start_daemon slurmd slurmd -f "$CONF" -N "$NODE"
  wait_idle
  say "up: node $NODE idle; SLURM_CONF=$CONF"
}

stop_pids() {  # pidfile…: signal all at once (each takes 1.5-2 s to exit), then wait, then SIGKILL stragglers
  local f pid pids=()
  for f in "$@"; do
    if pid=$(ours "$f"); then pids+=("$pid"); kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.05; done
    if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  rm -f "$@"
}

down() {
  [ -d "$DIR" ] || { say "down: nothing under $DIR"; return 0; }
  if ours "$DIR/run/slurmctld.pid" >/dev/null; then
    # Jobs first, so that no slurmstepd of ours outlives its slurmd.
    local jobs
    jobs=$(SLURM_CONF=$CONF squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${jobs// }" ]; then
      # shellcheck disable=SC2086
      SLURM_CONF=$CONF scancel $jobs 2>/dev/null || true
      for _ in $(seq 1 100); do
        [ -z "$(SLURM_CONF=$CONF squeue -h -o %A 2>/dev/null || true)" ] && break
        sleep 0.1
      done
    fi
  fi
  stop_pids "$DIR/run/slurmd.pid" "$DIR/run/slurmctld.pid" "$DIR/run/munged.pid"
  # Fresh job state next time; logs and the key stay for inspection.
  rm -rf "$DIR/state"
  say "down"
}

status() {
  local d pid
  for d in munged slurmctld slurmd; do
    if pid=$(ours "$DIR/run/$d.pid"); then echo "$d: running (pid $pid)"; else echo "$d: stopped"; fi
  done
  if ours "$DIR/run/slurmctld.pid" >/dev/null; then SLURM_CONF=$CONF sinfo || true; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
