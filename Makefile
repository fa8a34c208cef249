# SPDX-License-Identifier: GPL-2.0-only
#
# tsm-watchdog top-level Makefile. Every target installs the Debian packages
# it needs (scripts/deps.sh) so that a fresh Debian 12 machine only needs
# `make demo` and `make test`.
#
# KDIR: the kernel build tree to build the modules against. Default: the
# newest Debian linux-headers-6.12*-amd64 tree (never the running kernel's).

BUILD	?= $(CURDIR)/build
DRV	:= drivers/virt/coco/tsm-watchdog
export BUILD

.PHONY: all deps modules modules-check tools check fuzz fuzz-smoke test demo \
	bench soak debug-kernel kernel-7.3 modules-7.3 model model-soak clean help

all: modules tools

help:
	@echo "make demo          boot a QEMU guest and tell the product's story"
	@echo "make test          every test: unit, sanitizers, fuzz smoke, module build, QEMU scenarios"
	@echo "make modules       build tsm_watchdog.ko and tsm_wd_sim.ko (KDIR=... to choose the tree)"
	@echo "make modules-check W=1 + sparse (C=1) + checkpatch on the driver"
	@echo "make kernel-7.3    the Debian 13 root with the 7.3 kernel and headers (build/trixie)"
	@echo "make modules-7.3   W=1 build of the modules against 7.3, in that root"
	@echo "make tools         build libtsm, tsm-report and tcb-renewd"
	@echo "make check         unit tests (plain and ASan+UBSan)"
	@echo "make fuzz          run the libFuzzer targets (FUZZ_SECONDS=60 each)"
	@echo "make bench         benchmarks in the QEMU guest"
	@echo "make soak          10 minutes of SNP host throttling with tcb-renewd: false fires"
	@echo "make debug-kernel  build the KASAN/lockdep/kmemleak test kernel"
	@echo "make model         spin: every protocol property of tests/model, and that each can fail"
	@echo "make model-soak    differential model test in QEMU with SEEDS=N seeds a mode"
	@echo "make install       install modules, daemon, CLI, unit, man pages (DESTDIR, PREFIX)"
	@echo "make uninstall     remove exactly what make install installed"
	@echo "make dkms          build and install the modules through DKMS"
	@echo "make deb           Debian packages into build/deb/"
	@echo "make packaging-check  DKMS, install/uninstall and package tests"

deps:
	scripts/deps.sh base kernel qemu unit fuzz daemon

modules:
	@scripts/deps.sh base kernel
	$(MAKE) -C $(DRV) modules WITH_SIM=1

modules-check:
	@scripts/deps.sh base kernel checkpatch
	$(MAKE) -C $(DRV) check

tools:
	@scripts/deps.sh base daemon
	$(MAKE) -C tools/lib/tsm
	$(MAKE) -C tools/tsm-report
	$(MAKE) -C tools/tcb-renewd

check:
	@scripts/deps.sh base unit daemon fuzz
	tests/run-all --only unit

fuzz:
	@scripts/deps.sh base fuzz
	$(MAKE) -C tests/fuzz run FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60)

test:
	@scripts/deps.sh base kernel checkpatch qemu unit fuzz daemon dkms deb pkgtest debug-kernel trixie model
	tests/run-all

demo:
	@scripts/deps.sh base kernel qemu daemon
	tests/demo/run

bench:
	@scripts/deps.sh base kernel qemu daemon
	tests/bench/run

# soak: 10 minutes of SNP host throttling with tcb-renewd feeding: false fires
soak:
	@scripts/deps.sh base kernel qemu daemon
	tests/bench/run soak

model:
	@scripts/deps.sh base model
	$(MAKE) -C tests/model model

# More differential sequences in QEMU: SEEDS=N seeds a mode (default 20).
model-soak:
	@scripts/deps.sh base kernel qemu model
	tests/qemu/run-guest --timeout $$(( $(or $(SEEDS),20) * 180 + 300 )) \
		tests/qemu/scenarios/model-diff.sh $(or $(SEEDS),20) 60

debug-kernel:
	@scripts/deps.sh base debug-kernel
	tests/qemu/build-debug-kernel

kernel-7.3:
	@scripts/deps.sh base trixie
	tests/qemu/trixie-root make

modules-7.3: kernel-7.3
	tests/qemu/build-modules 7.3 --check

# install, uninstall, dkms and deb targets live in packaging/install.mk
-include packaging/install.mk

clean:
	$(MAKE) -C $(DRV) clean
	-$(MAKE) -C tools/lib/tsm clean
	-$(MAKE) -C tools/tsm-report clean
	-$(MAKE) -C tools/tcb-renewd clean
	rm -rf $(BUILD)
