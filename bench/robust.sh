#!/usr/bin/env bash
# make robust: run cqrslint over the Go standard library and over every
# module cqrslint's go.mod requires (pgx, sqlx, x/tools, testify, ...),
# tests included, with -libraries (database/sql, pgx and sqlx are skipped
# otherwise). None of them contains a SQL god struct, so any finding
# is a false positive. Prints a table of counts and exits non-zero on any
# panic, analyzer or load error, or finding.
#
#   bash bench/robust.sh            # std and every required module
#   ROBUST_TARGETS="std" bash bench/robust.sh
#   ROBUST_VET=1 bash bench/robust.sh   # also go vet -vettool on the modules
#   ROBUST_VET_TARGETS="github.com/jackc/pgx/v5" ...  # which modules under go vet
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cqrslint-robust.XXXXXX")"
trap 'rm -rf "$work"' EXIT

go build -C "$root" -o "$work/cqrslint" ./cmd/cqrslint

# A module requiring exactly what cqrslint's go.mod requires, with its
# go.sum, so that "<module>/..." resolves to the versions cqrslint uses.
# Packages of those modules may import modules outside cqrslint's graph:
# -mod=mod lets the go command add them (module cache or proxy).
mkdir "$work/mod"
# "path version" for each requirement of cqrslint's go.mod.
requires="$(awk '/^require \(/ { block = 1; next }
	block && /^\)/ { block = 0 }
	block && NF >= 2 && $1 !~ "^//" { print $1, $2 }
	/^require [^(]/ { print $2, $3 }' "$root/go.mod")"
modules="$(echo "$requires" | cut -d' ' -f1)"
{
	echo "module cqrslint.robust"
	echo
	echo "go 1.26"
	echo
	echo "require ("
	echo "$requires" | sed 's/^/\t/'
	echo ")"
} >"$work/mod/go.mod"
cp "$root/go.sum" "$work/mod/go.sum"
export GOFLAGS=-mod=mod

targets="${ROBUST_TARGETS:-std $modules}"
status=0
printf '| %-45s | %8s | %10s | %8s | %8s | %6s | %6s | %7s |\n' target packages "call sites" resolved findings errors panics seconds
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..47})" ---------: ------------: ---------: ---------: -------: -------: --------:
for t in $targets; do
	pattern="$t/..."
	[ "$t" = std ] && pattern=std
	log="$work/$(echo "$t" | tr '/' '_').log"
	start=$EPOCHREALTIME
	rc=0
	(cd "$work/mod" && "$work/cqrslint" -stats -libraries "$pattern") >"$log" 2>&1 || rc=$?
	secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	stat() { sed -n "s/^  $1: *\([0-9]*\)$/\1/p" "$log" | head -1; }
	pkgs=$(sed -n 's/^cqrslint stats for \([0-9]*\) package.*/\1/p' "$log")
	sites=$(stat "SQL call sites")
	resolved=$(stat resolved)
	findings=$(stat findings)
	errors=$(stat errors)
	panics=$(grep -c '^panic: \|^goroutine [0-9]* \[running\]' "$log" || true)
	printf '| %-45s | %8s | %10s | %8s | %8s | %6s | %6s | %7s |\n' "$t" "${pkgs:-?}" "${sites:-?}" "${resolved:-?}" "${findings:-?}" "${errors:-0}" "$panics" "$secs"
	if [ "$rc" -ne 0 ] || [ "$panics" -ne 0 ] || [ -z "$pkgs" ] || [ "${findings:-1}" -ne 0 ] || [ "${errors:-0}" -ne 0 ]; then
		status=1
		echo "FAIL: $t (exit status $rc); last lines of the output:" >&2
		tail -n 40 "$log" >&2
	fi
done

if [ "${ROBUST_VET:-0}" = 1 ]; then
	# go vet runs the tool on every dependency too (facts), and encodes
	# the facts with gob: this exercises the path the driver above skips.
	for t in ${ROBUST_VET_TARGETS:-$modules}; do
		log="$work/vet.log"
		start=$EPOCHREALTIME
		rc=0
		(cd "$work/mod" && go vet -vettool="$work/cqrslint" -libraries "$t/...") >"$log" 2>&1 || rc=$?
		secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
		findings=$(grep -c '^[^[:space:]#][^:]*\.go:[0-9]*:[0-9]*: [^[:space:]]' "$log" || true)
		panics=$(grep -c '^panic: \|^goroutine [0-9]* \[running\]' "$log" || true)
		printf '| %-45s | %8s | %10s | %8s | %8s | %6s | %6s | %7s |\n' "go vet $t" - - - "$findings" "$([ "$rc" -eq 0 ] && echo 0 || echo "exit $rc")" "$panics" "$secs"
		if [ "$rc" -ne 0 ] || [ "$panics" -ne 0 ] || [ "$findings" -ne 0 ]; then
			status=1
			echo "FAIL: go vet $t (exit status $rc); last lines of the output:" >&2
			tail -n 40 "$log" >&2
		fi
	done
fi

if [ "$status" -ne 0 ]; then
	echo "robust: FAILED (see above)" >&2
else
	echo "robust: no panic, no error, no finding"
fi
exit "$status"
