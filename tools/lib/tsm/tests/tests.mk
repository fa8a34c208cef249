# SPDX-License-Identifier: GPL-2.0-only
# Included by ../Makefile: unit tests, built plainly and with ASan+UBSan.

TESTS	:= test_snp test_tdx test_tcb test_dispatch test_report test_util test_tdreport
TBIN	:= $(OUT)/tests
# WERROR=0 (the Debian package build, whose dh_auto_test builds these):
# a newer compiler's new warning stays a warning; the project's CI keeps it.
WERROR	?= 1
TCFLAGS	:= -std=c11 -D_GNU_SOURCE -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) \
	   -Wno-unused-parameter -g
WRAP	:= -Wl,--wrap=mkdir,--wrap=rmdir,--wrap=read,--wrap=write
WRAP_test_report := $(WRAP)
WRAP_test_tdreport := -Wl,--wrap=ioctl
RUN	:= $(TOP)/tests/lib/run-cmocka.sh

$(TBIN)/plain/%: tests/%.c tests/fixtures.c tests/fixtures.h $(OUT)/libtsm.a | $(TBIN)/plain
	$(CC) $(TCFLAGS) -O1 -o $@ $< tests/fixtures.c $(OUT)/libtsm.a \
		$(WRAP_$*) -lcmocka
$(TBIN)/san/%: tests/%.c tests/fixtures.c tests/fixtures.h $(OUT)/libtsm-san.a | $(TBIN)/san
	$(CC) $(TCFLAGS) $(SAN) -o $@ $< tests/fixtures.c $(OUT)/libtsm-san.a \
		$(WRAP_$*) -lcmocka
$(TBIN)/plain $(TBIN)/san:
	mkdir -p $@

check: $(TESTS:%=$(TBIN)/plain/%) $(TESTS:%=$(TBIN)/san/%)
	@rc=0; \
	for t in $(TESTS); do \
		$(RUN) libtsm/$$t $(TBIN)/plain/$$t || rc=1; \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(RUN) libtsm-asan-ubsan/$$t $(TBIN)/san/$$t || rc=1; \
	done; exit $$rc
