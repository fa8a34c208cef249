# SPDX-License-Identifier: GPL-2.0-only
#
# tests/bench/report.awk - turn the guest's BENCH-* lines into
# results.json, the markdown table and the README Performance section.
# POSIX awk (mawk or gawk). Input: the console log, CRs stripped.
#   BENCH-S key v...          samples (appended across lines)
#   BENCH-M key n med p95 max mean   statistics computed in the guest
#   BENCH-V key value         a value
#   BENCH-N text              a note
#   BENCH-P phase start|end ms
# Statistics: median (mean of the two middle values for even n), p95 by
# nearest rank (the ceil(0.95 n)-th smallest), max.

/^BENCH-S / {
	k = $2
	for (i = 3; i <= NF; i++) {
		S[k] = (k in S) ? S[k] " " $i : $i
	}
	if (!(k in S)) S[k] = ""
	next
}
/^BENCH-M / { M[$2] = $3 " " $4 " " $5 " " $6 " " $7; next }
/^BENCH-V / {
	k = $2
	v = $0
	sub(/^BENCH-V [^ ]+ ?/, "", v)
	V[k] = v
	next
}
/^BENCH-N / { v = $0; sub(/^BENCH-N /, "", v); notes[++nnotes] = v; next }
/^BENCH-P / { P[$2 "." $3] = $4; next }
/^BENCH-END/ { complete = 1; next }

function isort(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
}

# stats(key): fills ST["n"], ST["median"], ST["p95"], ST["max"], ST["mean"],
# ST["min"]; returns n (0 when there is nothing).
function stats(key,    a, n, i, sum, r) {
	delete ST
	ST["n"] = 0
	if (key in M) {
		split(M[key], a, " ")
		ST["n"] = a[1] + 0; ST["median"] = a[2] + 0; ST["p95"] = a[3] + 0
		ST["max"] = a[4] + 0; ST["mean"] = a[5] + 0; ST["min"] = ""
		return ST["n"]
	}
	if (!(key in S) || S[key] == "")
		return 0
	n = split(S[key], a, " ")
	for (i = 1; i <= n; i++) a[i] += 0
	isort(a, n)
	sum = 0
	for (i = 1; i <= n; i++) sum += a[i]
	ST["n"] = n
	ST["median"] = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	r = int((95 * n + 99) / 100)
	ST["p95"] = a[r]
	ST["max"] = a[n]
	ST["min"] = a[1]
	ST["mean"] = sum / n
	return n
}

function fmt(x,    ax) {
	if (x == "") return "n/a"
	x += 0
	if (x == 0) return "0"
	ax = x < 0 ? -x : x
	if (ax >= 1000) return sprintf("%.0f", x)
	if (ax >= 100) return sprintf("%.1f", x)
	if (ax >= 1) return sprintf("%.2f", x)
	return sprintf("%.3f", x)
}

function jnum(x) {
	if (x == "") return "null"
	return sprintf("%.6g", x)
}

function jstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\t/, " ", s)
	return "\"" s "\""
}

function unit_of(key) {
	if (key ~ /busy_pct$/) return "%"
	if (key ~ /kworker_ms_per_s$/) return "ms/s"
	if (key ~ /wakeups_per_min$/) return "1/min"
	if (key ~ /cost_us$/) return "us"
	return "ms"
}

function daemon_row(key) {
	return key ~ /^(decide|cost)\./
}

# row(section, label, key): one line of the table from a sample set
function row(sec, label, key,    n) {
	n = stats(key)
	if (n)
		trow(sec, label, n, fmt(ST["median"]), fmt(ST["p95"]), fmt(ST["max"]), unit_of(key))
	else
		trow(sec, label, "-", na(key), "", "", unit_of(key))
}

# vrow(section, label, value, unit): a single figure
function vrow(sec, label, value, unit, key) {
	if (value == "" || value == "n/a")
		trow(sec, label, "-", na(key), "", "", unit)
	else
		trow(sec, label, "1", value, "", "", unit)
}

function na(key) {
	if (daemon_missing && daemon_row(key)) return "n/a (daemon missing)"
	return "n/a"
}

function trow(sec, label, n, med, p95, max, unit) {
	table = table sprintf("| %s | %s | %s | %s | %s | %s | %s |\n", sec, label, n, med, p95, max, unit)
}

function ratio(a, b) {
	if (a == "" || b == "" || b + 0 == 0) return ""
	return a / b
}

function med(key) { return stats(key) ? ST["median"] : "" }

END {
	daemon_missing = ("daemon_missing" in V) || !("meta.daemon" in V)
	table = "| # | measurement | n | median | p95 | max | unit |\n|---|---|---|---|---|---|---|\n"

	row("1", "detection, push (sim notifies), poll_ms=100", "detect.push.poll100")
	row("1", "detection, push (sim notifies), poll_ms=1000", "detect.push.poll1000")
	row("1", "detection, periodic poll only, poll_ms=100", "detect.poll.poll100")
	row("1", "detection, periodic poll only, poll_ms=1000", "detect.poll.poll1000")
	row("2", "pre-approved TCB: kernel `renewed` (uevent)", "decide.renewed.kernel")
	row("2", "pre-approved TCB: daemon's `ack` in the kernel", "decide.renewed.verdict")
	row("2", "approved, not pre-approved: kernel `changed`", "decide.approved.kernel")
	row("2", "approved, not pre-approved: daemon's `ack` (state armed)", "decide.approved.verdict")
	row("2", "unapproved TCB: kernel `changed`", "decide.denied.kernel")
	row("2", "unapproved TCB: daemon's `reject` -> `fired`", "decide.denied.verdict")
	row("3", "fire precision, timeout=2 s (fired - deadline)", "fire.t2")
	row("3", "fire precision, timeout=10 s (fired - deadline)", "fire.t10")

	hb = V["cost.heartbeats"] + 0
	cpu_hb = (hb > 0 && ("cost.runtime_ns" in V)) ? V["cost.runtime_ns"] / hb / 1e6 : ""
	tck = (V["cost.clk_tck"] + 0) ? V["cost.clk_tck"] + 0 : 100
	cpu_hb_ticks = (hb > 0 && ("cost.ticks" in V)) ? V["cost.ticks"] * 1000 / tck / hb : ""
	# a report cycle a second apart from the last, as in a heartbeat (caches
	# and QEMU's translated code are cold); else the back-to-back figure
	rep_cpu_hot = ("report.libtsm.cpu_ms_per_report" in V) ? V["report.libtsm.cpu_ms_per_report"] + 0 : ""
	rep_cpu = ("report.libtsm_cold.cpu_ms_per_report" in V) ? V["report.libtsm_cold.cpu_ms_per_report"] + 0 : rep_cpu_hot
	cpu_hb_ex = (cpu_hb != "" && rep_cpu != "") ? cpu_hb - rep_cpu : ""
	csw_hb = (hb > 0 && ("cost.ctxsw" in V)) ? V["cost.ctxsw"] / hb : ""
	vrow("4", "daemon VmRSS", V["cost.vmrss_kb"], "kB", "cost.vmrss")
	vrow("4", "daemon VmHWM", V["cost.vmhwm_kb"], "kB", "cost.vmhwm")
	vrow("4", "daemon CPU per heartbeat, total (/proc/PID/schedstat" (hb ? ", " hb " heartbeats" : "") ")", fmt(cpu_hb), "ms", "cost.cpu")
	vrow("4", "daemon CPU per heartbeat, total (/proc/PID/stat utime+stime)", fmt(cpu_hb_ticks), "ms", "cost.ticks")
	vrow("4", "  of which one libtsm report cycle, 1 s apart (item 5 CPU)", fmt(rep_cpu), "ms", "report")
	vrow("4", "daemon CPU per heartbeat excluding the report", fmt(cpu_hb_ex), "ms", "cost.cpu_ex")
	vrow("4", "daemon context switches per heartbeat", fmt(csw_hb), "1", "cost.csw")
	row("4", "daemon wake-ups per minute, idle between heartbeats", "cost.idle_wakeups_per_min")

	row("5", "report cycle, libtsm (per report)", "report.libtsm")
	row("5", "report cycle, libtsm, one a second (cold, as a heartbeat's)", "report.libtsm_cold")
	vrow("5", "CPU per report, libtsm back to back", fmt(rep_cpu_hot), "ms", "report")
	vrow("5", "CPU per report, libtsm one a second", ("report.libtsm_cold.cpu_ms_per_report" in V) ? fmt(V["report.libtsm_cold.cpu_ms_per_report"]) : "", "ms", "report")
	row("5", "report cycle, busybox sh + od (per report, 10 ms clock)", "report.shell")
	lib_s = ("report.libtsm.per_s" in V) ? V["report.libtsm.per_s"] + 0 : ""
	sh_s = ("report.shell.per_s" in V) ? V["report.shell.per_s"] + 0 : ""
	vrow("5", "reports per second, libtsm", fmt(lib_s), "1/s", "report")
	vrow("5", "reports per second, busybox sh", fmt(sh_s), "1/s", "report")
	r_rep = ratio(lib_s, sh_s)
	vrow("5", "ratio libtsm / shell (reports per second)", r_rep == "" ? "" : fmt(r_rep) "x", "", "report")

	row("6", "guest CPU busy, modules unloaded (baseline)", "poll.unloaded.busy_pct")
	row("6", "guest CPU busy, poll_ms=100", "poll.poll100.busy_pct")
	row("6", "guest CPU busy, poll_ms=1000", "poll.poll1000.busy_pct")
	b0 = med("poll.unloaded.busy_pct")
	a = med("poll.poll100.busy_pct")
	vrow("6", "busy, poll_ms=100 minus baseline (medians)", (a == "" || b0 == "") ? "" : sprintf("%+.3f", a - b0), "% points", "poll")
	a = med("poll.poll1000.busy_pct")
	vrow("6", "busy, poll_ms=1000 minus baseline (medians)", (a == "" || b0 == "") ? "" : sprintf("%+.3f", a - b0), "% points", "poll")
	row("6", "kworker run time, modules unloaded", "poll.unloaded.kworker_ms_per_s")
	row("6", "kworker run time, poll_ms=100", "poll.poll100.kworker_ms_per_s")
	row("6", "kworker run time, poll_ms=1000", "poll.poll1000.kworker_ms_per_s")
	k0 = med("poll.unloaded.kworker_ms_per_s")
	k100 = med("poll.poll100.kworker_ms_per_s")
	k1000 = med("poll.poll1000.kworker_ms_per_s")
	# per poll from the poll_ms=100 windows only: at poll_ms=1000 the
	# difference is within the windows' noise
	kpp100 = (k0 == "" || k100 == "") ? "" : (k100 - k0) * 100
	vrow("6", "kworker time per poll ((kworker at poll_ms=100 - baseline) / 10 polls/s)", kpp100 == "" ? "" : sprintf("%.0f", kpp100), "us", "poll")
	vrow("6", "polling CPU share by kworker time, poll_ms=100", kpp100 == "" ? "" : sprintf("%.3f", kpp100 * 10 / 1e4), "% of one CPU", "poll")
	vrow("6", "polling CPU share by kworker time, poll_ms=1000 (per-poll x 1/s)", kpp100 == "" ? "" : sprintf("%.4f", kpp100 / 1e4), "% of one CPU", "poll")
	row("6", "one poll: tsm_wd_poll_fn run time alone (workqueue tracepoints)", "poll.cost_us")
	pc = med("poll.cost_us")
	vrow("6", "polling CPU share by poll_fn time, poll_ms=100 (10/s x median)", pc == "" ? "" : sprintf("%.4f", pc * 10 / 1e6 * 100), "% of one CPU", "poll")
	vrow("6", "polling CPU share by poll_fn time, poll_ms=1000 (1/s x median)", pc == "" ? "" : sprintf("%.5f", pc / 1e6 * 100), "% of one CPU", "poll")

	row("7", "tdx: detection, push (sim notifies), poll_ms=50", "detect.tdx.push.poll50")
	row("7", "tdx: detection, periodic poll only, poll_ms=50", "detect.tdx.poll.poll50")
	row("7", "tdx: guest CPU busy, modules unloaded (baseline)", "poll.tdx.unloaded.busy_pct")
	row("7", "tdx: guest CPU busy, poll_ms=50", "poll.tdx.poll50.busy_pct")
	row("7", "tdx: kworker run time, modules unloaded", "poll.tdx.unloaded.kworker_ms_per_s")
	row("7", "tdx: kworker run time, poll_ms=50", "poll.tdx.poll50.kworker_ms_per_s")
	t0 = med("poll.tdx.unloaded.kworker_ms_per_s")
	t50 = med("poll.tdx.poll50.kworker_ms_per_s")
	ktdx = (t0 == "" || t50 == "") ? "" : (t50 - t0) * 1000 / 20
	vrow("7", "tdx: kworker time per poll ((kworker at poll_ms=50 - baseline) / 20 polls/s)", ktdx == "" ? "" : sprintf("%.0f", ktdx), "us", "poll")
	vrow("7", "tdx: polling CPU share by kworker time, poll_ms=50", ktdx == "" ? "" : sprintf("%.3f", ktdx * 20 / 1e4), "% of one CPU", "poll")
	row("8", "snp, host busy '10 10' + delay_ms 10000: detection, poll_ms=1000", "detect.throttle.push.poll1000")
	vrow("8", "snp throttled: source errors during the detection runs", V["throttle.source_errors"], "1", "throttle")
	if ("soak.seconds" in V) {
		vrow("9", "soak: seconds under host throttling (relaxed, timeout 120, grace 90; tcb-renewd heartbeat 10 s, report timeout 15 s)", V["soak.seconds"], "s", "soak")
		vrow("9", "soak: false fires (fire_count delta)", V["soak.fires"], "1", "soak")
		vrow("9", "soak: false fires by reason (kernel `fired:` lines)", V["soak.fires_by_reason"], "", "soak")
		vrow("9", "soak: expired events (tcb-renewd's log)", V["soak.expired_events"], "1", "soak")
		vrow("9", "soak: commands refused by the kernel (tcb-renewd's log)", V["soak.ack_refusals"], "1", "soak")
		vrow("9", "soak: fired uevents", V["soak.fired_uevents"], "1", "soak")
		vrow("9", "soak: source-lost uevents", V["soak.source_lost_uevents"], "1", "soak")
		vrow("9", "soak: uevent listener self-check (a host update gave `changed`)", V["soak.listener_ok"] == 1 ? "ok" : "FAILED", "", "soak")
		vrow("9", "soak: source errors (busy reads)", V["soak.source_errors"], "1", "soak")
		vrow("9", "soak: daemon verifications", V["soak.verifications"], "1", "soak")
		vrow("9", "soak: daemon acks sent", V["soak.acks"], "1", "soak")
		vrow("9", "soak: daemon verification errors (no report, ...: no ack)", V["soak.verification_errors"], "1", "soak")
		vrow("9", "soak: state at the end", V["soak.state_end"], "", "soak")
	}

	# ratios from the same run
	nr = 0
	a = med("detect.poll.poll100"); b = med("detect.push.poll100")
	if ((x = ratio(a, b)) != "") R[++nr] = "detect_poll_over_push_poll100\t" x "\tperiodic-poll detection / push detection, median, poll_ms=100"
	a = med("detect.poll.poll1000"); b = med("detect.push.poll1000")
	if ((x = ratio(a, b)) != "") R[++nr] = "detect_poll_over_push_poll1000\t" x "\tperiodic-poll detection / push detection, median, poll_ms=1000"
	a = med("detect.poll.poll1000"); b = med("detect.poll.poll100")
	if ((x = ratio(a, b)) != "") R[++nr] = "detect_poll1000_over_poll100\t" x "\tperiodic-poll detection, poll_ms=1000 / 100, median"
	a = med("detect.tdx.poll.poll50"); b = med("detect.tdx.push.poll50")
	if ((x = ratio(a, b)) != "") R[++nr] = "detect_tdx_poll_over_push_poll50\t" x "\ttdx: periodic-poll detection / push detection, median, poll_ms=50"
	a = med("detect.throttle.push.poll1000"); b = med("detect.push.poll1000")
	if ((x = ratio(a, b)) != "") R[++nr] = "detect_throttled_over_unthrottled_poll1000\t" x "\tsnp detection with host throttling / without, median, poll_ms=1000"
	if (ktdx != "" && kpp100 != "" && kpp100 > 0) R[++nr] = "poll_cost_tdx_over_snp\t" ktdx / kpp100 "\tkworker time per poll, tdx (poll_ms=50) / sim snp (poll_ms=100)"
	if (r_rep != "") R[++nr] = "report_libtsm_over_shell\t" r_rep "\tlibtsm reports per second / busybox shell reports per second"
	a = med("decide.renewed.verdict"); b = med("decide.approved.verdict")
	if ((x = ratio(a, b)) != "") R[++nr] = "decide_renewed_over_approved\t" x "\tdaemon verdict, pre-approved / approved on change, median"
	if (cpu_hb != "" && rep_cpu != "" && cpu_hb > 0) R[++nr] = "report_share_of_heartbeat_cpu\t" rep_cpu / cpu_hb "\tone report cycle's CPU / the daemon's CPU per heartbeat"
	for (i = 1; i <= nr; i++) {
		split(R[i], rr, "\t")
		vrow("*", "ratio: " rr[3], sprintf("%.2f", rr[2]), "x", "ratio")
	}

	# --- results.json
	printf "{\n  \"meta\": {\n" > out_json
	printf "    \"command\": %s,\n    \"started\": %s,\n", jstr(cmdline), jstr(started) > out_json
	printf "    \"accel\": %s,\n    \"host_cpu\": %s,\n    \"host_cpus\": %s,\n    \"host_loadavg_before\": %s,\n", jstr(accel), jstr(host_cpu), jnum(host_cpus), jstr(host_load) > out_json
	printf "    \"guest_kernel\": %s,\n    \"guest_cpus\": %s,\n    \"daemon\": %s,\n    \"quick\": %s,\n", jstr(V["meta.kernel"]), jnum(V["meta.cpus"]), ("meta.daemon" in V) ? jstr(V["meta.daemon"]) : "null", (V["meta.quick"] == 1) ? "true" : "false" > out_json
	printf "    \"guest_exit\": %s,\n    \"complete\": %s,\n", jnum(guest_rc), complete ? "true" : "false" > out_json
	printf "    \"statistics\": \"median; p95 = nearest rank ceil(0.95 n); max\"\n  },\n" > out_json
	printf "  \"metrics\": {" > out_json
	sep = "\n"
	nk = 0
	for (k in S) keys[++nk] = k
	for (k in M) keys[++nk] = k
	isort(keys, nk)
	for (i = 1; i <= nk; i++) {
		k = keys[i]
		if (i > 1 && keys[i - 1] == k) continue
		if (!stats(k)) continue
		printf "%s    %s: {\"unit\": %s, \"n\": %d, \"median\": %s, \"p95\": %s, \"max\": %s, \"mean\": %s", sep, jstr(k), jstr(unit_of(k)), ST["n"], jnum(ST["median"]), jnum(ST["p95"]), jnum(ST["max"]), jnum(ST["mean"]) > out_json
		if (k in S) {
			n = split(S[k], sm, " ")
			printf ", \"samples\": [" > out_json
			for (j = 1; j <= n; j++) printf "%s%s", (j > 1 ? ", " : ""), jnum(sm[j]) > out_json
			printf "]" > out_json
		}
		printf "}" > out_json
		sep = ",\n"
	}
	printf "\n  },\n  \"values\": {" > out_json
	sep = "\n"
	nv = 0
	for (k in V) vkeys[++nv] = k
	isort(vkeys, nv)
	for (i = 1; i <= nv; i++) {
		k = vkeys[i]
		v = V[k]
		printf "%s    %s: %s", sep, jstr(k), (v ~ /^-?[0-9]+(\.[0-9]+)?$/) ? v : jstr(v) > out_json
		sep = ",\n"
	}
	printf "\n  },\n  \"derived\": {\n" > out_json
	printf "    \"daemon_cpu_ms_per_heartbeat\": %s,\n", jnum(cpu_hb) > out_json
	printf "    \"daemon_cpu_ms_per_heartbeat_stat\": %s,\n", jnum(cpu_hb_ticks) > out_json
	printf "    \"report_cycle_cpu_ms\": %s,\n", jnum(rep_cpu) > out_json
	printf "    \"report_cycle_cpu_ms_back_to_back\": %s,\n", jnum(rep_cpu_hot) > out_json
	printf "    \"daemon_cpu_ms_per_heartbeat_excluding_report\": %s,\n", jnum(cpu_hb_ex) > out_json
	printf "    \"daemon_ctxsw_per_heartbeat\": %s,\n", jnum(csw_hb) > out_json
	printf "    \"poll_cpu_share_pct_poll100\": %s,\n", pc == "" ? "null" : jnum(pc * 10 / 1e6 * 100) > out_json
	printf "    \"poll_cpu_share_pct_poll1000\": %s,\n", pc == "" ? "null" : jnum(pc / 1e6 * 100) > out_json
	printf "    \"kworker_us_per_poll\": %s", jnum(kpp100) > out_json
	for (i = 1; i <= nr; i++) {
		split(R[i], rr, "\t")
		printf ",\n    %s: %s", jstr("ratio_" rr[1]), jnum(rr[2]) > out_json
	}
	printf "\n  },\n  \"daemon_missing\": %s,\n  \"notes\": [", daemon_missing ? "true" : "false" > out_json
	for (i = 1; i <= nnotes; i++) printf "%s%s", (i > 1 ? ", " : ""), jstr(notes[i]) > out_json
	printf "]\n}\n" > out_json
	close(out_json)

	# --- table.md
	hdr = sprintf("Guest: Linux %s, %s vCPUs, QEMU %s on %s (%s host CPUs, load %s before the run); %s.\n", V["meta.kernel"], V["meta.cpus"], accel, host_cpu, host_cpus, host_load, started)
	printf "%s\n%s", hdr, table > out_table
	if (nnotes) {
		printf "\nNotes from this run:\n" > out_table
		for (i = 1; i <= nnotes; i++) printf "- %s\n", notes[i] > out_table
	}
	if (!complete) printf "\n**The guest did not finish the bench (run-guest exit %s); rows marked n/a were not reached.**\n", guest_rc > out_table
	close(out_table)

	# --- PERFORMANCE.md (the README section)
	f = out_perf
	printf "## Performance\n\n" > f
	printf "`%s` boots the reference kernel in QEMU and measures, in one guest run,\n", cmdline > f
	printf "how fast the watchdog sees a host TCB update, how fast tcb-renewd's verdict\n" > f
	printf "reaches the kernel, how precisely the action fires and what it all costs\n" > f
	printf "(about 6 minutes; method: tests/bench/README.md; every sample in\n" > f
	printf "`build/bench/results.json`). The figures come from QEMU **TCG**, which\n" > f
	printf "emulates the CPU: everything is several times slower and noisier than on\n" > f
	printf "hardware, so compare figures of the same run (the ratios below), not\n" > f
	printf "across machines; guest CPU times also grow with the host's load (no steal\n" > f
	printf "accounting under TCG). Nothing in `make test` asserts on these times.\n\n" > f
	printf "%s\n", hdr > f
	summ = ""
	if ((a = med("detect.push.poll1000")) != "")
		summ = summ sprintf("- A host update is seen in %s ms through the sim's push notification; by periodic polling alone in %s ms (poll_ms=100) and %s ms (poll_ms=1000), median.\n", fmt(a), fmt(med("detect.poll.poll100")), fmt(med("detect.poll.poll1000")))
	if ((a = med("decide.approved.verdict")) != "")
		summ = summ sprintf("- tcb-renewd's ack of an approved new TCB is in the kernel %s ms after the update; a pre-approved TCB is renewed by the kernel alone in %s ms (the daemon confirms at %s ms); an unapproved one fires %s ms after the update.\n", fmt(a), fmt(med("decide.renewed.kernel")), fmt(med("decide.renewed.verdict")), fmt(med("decide.denied.verdict")))
	if ((a = med("fire.t2")) != "")
		summ = summ sprintf("- The action runs %s ms (timeout 2 s) and %s ms (timeout 10 s) after the deadline, never before: about one jiffy (4 ms at HZ=250), as the core wakes up early and re-arms instead of trusting the timer wheel's coarse buckets for long delays.\n", fmt(a), fmt(med("fire.t10")))
	if (cpu_hb != "")
		summ = summ sprintf("- The daemon: %s kB resident, %s ms CPU per heartbeat of which %s ms is the report, %s wake-ups per minute between heartbeats.\n", V["cost.vmrss_kb"], fmt(cpu_hb), fmt(rep_cpu), fmt(med("cost.idle_wakeups_per_min")))
	if (r_rep != "")
		summ = summ sprintf("- libtsm gets %s fresh reports per second, %sx what the same cycle scripted in busybox sh manages.\n", fmt(lib_s), fmt(r_rep))
	if (pc != "" && kpp100 != "")
		summ = summ sprintf("- One poll of the TCB source runs %s us in the poll function and costs about %s us of kworker time with the timer, waking and scheduling: %s%% of one CPU at poll_ms=100, %s%% at 1000 (/proc/stat cannot resolve it).\n", fmt(pc), sprintf("%.0f", kpp100), sprintf("%.2f", kpp100 * 10 / 1e4), sprintf("%.3f", kpp100 / 1e4))
	else if (pc != "")
		summ = summ sprintf("- One poll of the TCB source runs %s us in the poll function: %s%% of one CPU at poll_ms=100.\n", fmt(pc), sprintf("%.3f", pc * 10 / 1e6 * 100))
	printf "%s\n%s", summ, table > f
	if (nnotes) {
		printf "\nNotes from this run:\n" > f
		for (i = 1; i <= nnotes; i++) printf "- %s\n", notes[i] > f
	}
	close(f)
}
