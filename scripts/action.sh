#!/usr/bin/env bash
# The steps of the cqrslint GitHub Action (action.yml), kept here so that a
# test can run them without a workflow runner (cmd/cqrslint/action_test.go).
#
#   action.sh cache-key   print the cache key of cqrslint's build (sources and Go version)
#   action.sh install     build cqrslint from the action's own sources
#   action.sh run         run cqrslint: SARIF file, then the gate
#
# action.yml passes the inputs as CQRSLINT_* variables; the GITHUB_* and
# RUNNER_* variables are the runner's.
set -uo pipefail

# output NAME VALUE writes a step output (or prints it outside Actions).
output() {
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	else
		printf 'output %s=%s\n' "$1" "$2" >&2
	fi
}

# boolean NAME VALUE checks a true/false input.
boolean() {
	case "$2" in
	true | false) ;;
	*)
		echo "::error title=cqrslint::input $1 must be true or false, not \"$2\""
		exit 2
		;;
	esac
}

src="${GITHUB_ACTION_PATH:?the directory of the action}"

case "${1:-}" in
cache-key)
	# Everything the build depends on: go.mod, go.sum, the non-test Go
	# files of the command and the analyzer, and the Go version.
	key=$(
		cd "$src" &&
			{
				go env GOVERSION GOOS GOARCH
				find go.mod go.sum cmd/cqrslint analyzer -type f \( -name '*.go' -o -name 'go.*' \) \
					-not -name '*_test.go' -not -path '*/testdata/*' | LC_ALL=C sort | xargs sha256sum
			} | sha256sum | cut -c1-32
	) || exit 3
	output key "$key"
	;;

install)
	bin="${RUNNER_TEMP:?RUNNER_TEMP}/cqrslint-action/cqrslint"
	# A dedicated build cache (restored and saved by action.yml) when given;
	# the user's module settings (vendor, go.work) do not apply here.
	if [ -n "${CQRSLINT_GOCACHE:-}" ]; then
		export GOCACHE="$CQRSLINT_GOCACHE/go-build" GOMODCACHE="$CQRSLINT_GOCACHE/mod"
	fi
	ldflags=""
	if [ -n "${CQRSLINT_VERSION:-}" ]; then
		ldflags="-X main.releaseVersion=${CQRSLINT_VERSION}"
	fi
	(cd "$src" && GOWORK=off GOFLAGS=-mod=readonly CGO_ENABLED=0 \
		go build -trimpath -buildvcs=false -ldflags="$ldflags" -o "$bin" ./cmd/cqrslint) || {
		echo "::error title=cqrslint::cannot build cqrslint from $src"
		exit 3
	}
	"$bin" -version
	output path "$bin"
	;;

run)
	bin="${CQRSLINT_BIN:?the cqrslint binary that the install step built}"
	format="${CQRSLINT_FORMAT:-github}"
	strict="${CQRSLINT_STRICT:-false}"
	explain="${CQRSLINT_EXPLAIN:-false}"
	upload="${CQRSLINT_UPLOAD_SARIF:-true}"
	sarif="${CQRSLINT_SARIF_FILE:-cqrslint.sarif}"
	boolean strict "$strict"
	boolean explain "$explain"
	boolean upload-sarif "$upload"

	args=()
	[ "$strict" = true ] && args+=(-strict)
	[ "$explain" = true ] && args+=(-explain)
	[ -n "${CQRSLINT_BASELINE:-}" ] && args+=("-baseline=${CQRSLINT_BASELINE}")
	read -r -a packages <<<"${CQRSLINT_PACKAGES:-./...}"
	[ "${#packages[@]}" -gt 0 ] || packages=(./...)

	# The SARIF file first: -format=sarif exits 0 with findings, so it is
	# written whatever the gate decides. Findings in the baseline are in it,
	# marked as suppressed.
	uploaded=false
	if [ "$upload" = true ]; then
		rc=0
		"$bin" -format=sarif "${args[@]}" "${packages[@]}" >"$sarif" || rc=$?
		output sarif-file "$sarif"
		head_repo="${CQRSLINT_HEAD_REPO:-}"
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
			echo "::warning title=cqrslint::no SARIF file: cqrslint -format=sarif exited $rc"
		elif [ -n "$head_repo" ] && [ "$head_repo" != "${GITHUB_REPOSITORY:-}" ]; then
			# A pull request from a fork runs with a read-only token: code
			# scanning would refuse the upload (it needs security-events: write).
			echo "::notice title=cqrslint::SARIF not uploaded: a pull request from a fork ($head_repo) has a read-only token; the annotations are its review"
		elif [ "${GITHUB_ACTOR:-}" = "dependabot[bot]" ] && [ "${GITHUB_EVENT_NAME:-}" = pull_request ]; then
			echo "::notice title=cqrslint::SARIF not uploaded: Dependabot's pull requests have a read-only token"
		else
			uploaded=true
		fi
	fi
	output upload-sarif "$uploaded"

	# The gate: -format=github and -format=text exit 1 on findings not in
	# the baseline, 2 on bad input (a missing baseline file), 3 when a
	# package does not build; json and sarif exit 0 with findings.
	rc=0
	"$bin" "-format=$format" "${args[@]}" "${packages[@]}" || rc=$?
	output exit-code "$rc"
	exit "$rc"
	;;

*)
	echo "usage: $0 cache-key|install|run" >&2
	exit 2
	;;
esac
