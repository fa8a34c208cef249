#!/bin/sh
# tsm-report against the simulated TDX host (tsm_wd_sim platform=tdx): the
# fresh report is a TDX quote v5 (body type 3) whose tcb is the running
# module's TEE_TCB_SVN2 and the QE report's CPUSVN, equal to the kernel's
# current_tcb; the launch-time TEE_TCB_SVN stays apart; after a runtime
# update both move as on a real TDX module; a saved quote parses offline to
# the same values.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

# json_val KEY FILE: the string or number value of a top-level key.
json_val() {
	tr -d '\n' < "$2" | sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",}]*\)\"\{0,1\}[,}].*/\1/p"
}
# report_is FILE TCB: FILE (tsm-report --json) is a TDX quote v5 whose TCB
# is TCB (tdx:<SVN2><CPUSVN>), launched on $SVN_A.
report_is() {
	cat "$1"
	expect_eq "$(json_val format "$1")" tdx-quote "JSON format"
	expect_eq "$(json_val version "$1")" 5 "JSON version"
	expect_eq "$(json_val tcb "$1")" "$2" "JSON tcb"
	_h=${2#tdx:}
	expect_eq "$(json_val tee_tcb_svn2 "$1")" "$(echo "$_h" | cut -c1-32)" "JSON tee_tcb_svn2 (the running module)"
	expect_eq "$(json_val cpusvn "$1")" "$(echo "$_h" | cut -c33-64)" "JSON cpusvn (the QE report's)"
	expect_eq "$(json_val tee_tcb_svn "$1")" "$SVN_A" "JSON tee_tcb_svn (launch time)"
}

command -v tsm-report > /dev/null || fail "tsm-report is not on PATH"
sim_setup tdx mode=relaxed action=log timeout="$(ts 60)" grace="$(ts 30)" poll_ms=100
sim_knob tee_tcb_svn "$SVN_A"
sim_tcb_set "$TDX_A"
wait_attr current_tcb "$TDX_A" "$(ts 3)"

tsm-report --json --nonce 00112233 > /tmp/r.json || fail "tsm-report --json: exit $?"
expect_eq "$(json_val provider /tmp/r.json)" tsm_wd_sim "JSON provider"
report_is /tmp/r.json "$TDX_A"
case $(json_val report_data /tmp/r.json) in
00112233*) ok "nonce at the start of report_data" ;;
*) fail "report_data does not start with the nonce" ;;
esac

# a TDX module runtime update: SVN2 moves, TEE_TCB_SVN (launch) does not
sim_tcb_set "$TDX_B"
wait_attr current_tcb "$TDX_B" "$(ts 3)"
tsm-report --json > /tmp/r2.json || fail "tsm-report --json after the update: exit $?"
report_is /tmp/r2.json "$(cat "$WD_SYS/current_tcb")"
report_is /tmp/r2.json "$TDX_B"

# saved, then parsed offline (format detected, and named)
rm -rf /tmp/saved
tsm-report --save /tmp/saved > /dev/null || fail "tsm-report --save"
for f in auto tdx-quote; do
	tsm-report parse /tmp/saved/outblob --format "$f" --json > /tmp/p.json ||
		fail "parse --format $f: exit $?"
	report_is /tmp/p.json "$TDX_B"
done
tsm-report parse /tmp/saved/outblob --format snp > /dev/null 2>&1
expect_eq "$?" 1 "a TDX quote parsed as an SNP report is refused"
pass
