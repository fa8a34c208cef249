# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Helpers for the sim-* scenarios (the simulated SNP and TDX hosts), sourced
# after guest-lib.sh:
#   . "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
#   . "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

# shellcheck disable=SC2034 # used by the scenarios
# TDX values: a TDX Module 1.5 at launch (TEE_TCB_SVN minor 0b, major 01,
# SEAM loader 04), the same module after runtime updates (SVN_B, SVN_C),
# an older one (SVN_OLD), and CPUSVNs before and after a microcode update.
SVN_A=0b010400000000000000000000000000
SVN_B=0d010400000000000000000000000000
SVN_C=0e010400000000000000000000000000
SVN_OLD=0a010400000000000000000000000000
CPU_A=0505020200ff00000000000000000000
CPU_B=0506020200ff00000000000000000000
TDX_A=tdx:$SVN_A$CPU_A
TDX_B=tdx:$SVN_B$CPU_A
TDX_C=tdx:$SVN_C$CPU_A
TDX_OLD=tdx:$SVN_OLD$CPU_A

# sim_knob NAME VALUE: write a knob of the simulated host.
sim_knob() {
	echo "$2" > "$SIM_DIR/$1" || fail "write '$2' to $SIM_DIR/$1"
	log "host: $1 := $2"
}

# sim_setup PLATFORM [WD PARAMS...]: the sim on PLATFORM at its default TCB,
# the core loaded with the given parameters, armed by an ack of the TCB it
# reads; events reset. Sets T0 to that TCB.
sim_setup() {
	_p=$1
	shift
	load_sim platform="$_p"
	T0=$(sim_tcb_get)
	load_wd "$@"
	wait_attr current_tcb "$T0" "$(ts 3)"
	expect_ok "ack $T0"
	expect_attr state armed
	expect_attr acked_tcb "$T0"
	events_reset
}

# expect_events LINE...: the events since the last events_reset, without
# their sequence numbers, are exactly LINE..., in this order.
expect_events() {
	events_collect
	_got=$(sed 's/^[0-9]* //' "$EVLOG" | tr '\n' ';')
	_want=
	[ $# -eq 0 ] || _want=$(printf '%s;' "$@")
	[ "$_got" = "$_want" ] || fail "events: got '$_got', expected '$_want'"
	ok "events are exactly '$_want'"
}

# expect_fail_write CMD: writing CMD to the device does not succeed.
expect_fail_write() {
	_r=$(wdctl write "$1")
	[ "$_r" != ok ] || fail "write '$1' succeeded"
	ok "write '$1' refused ($_r)"
}

# snp_renew_tcb2 [commit]: from sim_setup snp (TCB1 acked), the host
# hot-loads TCB2, which userspace expected, so it is renewed; with "commit"
# the host then commits it (COMMITTED_TCB, the floor, becomes TCB2).
# Userspace acks TCB2 (the floor held at that ack), and events are reset.
snp_renew_tcb2() {
	expect_ok "expect $TCB2"
	sim_tcb_set "$TCB2"
	wait_attr acked_tcb "$TCB2" "$(ts 3)"
	if [ "${1:-}" = commit ]; then
		sim_knob commit 1
		wait_attr floor_tcb "$TCB2" "$(ts 3)"
	else
		expect_attr floor_tcb "$TCB1"
	fi
	expect_ok "ack $TCB2"
	events_reset
}
