# molehunt build. Everything under src/ except src/main.c goes into one static
# library; the tool, unit tests, fuzz targets and benchmarks link against it.
#
#   make            build ./molehunt (release)
#   make test       install deps, build, unit + e2e tests, then the same under ASan/UBSan
#   make demo       install deps, build, simulate a small company, scan it, rank people
#   make bench      throughput benchmark (see bench/README.md)
#   make fuzz       run every libFuzzer target for FUZZ_SECONDS each

PKGS     := libcjson sqlite3 libxxhash libzstd zlib libmaxminddb yaml-0.1 libmicrohttpd nettle gmime-3.0 libarchive libssl libcrypto libcurl rdkafka
VARIANT  ?= release
CC       ?= cc
B        := build/$(VARIANT)

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# snprintf truncation is how bounded fields are cut on purpose; clang lacks the flag.
WARN     += $(if $(findstring clang,$(CC)),,-Wno-format-truncation)
CFLAGS_release := -O2 -g
CFLAGS_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
CFLAGS_fuzz    := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
LDFLAGS_asan   := -fsanitize=address,undefined
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -march=x86-64-v2 $(WARN) -Isrc $(PKG_CFLAGS) -pthread \
              $(CFLAGS_$(VARIANT)) $(CFLAGS) -MMD -MP
LIBS     := $(PKG_LIBS) -pthread -lm

SRCS     := $(shell find src -name '*.c' ! -path src/main.c | sort)
OBJS     := $(SRCS:%.c=$(B)/%.o)
# Reference tables (data/*.tsv) are compiled into the library by scripts/embed-data,
# so the binary needs no data files at run time.
DATA     := $(sort $(wildcard data/*.tsv))
OBJS     += $(B)/gen/data.o $(B)/gen/web_assets.o
UNIT     := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
FUZZ     := $(patsubst tests/fuzz/%.c,build/fuzz/tests/%,$(wildcard tests/fuzz/fuzz_*.c))
BENCHES  := $(patsubst bench/%.c,$(B)/bench/%,$(wildcard bench/*.c))

.PHONY: all deps test test-build test-run test-asan unit e2e demo bench fuzz format format-check clean

all: molehunt

deps:
	@sh scripts/install-deps

molehunt: $(B)/molehunt
	@cp $< $@

$(B)/molehunt: $(B)/src/main.o $(B)/libmolehunt.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_$(VARIANT)) -o $@ $^ $(LIBS)

$(B)/libmolehunt.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

# The dashboard (web/): built with npm, embedded into the binary (docs/DASHBOARD.md).
WEB_SRC  := $(shell find web/src -type f 2>/dev/null) web/index.html web/build web/package.json \
            web/package-lock.json
web/dist/index.html: $(WEB_SRC)
	@sh web/build

$(B)/gen/web_assets.c: web/dist/index.html web/embed.py
	@mkdir -p $(dir $@)
	@python3 web/embed.py web/dist $@

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/gen/data.c: $(DATA) scripts/embed-data
	@mkdir -p $(dir $@)
	@sh scripts/embed-data $(DATA) > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libmolehunt.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS_$(VARIANT)) -Itests/unit -o $@ $< $(B)/libmolehunt.a $(LIBS) -lcmocka

$(B)/bench/%: bench/%.c $(B)/libmolehunt.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libmolehunt.a $(LIBS)

build/fuzz/tests/%: tests/fuzz/%.c build/fuzz/libmolehunt.a
	@mkdir -p $(dir $@)
	@echo "LINK $@"
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< build/fuzz/libmolehunt.a $(LIBS)

unit: $(UNIT) $(B)/molehunt
e2e: $(B)/molehunt

# Everything the suite needs for the current VARIANT.
test-build: $(UNIT) $(B)/molehunt $(BENCHES)

# One pass of the whole suite for the current VARIANT.
test-run: test-build
	@sh tests/run-tests $(B)

test: deps format-check
	@sh tests/test-all

test-asan: deps
	@$(MAKE) --no-print-directory VARIANT=asan test-run

demo: deps
	@$(MAKE) --no-print-directory molehunt
	@sh scripts/demo

bench: deps
	@$(MAKE) --no-print-directory molehunt $(BENCHES)
	@sh bench/run $(B)

fuzz: deps
	@$(MAKE) --no-print-directory VARIANT=fuzz CC=clang $(FUZZ)
	@sh tests/fuzz/run $(FUZZ_SECONDS)

format:
	clang-format -i $$(find src tests bench -name '*.[ch]')

format-check:
	@clang-format --dry-run --Werror $$(find src tests bench -name '*.[ch]') && echo "format: ok"

clean:
	rm -rf build molehunt

-include $(OBJS:.o=.d) $(B)/src/main.d
