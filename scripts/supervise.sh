#!/usr/bin/env bash
# Keep a process running: start it again whenever it exits, and say so to the operator.
# `make run` runs the task worker under it, so a worker that crashes (a locked database,
# an out-of-memory kill) no longer leaves every later job "En attente".
#
#   scripts/supervise.sh concerto db_worker
#
# The pause before a restart doubles, from SUPERVISE_DELAY seconds (1) up to a minute,
# while the process keeps dying within a minute of its start; SIGINT or SIGTERM stops
# the supervisor once the process has stopped.
set -u

initial_delay=${SUPERVISE_DELAY:-1}
delay=$initial_delay
trap 'exit 0' INT TERM

while true; do
  started=$SECONDS
  "$@"
  status=$?
  if (( SECONDS - started >= 60 )); then
    delay=$initial_delay
  fi
  echo "$(date '+%Y-%m-%d %H:%M:%S') superviseur : « $* » s'est arrêté (code $status) ;" \
    "redémarrage dans $delay s." >&2
  sleep "$delay"
  delay=$(awk -v d="$delay" 'BEGIN { d *= 2; print (d > 60 ? 60 : d) }')
done
