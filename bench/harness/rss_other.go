//go:build !unix

package main

import "os"

// maxRSSKB is unknown outside Unix.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
