#!/usr/bin/env bash
# The full-screen `claimtrack review` driven through a real terminal (tmux), in a form CI can run:
# start it on a copy of claims.db.example in a detached 80x24 session (WIDTH/HEIGHT to change), send keys,
# read the screen with capture-pane, and exit non-zero when an expected text does not appear in time.
#
#   scripts/tmux_review.sh [CAPTURE_FILE]     (PYTHON=/path/to/python, default python3; PYTHONPATH as set;
#                                              REVIEW_ARGS="--status rated" adds options to `review`)
#
# With CAPTURE_FILE, the screens (main, help, rate dialog) are appended to it as text.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
width=${WIDTH:-80}
height=${HEIGHT:-24}
capture=${1:-}
work=$(mktemp -d)
session="claimtrack-review-$$"
cp "$here/claims.db.example" "$work/claims.db"
# the example database may be a revision behind this code (it is rebuilt at release): bring the copy up to date
(cd "$work" && env PYTHONPATH="${PYTHONPATH:-}" "$python" -m claimtrack --db claims.db db upgrade >/dev/null)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

tmux new-session -d -s "$session" -x "$width" -y "$height" \
  "cd '$work' && env PYTHONPATH='${PYTHONPATH:-}' CLAIMTRACK_REVIEW_SINGLE_USER=true TERM=xterm-256color \
   '$python' -m claimtrack --db claims.db --reviewer alice review --no-fetch ${REVIEW_ARGS:-}; echo \$? >rc; sleep 60"

screen() { tmux capture-pane -p -t "$session"; }

wait_for() {  # wait_for TEXT [SECONDS]: until the screen shows TEXT
  local deadline=$((SECONDS + ${2:-20}))
  until screen | grep -qF -- "$1"; do
    if ((SECONDS > deadline)); then
      echo "tmux_review: expected text not on the screen: $1" >&2
      screen >&2
      exit 1
    fi
    sleep 0.2
  done
}

wait_gone() {  # wait_gone TEXT: until the screen no longer shows TEXT
  local deadline=$((SECONDS + 20))
  while screen | grep -qF -- "$1"; do
    ((SECONDS > deadline)) && { echo "tmux_review: still on the screen: $1" >&2; screen >&2; exit 1; }
    sleep 0.2
  done
}

keep() {  # keep TITLE: append the screen to the capture file
  [[ -n "$capture" ]] || return 0
  { printf '==== %s (%sx%s)%s ====\n' "$1" "$width" "$height" "${REVIEW_ARGS:+ review $REVIEW_ARGS}"; screen; } >>"$capture"
}

wait_for " of " 30
wait_for "queue: "
wait_for "q quit"
keep "review: the first claim"
tmux send-keys -t "$session" "?"
wait_for "undo the last action"
keep "review: help (?)"
tmux send-keys -t "$session" x
wait_gone "any key closes this help"
tmux send-keys -t "$session" r
wait_for "Rate claim"
keep "review: rate dialog (r)"
tmux send-keys -t "$session" C-c
wait_for "cancelled: nothing saved"
tmux send-keys -t "$session" d
wait_for "Dismiss claim"
tmux send-keys -t "$session" -l "not a claim"
tmux send-keys -t "$session" Enter
wait_for "dismissed (dismissal"
tmux send-keys -t "$session" u
wait_for "undone"
keep "review: after dismiss and undo"
tmux send-keys -t "$session" q

deadline=$((SECONDS + 20))
until [[ -f "$work/rc" ]]; do
  ((SECONDS > deadline)) && { echo "tmux_review: review did not quit on q" >&2; exit 1; }
  sleep 0.2
done
rc=$(cat "$work/rc")
summary="review ended: 0 rated, 1 dismissed, 0 evidence added, 0 skipped, 1 undone"
wait_for "$summary" 5  # printed on the terminal once the full screen is gone
keep "review: after quitting"
if [[ "$rc" != 0 ]]; then
  echo "tmux_review: review exited with $rc" >&2
  exit 1
fi
echo "tmux_review: ok ($summary)"
