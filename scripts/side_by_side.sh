# Sourced by scripts/test.sh and scripts/fuzz.sh (not run on its own).
# side_by_side JOBS FUNCTION ITEM...: calls FUNCTION ITEM for every item in the background, JOBS at
# a time, and returns 1 when any call did. The sanitized test programs and the fuzz targets are each
# one single-threaded process, so one a core keeps a 2-core machine busy; each call keeps its own
# output (a log of its own) for the caller to show in order once all are done.
side_by_side() {
  local jobs=$1 fn=$2 status=0 running=0 item
  shift 2
  for item in "$@"; do
    "$fn" "$item" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      wait -n || status=1
      running=$((running - 1))
    fi
  done
  while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
  done
  return "$status"
}
