# SPDX-License-Identifier: GPL-2.0-only
#
# Install targets, included by the top-level Makefile. See packaging/INSTALL.md.
#
#   make install    [DESTDIR=] [PREFIX=/usr/local] [SYSCONFDIR=/etc]
#                   [MODULES=kbuild|none] [KDIR=...] [WITH_SIM=1]
#       tcb-renewd ($(PREFIX)/sbin), tsm-report ($(PREFIX)/bin), the systemd
#       unit ($(PREFIX)/lib/systemd/system), man pages, the example
#       $(SYSCONFDIR)/tcb-renewd.conf (an existing one is never overwritten),
#       $(SYSCONFDIR)/modprobe.d/ snippet, and with
#       MODULES=kbuild (default) the modules via kbuild's modules_install
#       (INSTALL_MOD_PATH=$(DESTDIR)) for the kernel tree KDIR. The list of
#       what was installed: $(DESTDIR)$(PREFIX)/share/tsm-watchdog/install-manifest.
#   make uninstall  the same DESTDIR/PREFIX: removes exactly what the manifest lists.
#   make dkms       [WITH_SIM=1] [DKMS_KERNELS="6.12.x-amd64 ..."] stage the
#       DKMS source tree in /usr/src/tsm-watchdog-<version> and run dkms
#       add/build/install for every kernel listed (default: every kernel in
#       /lib/modules with a build tree; kernels without configfs-tsm are
#       skipped). `make dkms-remove` undoes it.
#   make deb        the Debian packages (dpkg-buildpackage -us -uc -b) into
#       $(BUILD)/deb/.

PREFIX		?= /usr/local
SYSCONFDIR	?= /etc
MODULES		?= kbuild
WITH_SIM	?= 0
DKMS_VERSION	:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' $(CURDIR)/dkms.conf)
DKMS_KERNELS	?= $(notdir $(patsubst %/build,%,$(wildcard /lib/modules/*/build)))
INSTALL_ENV	= DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SYSCONFDIR="$(SYSCONFDIR)" \
		  MODULES="$(MODULES)" WITH_SIM="$(WITH_SIM)" BUILD="$(BUILD)" \
		  $(if $(KDIR),KDIR="$(KDIR)")

.PHONY: install install-tools uninstall dkms dkms-remove deb

install-tools:
	@scripts/deps.sh base daemon
	$(MAKE) -C tools/lib/tsm
	$(MAKE) -C tools/tsm-report
	$(MAKE) -C tools/tcb-renewd

install: install-tools
	@$(if $(filter kbuild,$(MODULES)),scripts/deps.sh base kernel)
	$(INSTALL_ENV) packaging/install.sh install

uninstall:
	$(INSTALL_ENV) packaging/install.sh uninstall

dkms:
	@scripts/deps.sh dkms
	-dkms remove -m tsm-watchdog -v $(DKMS_VERSION) --all >/dev/null 2>&1
	rm -rf /usr/src/tsm-watchdog-$(DKMS_VERSION)
	packaging/dkms/stage /usr/src/tsm-watchdog-$(DKMS_VERSION)
	dkms add -m tsm-watchdog -v $(DKMS_VERSION)
	@set -e; for k in $(DKMS_KERNELS); do \
		rc=0; dkms build -m tsm-watchdog -v $(DKMS_VERSION) -k $$k || rc=$$?; \
		if [ $$rc = 77 ]; then echo "tsm-watchdog: kernel $$k has no configfs-tsm: skipped"; continue; fi; \
		[ $$rc = 0 ] || exit $$rc; \
		dkms install -m tsm-watchdog -v $(DKMS_VERSION) -k $$k --force; \
	done
ifeq ($(WITH_SIM),1)
	-dkms remove -m tsm-watchdog-sim -v $(DKMS_VERSION) --all >/dev/null 2>&1
	rm -rf /usr/src/tsm-watchdog-sim-$(DKMS_VERSION)
	packaging/dkms/stage --sim /usr/src/tsm-watchdog-sim-$(DKMS_VERSION)
	dkms add -m tsm-watchdog-sim -v $(DKMS_VERSION)
	@set -e; for k in $(DKMS_KERNELS); do \
		rc=0; dkms build -m tsm-watchdog-sim -v $(DKMS_VERSION) -k $$k || rc=$$?; \
		if [ $$rc = 77 ]; then echo "tsm-watchdog-sim: kernel $$k skipped"; continue; fi; \
		[ $$rc = 0 ] || exit $$rc; \
		dkms install -m tsm-watchdog-sim -v $(DKMS_VERSION) -k $$k --force; \
	done
endif

dkms-remove:
	-dkms remove -m tsm-watchdog -v $(DKMS_VERSION) --all
	-dkms remove -m tsm-watchdog-sim -v $(DKMS_VERSION) --all
	rm -rf /usr/src/tsm-watchdog-$(DKMS_VERSION) /usr/src/tsm-watchdog-sim-$(DKMS_VERSION)

deb:
	@scripts/deps.sh base daemon deb
	packaging/build-deb $(BUILD)/deb

# The packaging tests (PASS:/FAIL: lines); deb-test needs root.
.PHONY: packaging-check
packaging-check:
	@scripts/deps.sh base kernel daemon dkms deb pkgtest
	@rc=0; \
	packaging/tests/dkms-test || rc=1; \
	packaging/tests/install-test || rc=1; \
	packaging/tests/deb-test || rc=1; \
	exit $$rc
