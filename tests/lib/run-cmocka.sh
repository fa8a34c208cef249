#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run one cmocka test binary and turn its TAP output into the project's
# result lines ("PASS: <label>/<test>" / "FAIL: <label>/<test>").
# Usage: run-cmocka.sh LABEL BINARY [ARGS...]
# Exit status: 0 when every test passed, 1 otherwise (also on a crash or a
# binary that ran no test).
set -uo pipefail
label=$1; shift
out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$@" 2>&1)
rc=$?
printf '%s\n' "$out" | awk -v l="$label" '
	/^ok [0-9]+ - /     { sub(/^ok [0-9]+ - /, ""); print "PASS: " l "/" $0; n++ }
	/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); print "FAIL: " l "/" $0; n++; bad++ }
	!/^(not )?ok [0-9]+ - / { print "  " $0 }
	END { if (n == 0) { print "FAIL: " l "/ran-no-test"; exit 1 } exit bad ? 1 : 0 }'
awk_rc=$?
if [ $rc -ne 0 ] && [ $awk_rc -eq 0 ]; then
	echo "FAIL: $label/exit-status-$rc"
	exit 1
fi
[ $rc -eq 0 ] && [ $awk_rc -eq 0 ]
