#!/usr/bin/env bash
# Release build: static cqrslint binaries (CGO_ENABLED=0, -trimpath) for
# each target, each in a .tar.gz with LICENSE and README.md, and a
# SHA256SUMS file, in $DIST. Nothing is published. See docs/release.md.
#
#   VERSION=v0.1.0 bash scripts/release.sh          # what make release runs
#   bash scripts/release.sh -check                  # also verify what was built
#
# VERSION defaults to `git describe --tags --always --dirty`; TARGETS to
# every GOOS/GOARCH pair below; DIST to dist.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[ "${1:-}" = -check ] && check=true

VERSION="${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo devel)}"
DIST="${DIST:-dist}"
TARGETS="${TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}"
GO="${GO:-go}"
# Archive timestamps: the commit's, so that a rebuild of a commit gives the same archives.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

case "$VERSION" in
*[!A-Za-z0-9._+-]*)
	echo "release: VERSION=$VERSION: only letters, digits and ._+- please" >&2
	exit 2
	;;
esac
case "$VERSION" in
*-dirty) echo "release: warning: VERSION=$VERSION: the work tree has uncommitted changes" >&2 ;;
esac

rm -rf "$DIST"
mkdir -p "$DIST"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

for target in $TARGETS; do
	os=${target%/*} arch=${target#*/}
	name="cqrslint_${VERSION}_${os}_${arch}"
	exe=cqrslint
	[ "$os" = windows ] && exe=cqrslint.exe
	mkdir -p "$stage/$name"
	# -buildvcs=auto: stamp the commit when building in a clone, whatever
	# GOFLAGS says; -s -w: no symbol table or DWARF.
	CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" "$GO" build -trimpath -buildvcs=auto \
		-ldflags="-s -w -X main.releaseVersion=$VERSION" -o "$stage/$name/$exe" ./cmd/cqrslint
	cp LICENSE README.md "$stage/$name/"
	tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		-cf - "$name" | gzip -n -9 >"$DIST/$name.tar.gz"
	echo "release: $DIST/$name.tar.gz"
done
(cd "$DIST" && sha256sum -- *.tar.gz >SHA256SUMS)
echo "release: $DIST/SHA256SUMS"

$check || exit 0

# -check: the checksums match, each archive holds the binary, LICENSE and
# README.md, each binary is static and for its target, and the binary for
# this machine says the release's version.
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS)
host="$("$GO" env GOOS)/$("$GO" env GOARCH)"
for target in $TARGETS; do
	os=${target%/*} arch=${target#*/}
	name="cqrslint_${VERSION}_${os}_${arch}"
	exe=cqrslint
	[ "$os" = windows ] && exe=cqrslint.exe
	out="$stage/check/$name"
	mkdir -p "$out"
	tar -C "$out" -xzf "$DIST/$name.tar.gz"
	contents=$(cd "$out" && find . -type f | LC_ALL=C sort | tr '\n' ' ')
	want="./$name/LICENSE ./$name/README.md ./$name/$exe "
	if [ "$contents" != "$want" ]; then
		echo "release -check: $name.tar.gz holds $contents, want $want" >&2
		exit 1
	fi
	info=$("$GO" version -m "$out/$name/$exe")
	for setting in CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" -trimpath=true; do
		if ! grep -q "^[[:space:]]*build[[:space:]]*$setting\$" <<<"$info"; then
			echo "release -check: $name/$exe was not built with $setting:" >&2
			echo "$info" >&2
			exit 1
		fi
	done
	if [ "$target" = "$host" ]; then
		got=$("$out/$name/$exe" -version)
		case "$got" in
		"cqrslint $VERSION "* | "cqrslint $VERSION") ;;
		*)
			echo "release -check: $name/$exe -version says \"$got\", want cqrslint $VERSION" >&2
			exit 1
			;;
		esac
		echo "release -check: $got"
	fi
	echo "release -check: $name.tar.gz ok ($(wc -c <"$DIST/$name.tar.gz") bytes)"
done
