# Thin wrapper over meson (README.md, "Two commands"). `make run` and
# `make check` install missing Debian packages (as root), configure, build,
# then launch or test.

BUILDDIR ?= build
MESON    ?= meson

BUILD_PKGS = gcc pkg-config meson ninja-build python3 \
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev \
  libepoxy-dev libcairo2-dev libpango1.0-dev libgraphviz-dev liblapacke-dev libopenblas-dev \
  desktop-file-utils appstream fonts-dejavu-core gettext \
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgif-dev \
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
TEST_PKGS  = xvfb xauth x11-utils xdotool imagemagick libxml2-utils poppler-utils \
  dbus-daemon libglib2.0-bin gstreamer1.0-tools gstreamer1.0-plugins-base-apps \
  at-spi2-core python3-pyatspi gir1.2-atspi-2.0 locales
# the GUI latency benchmark drives the window through AT-SPI and XTest
BENCH_PKGS = python3-torch python3-numpy python3-xlib python3-pyatspi \
  gir1.2-atspi-2.0 at-spi2-core
# only for make fuzz (libFuzzer is clang's; make check and check-asan use gcc)
FUZZ_PKGS  = clang-14 libclang-rt-14-dev
VALGRIND_PKGS = valgrind

FUZZ_SECONDS  ?= 60
FUZZ_TARGETS  ?= expr expr-diff csv weights session
FUZZ_BUILDDIR ?= build-fuzz
ASAN_BUILDDIR ?= build-asan
# sanitized code runs 2-10x slower; raise on a loaded machine
ASAN_TIMEOUT_MULTIPLIER ?= 4

# ensure-pkgs: install what is missing, and only that; not root: say how.
define ensure-pkgs
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "dlnlab: missing Debian packages. Run as root:"; \
	    echo "  apt-get update && apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	  echo "dlnlab: installing$$missing"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y$$missing; \
	fi
endef

.PHONY: all deps deps-test deps-bench deps-fuzz deps-valgrind setup build run check \
  check-reference bench fuzz mutate check-asan check-valgrind storm soak clean

all: build

deps:
	$(call ensure-pkgs,$(BUILD_PKGS))

deps-test: deps
	$(call ensure-pkgs,$(TEST_PKGS))

deps-bench: deps
	$(call ensure-pkgs,$(BENCH_PKGS))

deps-fuzz: deps
	$(call ensure-pkgs,$(FUZZ_PKGS))

deps-valgrind: deps
	$(call ensure-pkgs,$(VALGRIND_PKGS))

setup: deps
	@if [ ! -f $(BUILDDIR)/build.ninja ]; then $(MESON) setup $(BUILDDIR) -Dprofile=development; fi

build: setup
	$(MESON) compile -C $(BUILDDIR)

run: build
	$(BUILDDIR)/app/dlnlab

# Every suite; the last line is `N passed, N failed` (test cases, not binaries).
check: deps-test setup
	$(MESON) compile -C $(BUILDDIR)
	@rc=0; $(MESON) test -C $(BUILDDIR) --print-errorlogs --num-processes 2 \
	  --suite core --suite headless --suite gui || rc=$$?; \
	/usr/bin/python3 tests/summary.py $(BUILDDIR)/meson-logs/testlog.json || rc=1; \
	exit $$rc

# Regenerate the PyTorch reference data and compare it live.
check-reference: deps-bench deps-test setup
	$(MESON) compile -C $(BUILDDIR)
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --suite reference

bench: deps-bench deps-test setup
	$(MESON) compile -C $(BUILDDIR)
	$(MESON) test -C $(BUILDDIR) --benchmark --verbose --num-processes 1

# libFuzzer on every target in tests/fuzz for FUZZ_SECONDS each, one at a
# time under nice; crashes land in $(FUZZ_BUILDDIR)/fuzz/TARGET/.
fuzz: deps-fuzz
	@if [ ! -f $(FUZZ_BUILDDIR)/build.ninja ]; then \
	  CC=clang-14 $(MESON) setup $(FUZZ_BUILDDIR) -Dfuzzing=true -Dgui_tests=false \
	    -Db_sanitize=address,undefined -Db_lundef=false; fi
	$(MESON) compile -C $(FUZZ_BUILDDIR) $(addprefix tests/fuzz/fuzz-,$(FUZZ_TARGETS))
	sh tests/fuzz/run-fuzz.sh $(FUZZ_BUILDDIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Every suite and the GUI storm built with ASan + UBSan (gcc's runtimes):
# leaks are checked everywhere, minus tests/sanitizers/lsan.supp; any
# report fails its test. Sanitized code runs 2-10x slower, hence the
# timeout multiplier.
check-asan: deps-test
	@if [ ! -f $(ASAN_BUILDDIR)/build.ninja ]; then \
	  $(MESON) setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined; fi
	$(MESON) compile -C $(ASAN_BUILDDIR)
	@rc=0; $(MESON) test -C $(ASAN_BUILDDIR) --print-errorlogs --num-processes 2 \
	  --timeout-multiplier $(ASAN_TIMEOUT_MULTIPLIER) --suite core --suite headless --suite gui --suite storm \
	  || rc=$$?; \
	/usr/bin/python3 tests/summary.py $(ASAN_BUILDDIR)/meson-logs/testlog.json || rc=1; \
	exit $$rc

# Valgrind memcheck over the CLI commands (tests/sanitizers/valgrind-cli.sh).
check-valgrind: deps-valgrind build
	sh tests/sanitizers/valgrind-cli.sh $(BUILDDIR)/app/dlnlab-cli $(BUILDDIR)/valgrind

# 60 s of random input on the window (tests/gui/gui-storm.sh).
storm: deps-test setup
	$(MESON) compile -C $(BUILDDIR)
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --suite storm

# Long runs with memory measured: a million CLI steps, minutes of GUI
# training (tests/soak/).
soak: deps-test setup
	$(MESON) compile -C $(BUILDDIR)
	$(MESON) test -C $(BUILDDIR) --print-errorlogs --num-processes 1 --suite soak

# Mutation campaign: each one-line bug in tests/mutate/mutations.tsv, applied
# to a scratch copy of HEAD under $(BUILDDIR)/mutate, must fail a test.
# Prints killed / survived per area; fails on a STALE pattern or an area
# under 90 % killed. Niced: it rebuilds and tests once per mutation.
# MUTATE_ARGS narrows a run, e.g. MUTATE_ARGS="--area pages,cli" or
# MUTATE_ARGS="--only fig-ticks-max".
MUTATE_ARGS ?=
mutate: deps-test
	nice -n 10 /usr/bin/python3 tests/mutate/mutate.py \
	  --scratch $(BUILDDIR)/mutate $(MUTATE_ARGS)

clean:
	rm -rf $(BUILDDIR) $(FUZZ_BUILDDIR) $(ASAN_BUILDDIR)
