//go:build !unix

package pgserver

import (
	"context"
	"errors"
)

func startCluster(context.Context, func(string, ...any)) (*Server, error) {
	return nil, errors.New("a throwaway cluster is only supported on Unix systems")
}
