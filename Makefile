# Lantern: thin wrapper over CMake. `make run` and `make test` are the two commands a
# new user needs; both install missing dependencies first.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= sqlite:var/lantern.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test test-c test-node sanitize fuzz bench format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)
	@scripts/copy-assets.sh

run: build
	@scripts/run-demo.sh $(BUILD)/lantern "$(DB)" "$(LISTEN)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@scripts/test-node.sh $(BUILD)/lantern

sanitize: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFUZZ=ON -DSANITIZE=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@scripts/run-fuzzers.sh $(FUZZ_BUILD) $${FUZZ_SECONDS:-20}

bench: build
	@scripts/run-bench.sh $(BUILD)

format:
	clang-format -i $$(git ls-files "src/*.[ch]" "tests/*.[ch]" "bench/*.[ch]")

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
