# Entry points: `make demo` and `make test` install what they need
# (scripts/setup.sh), configure, build and run. Build folders:
#   build/       release build (CLI, tests, benchmarks)
#   build-asan/  unit tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   build-fuzz/  libFuzzer targets (clang)
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 15
PROTOLM    := $(BUILD)/src/cli/protolm

.PHONY: all setup build demo test test-unit test-asan test-fuzz check-layering clean

all: build

setup:
	@./scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD)

demo: build
	$(PROTOLM) clone --device wago-750-881 -o $(BUILD)/demo-clone
	@cat $(BUILD)/demo-clone/report.md

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j2

# Line tables only (-g1): sanitizer and fuzzer reports keep file:line, and
# the two sanitized builds compile and link faster than with full -g.
test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DPROTOLM_SANITIZE=ON -DPROTOLM_BENCH=OFF \
	  >/dev/null
	@cmake --build $(ASAN_BUILD)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j2

test-fuzz: setup
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" -DPROTOLM_FUZZ=ON \
	  -DPROTOLM_TESTS=OFF -DPROTOLM_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) --target fuzzers
	./scripts/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Includes stay within each module's DEPS, no module cycle, no protocol named
# outside its folder (docs/architecture.md, "Layers"); runs in a second.
check-layering: setup
	python3 scripts/check_layering.py

# The layering check, the fuzzers, then the whole suite under the sanitizers
# (its ctest summary closes the run). The release suite (test-unit) is the
# same tests in the build `make demo` uses; CI leaves it out to stay near 30
# minutes on 2 cores, since compiling the tree a third time is most of its
# cost.
test: check-layering test-fuzz test-asan

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
