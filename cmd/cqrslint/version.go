package main

import (
	"cmp"
	"flag"
	"fmt"
	"runtime/debug"
)

// versionFlag prints cqrslint's version. Unlike go/analysis's -V=full,
// whose answer go vet parses to key its cache, it says which release or
// commit a binary is.
const versionFlag = "version"

func registerVersionFlag(fs *flag.FlagSet) *bool {
	return fs.Bool(versionFlag, false,
		"print cqrslint's version (release, or commit of a build from a clone) and exit; ignored under go vet")
}

// releaseVersion is set by the release build (make release:
// -ldflags=-X main.releaseVersion=...). Empty otherwise.
var releaseVersion string

// buildVersion says which cqrslint a binary is.
type buildVersion struct {
	// Version is the release or module version ("v0.1.0", a
	// pseudo-version for a build from a clone), else "devel". SARIF's
	// tool.driver.version and -stats show it.
	Version string
	// Revision is the VCS commit the binary was built from, when the go
	// command stamped it (a build in a git clone).
	Revision string
	// Modified is set when the clone had uncommitted changes.
	Modified bool
	// GoVersion is the toolchain that built the binary.
	GoVersion string
}

// readVersion derives cqrslint's version from the build information the
// go command embeds: the module version for go install ...@vX, and the
// vcs.revision and vcs.modified settings for a build from a clone.
// release, when set, is the version the release build gave.
func readVersion(bi *debug.BuildInfo, ok bool, release string) buildVersion {
	v := buildVersion{Version: "devel"}
	if ok && bi != nil {
		v.GoVersion = bi.GoVersion
		if m := bi.Main.Version; m != "" && m != "(devel)" {
			v.Version = m
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	v.Version = cmp.Or(release, v.Version)
	return v
}

// String is the line cqrslint -version prints, e.g.
//
//	cqrslint v0.1.0 (go1.26.8)
//	cqrslint v0.0.0-20261202033722-afaa6348c10d+dirty (revision afaa6348c10da1196ce86bad551323f73a99bdc2, modified; go1.26.8)
func (v buildVersion) String() string {
	var detail string
	if v.Revision != "" {
		detail = "revision " + v.Revision
		if v.Modified {
			detail += ", modified"
		}
	}
	if v.GoVersion != "" {
		if detail != "" {
			detail += "; "
		}
		detail += v.GoVersion
	}
	if detail == "" {
		return "cqrslint " + v.Version
	}
	return fmt.Sprintf("cqrslint %s (%s)", v.Version, detail)
}

// currentVersion is the running binary's version.
func currentVersion() buildVersion {
	bi, ok := debug.ReadBuildInfo()
	return readVersion(bi, ok, releaseVersion)
}
